/**
 * GS-12 training sessions: a town officer records a session (at the town centre, or point-to-point
 * at a village station of the town), its topics (catalog items + free text) and who attended.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, TrainingSessionKind } from '../../db/schema.ts';
import { auditActor, type Actor, type Caller } from '../../shared/actor.ts';
import { addDays, chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { townCodeOf } from '../../shared/region-code.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import {
  assertItems,
  assertTownStaff,
  itemNames,
  itemRef,
  readerPrefixes,
  writerGrantForTown,
} from './training-town.ts';
import type { AttendanceBody, NewTrainingSession, SessionQuery } from './training.schema.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

/** The place must fit the kind: the town centre for a centre session, a village station otherwise. */
async function placeOf(db: Kysely<Database>, stationId: string, kind: TrainingSessionKind) {
  const station = await db
    .selectFrom('stations')
    .select(['id', 'name', 'kind', 'region_code'])
    .where('id', '=', stationId)
    .executeTakeFirst();
  const wanted = kind === 'town_centre' ? 'town_centre' : 'village_station';
  if (!station || station.kind !== wanted) throw new AppError('TRAINING_PLACE_INVALID');
  return station;
}

export async function createTrainingSession(
  db: Kysely<Database>,
  input: {
    body: z.output<typeof NewTrainingSession>;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
) {
  const { body, now } = input;
  const place = await placeOf(db, body.stationId, body.kind);
  const townCode = townCodeOf(place.region_code);
  const grant = writerGrantForTown(input.actor, townCode);
  if (body.heldOn > addDays(chinaDate(now), 366)) throw new AppError('TRAINING_DATE_INVALID');
  const topics = [...new Set(body.topicItems)];
  await assertItems(db, topics);
  const attendees = [...new Set(body.attendeeIds)];
  await assertTownStaff(db, townCode, attendees, 'TRAINING_ATTENDEE_INVALID');
  const id = crypto.randomUUID();
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('training_sessions')
      .values({
        id,
        kind: body.kind,
        town_code: townCode,
        station_id: place.id,
        held_on: body.heldOn,
        trainer_name: body.trainerName,
        topic_text: body.topicText,
        created_by: input.actor.accountId,
        created_at: nowIso,
      })
      .execute();
    if (topics.length > 0)
      await trx
        .insertInto('training_session_topics')
        .values(topics.map((item_code) => ({ session_id: id, item_code })))
        .execute();
    if (attendees.length > 0)
      await trx
        .insertInto('training_attendance')
        .values(
          attendees.map((account_id) => ({
            session_id: id,
            account_id,
            status: 'present' as const,
            recorded_by: input.actor.accountId,
            recorded_at: nowIso,
          })),
        )
        .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'training.session_recorded',
      entityType: 'training_session',
      entityId: id,
      regionCode: townCode,
      after: { kind: body.kind, stationId: place.id, heldOn: body.heldOn, topics, attendees },
      requestId: input.requestId,
      now,
    });
  });
  return getTrainingSession(db, { id, actor: input.actor, now });
}

/** Marks each listed attendee present or absent (adding them when new); only once it was held. */
export async function recordAttendance(
  db: Kysely<Database>,
  input: {
    id: string;
    body: z.output<typeof AttendanceBody>;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
) {
  const session = await db
    .selectFrom('training_sessions')
    .select(['id', 'town_code', 'held_on'])
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!session) throw new AppError('TRAINING_SESSION_NOT_FOUND');
  const grant = writerGrantForTown(input.actor, session.town_code);
  if (session.held_on > chinaDate(input.now)) throw new AppError('TRAINING_SESSION_NOT_HELD');
  const ids = input.body.entries.map((e) => e.accountId);
  await assertTownStaff(db, session.town_code, ids, 'TRAINING_ATTENDEE_INVALID');
  const byId = new Map(input.body.entries.map((e) => [e.accountId, e.present]));
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    for (const [accountId, present] of byId) {
      const status = present ? ('present' as const) : ('absent' as const);
      await trx
        .insertInto('training_attendance')
        .values({
          session_id: session.id,
          account_id: accountId,
          status,
          recorded_by: input.actor.accountId,
          recorded_at: nowIso,
        })
        .onConflict((oc) =>
          oc
            .columns(['session_id', 'account_id'])
            .doUpdateSet({ status, recorded_by: input.actor.accountId, recorded_at: nowIso }),
        )
        .execute();
    }
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'training.attendance_recorded',
      entityType: 'training_session',
      entityId: session.id,
      regionCode: session.town_code,
      after: { entries: [...byId].map(([accountId, present]) => ({ accountId, present })) },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return getTrainingSession(db, { id: session.id, actor: input.actor, now: input.now });
}

