/**
 * GS-11 absences of post holders: planned leave ahead, "absent today" on the day, training…
 * Recorded by the holder herself or by a supervisor / the town centre for anyone in reach; cancelled
 * the same way. China dates are whole days (`to` inclusive), date-times are exact.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, PostAbsenceTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { auditActor, authorize, regionReach, type Actor, type Grant } from '../../shared/actor.ts';
import { addDays, chinaDate, chinaDayStartUtc } from '../../shared/china-time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadGrants } from '../auth/session.service.ts';
import { ABSENCE_RECORDERS, HOLDER_ROLES, POST_MANAGERS, POST_READERS } from './posts.access.ts';
import { chinaInstant } from './posts.rules.ts';
import type { AbsenceView, NewAbsence } from './posts.schema.ts';
import { underPrefix } from '../../shared/region-range.ts';

type Db = Kysely<Database>;
const MAX_DAYS = 90;

/** The absence's instants from the request (China time), or POST_ABSENCE_INVALID. */
export function absenceInterval(
  body: Pick<z.infer<typeof NewAbsence>, 'kind' | 'from' | 'to'>,
  now: Date,
): { startsAt: string; endsAt: string } {
  const today = chinaDate(now);
  const start = (v: string) =>
    v.length === 10 ? chinaDayStartUtc(v) : chinaInstant(v.slice(0, 10), v.slice(11)).toISOString();
  const end = (v: string) =>
    v.length === 10
      ? chinaDayStartUtc(addDays(v, 1))
      : chinaInstant(v.slice(0, 10), v.slice(11)).toISOString();
  let startsAt: string;
  let endsAt: string;
  if (body.kind === 'absent_today' && !body.from && !body.to) {
    startsAt = now.toISOString();
    endsAt = chinaDayStartUtc(addDays(today, 1));
  } else if (body.from && body.to) {
    startsAt = start(body.from);
    endsAt = end(body.to);
  } else if (body.from && body.kind === 'absent_today') {
    startsAt = start(body.from);
    endsAt = chinaDayStartUtc(addDays(body.from.slice(0, 10), 1));
  } else throw new AppError('POST_ABSENCE_INVALID', { detail: 'from and to' });
  const s = Date.parse(startsAt);
  const e = Date.parse(endsAt);
  if (!(e > s) || e <= now.getTime() || e - s > MAX_DAYS * 86_400_000)
    throw new AppError('POST_ABSENCE_INVALID');
  return { startsAt, endsAt };
}

export async function presentAbsences(
  db: Db,
  rows: PostAbsenceTable[],
  actor: Actor,
): Promise<AbsenceView[]> {
  if (rows.length === 0) return [];
  const people = await db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(rows.map((r) => r.account_id))])
    .execute();
  const manages = regionReach(actor, POST_MANAGERS);
  return rows.map((r) => ({
    id: r.id,
    account: {
      id: r.account_id,
      displayName: people.find((p) => p.id === r.account_id)?.display_name ?? '',
    },
    kind: r.kind,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    note: r.note,
    status: r.status,
    recordedBy: r.recorded_by,
    createdAt: r.created_at,
    availableActions:
      r.status === 'active' &&
      (r.account_id === actor.accountId || manages.some((m) => r.region_code.startsWith(m)))
        ? ['cancel']
        : [],
  }));
}

/** The grant through which the absence is recorded and the region it is filed under. */
async function recordingScope(
  db: Db,
  actor: Actor,
  accountId: string,
): Promise<{ grant: Grant; regionCode: string }> {
  const holder = (await loadGrants(db, accountId)).filter((g) =>
    (HOLDER_ROLES as readonly string[]).includes(g.role),
  );
  if (accountId === actor.accountId) {
    const own = holder[0] ?? actor.grants[0];
    if (!own) throw new AppError('FORBIDDEN');
    return { grant: authorize(actor, ABSENCE_RECORDERS), regionCode: own.regionCode };
  }
  if (!actor.grants.some((g) => (POST_MANAGERS as readonly string[]).includes(g.role)))
    throw new AppError('POST_ABSENCE_NOT_YOURS');
  if (holder.length === 0) throw new AppError('POST_HOLDER_NOT_AT_STATION');
  const reach = regionReach(actor, POST_MANAGERS);
  const inReach = holder.find((g) => reach.some((r) => g.regionCode.startsWith(r)));
  if (!inReach) throw new AppError('OUT_OF_SCOPE');
  return {
    grant: authorize(actor, POST_MANAGERS, inReach.regionCode),
    regionCode: inReach.regionCode,
  };
}