function sessionQuery(db: Kysely<Database>) {
  return db
    .selectFrom('training_sessions as t')
    .innerJoin('stations as s', 's.id', 't.station_id')
    .innerJoin('accounts as a', 'a.id', 't.created_by')
    .selectAll('t')
    .select(['s.name as station_name', 'a.display_name as creator_name']);
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];

async function present(db: Kysely<Database>, rows: SessionRow[], now: Date) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const topics = await db
    .selectFrom('training_session_topics')
    .selectAll()
    .where('session_id', 'in', ids)
    .orderBy('item_code')
    .execute();
  const attendance = await db
    .selectFrom('training_attendance as x')
    .innerJoin('accounts as a', 'a.id', 'x.account_id')
    .select(['x.session_id', 'x.account_id', 'x.status', 'a.display_name'])
    .where('x.session_id', 'in', ids)
    .orderBy('a.display_name')
    .execute();
  const stationNames = await db
    .selectFrom('role_grants as g')
    .innerJoin('stations as s', 's.id', 'g.station_id')
    .select(['g.account_id', 's.name'])
    .where('g.account_id', 'in', [...new Set(attendance.map((a) => a.account_id)), ''])
    .execute();
  const names = await itemNames(
    db,
    topics.map((t) => t.item_code),
  );
  const today = chinaDate(now);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    townCode: r.town_code,
    station: { id: r.station_id, name: r.station_name },
    heldOn: r.held_on,
    trainerName: r.trainer_name,
    topicItems: topics.filter((t) => t.session_id === r.id).map((t) => itemRef(names, t.item_code)),
    topicText: r.topic_text,
    attendance: attendance
      .filter((a) => a.session_id === r.id)
      .map((a) => ({
        id: a.account_id,
        displayName: a.display_name,
        status: a.status,
        stationName: stationNames.find((s) => s.account_id === a.account_id)?.name ?? null,
      })),
    createdBy: { id: r.created_by, displayName: r.creator_name },
    createdAt: r.created_at,
    attendanceOpen: r.held_on <= today,
  }));
}

export async function getTrainingSession(
  db: Kysely<Database>,
  input: { id: string; actor: Caller; now: Date },
) {
  const rows = await sessionQuery(db).where('t.id', '=', input.id).execute();
  const row = rows[0];
  if (!row) throw new AppError('TRAINING_SESSION_NOT_FOUND');
  if (!('system' in input.actor)) readerPrefixes(input.actor, row.town_code);
  return (await present(db, rows, input.now))[0]!;
}

type SessionFilter = Pick<z.output<typeof SessionQuery>, 'townCode' | 'from' | 'to'> & {
  actor: Actor;
};

/** The sessions a filter selects in the caller's reach (unordered, unpaged). */
function filteredSessions(db: Kysely<Database>, input: SessionFilter) {
  const prefixes = readerPrefixes(input.actor, input.townCode);
  let q = sessionQuery(db).where(underAnyPrefix('t.town_code', prefixes));
  if (input.from) q = q.where('t.held_on', '>=', input.from);
  if (input.to) q = q.where('t.held_on', '<=', input.to);
  return q;
}

/** Latest day first; sessions of one day by id (the keyset's tie-breaker, issue #16 p5). */
export async function listTrainingSessions(
  db: Kysely<Database>,
  input: z.output<typeof SessionQuery> & { actor: Actor; now: Date },
) {
  const rows = await filteredSessions(db, input)
    .orderBy('t.held_on', 'desc')
    .orderBy('t.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return present(db, rows, input.now);
}

/** Issue #16 p5: the same list by keyset (shared/keyset.ts). */
export const SESSION_ORDER: KeysetOrder = {
  list: 'training-sessions',
  key: 't.held_on',
  keyKind: 'text',
  id: 't.id',
  direction: 'desc',
};

export async function pageTrainingSessions(
  db: Kysely<Database>,
  input: SessionFilter & { limit: number; after?: string | undefined; now: Date },
) {
  const after = cursorAfter(SESSION_ORDER, input.after);
  const q = filteredSessions(db, input);
  const rows = await keysetQuery(q, SESSION_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, SESSION_ORDER, (r) => ({
    key: r.held_on,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('t.id'));
  return { items: await present(db, shown, input.now), nextCursor, total, totalExact };
}