export async function recordAbsence(
  db: Db,
  input: { body: z.infer<typeof NewAbsence>; actor: Actor; requestId: string; now: Date },
): Promise<AbsenceView> {
  const { body, actor, now } = input;
  const accountId = body.accountId ?? actor.accountId;
  const { grant, regionCode } = await recordingScope(db, actor, accountId);
  const { startsAt, endsAt } = absenceInterval(body, now);
  const row: PostAbsenceTable = {
    id: crypto.randomUUID(),
    account_id: accountId,
    region_code: regionCode,
    kind: body.kind,
    starts_at: startsAt,
    ends_at: endsAt,
    note: body.note ?? null,
    status: 'active',
    recorded_by: actor.accountId,
    created_at: now.toISOString(),
    cancelled_by: null,
    cancelled_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('post_absences').values(row).execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'post_absence.recorded',
      entityType: 'post_absence',
      entityId: row.id,
      regionCode,
      after: { accountId, kind: body.kind, startsAt, endsAt },
      requestId: input.requestId,
      now,
    });
  });
  return (await presentAbsences(db, [row], actor))[0]!;
}

export async function cancelAbsence(
  db: Db,
  input: { id: string; actor: Actor; requestId: string; now: Date },
): Promise<AbsenceView> {
  const { actor, now } = input;
  const row = await db
    .selectFrom('post_absences')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!row) throw new AppError('POST_ABSENCE_NOT_FOUND');
  const grant =
    row.account_id === actor.accountId
      ? authorize(actor, ABSENCE_RECORDERS)
      : authorize(actor, POST_MANAGERS, row.region_code);
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('post_absences')
      .set({ status: 'cancelled', cancelled_by: actor.accountId, cancelled_at: nowIso })
      .where('id', '=', row.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('POST_ABSENCE_CANCELLED');
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'post_absence.cancelled',
      entityType: 'post_absence',
      entityId: row.id,
      regionCode: row.region_code,
      before: { status: 'active' },
      after: { status: 'cancelled' },
      requestId: input.requestId,
      now,
    });
  });
  const updated = {
    ...row,
    status: 'cancelled' as const,
    cancelled_by: actor.accountId,
    cancelled_at: nowIso,
  };
  return (await presentAbsences(db, [updated], actor))[0]!;
}

/** Absences not ended by `from` (China date, default today): one's own and those in reach. */
export interface AbsenceFilter {
  stationId?: string | undefined;
  from?: string | undefined;
  actor: Actor;
  now: Date;
}

/** Active absences not over by `from` (default today), the caller's own and in reach; unordered. */
export function filteredAbsences(db: Db, input: AbsenceFilter) {
  const { actor } = input;
  const reach = regionReach(actor, POST_READERS);
  const since = chinaDayStartUtc(input.from ?? chinaDate(input.now));
  let q = db
    .selectFrom('post_absences as x')
    .selectAll('x')
    .where('x.status', '=', 'active')
    .where('x.ends_at', '>', since)
    .where((eb) =>
      eb.or([
        eb('x.account_id', '=', actor.accountId),
        ...reach.map((r) => underPrefix('x.region_code', r)),
      ]),
    );
  if (input.stationId) {
    const sid = input.stationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('posts as p')
          .select('p.id')
          .where('p.station_id', '=', sid)
          .where((e2) =>
            e2.or([
              e2('p.a_account_id', '=', e2.ref('x.account_id')),
              e2('p.b_account_id', '=', e2.ref('x.account_id')),
            ]),
          ),
      ),
    );
  }
  return q;
}

export async function listAbsences(db: Db, input: AbsenceFilter): Promise<AbsenceView[]> {
  // The id breaks ties of the start, in the keyset page's order (posts-page.ts).
  const rows = await filteredAbsences(db, input)
    .orderBy('x.starts_at')
    .orderBy('x.id')
    .limit(500)
    .execute();
  return presentAbsences(db, rows, input.actor);
}
