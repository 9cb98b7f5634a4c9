/**
 * CP-4 → VS-8: when the organiser confirms a session's hours, each rostered volunteer who checked
 * in and out gets a confirmed service record (hours by the VS-6 rules: within the session's window,
 * whole half-hours, the daily cap), under an activity of their team that stands for the session —
 * from then on the hours count in their record, stars, certificates and figures. Once per session
 * (a guarded update claims it).
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, ProgramSessionTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import {
  hourRecordRow,
  insertHourRecords,
  type RecordActivity,
} from '../records/hour-record.row.ts';
import { computeHours, DEFAULT_DAILY_HOURS_CAP } from '../activities/hours.rules.ts';
import { notify } from '../notifications/notification.service.ts';
import { ORGANISER } from './programs.access.ts';
import { reachDay } from './programs-day.access.ts';
import { presentStaff } from './staff-roster.ts';
import type { StaffView } from './programs-day.schema.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

async function activityFor(
  trx: Trx,
  pii: PiiCipher,
  input: {
    session: ProgramSessionTable;
    teamId: string;
    title: string;
    place: string;
    capacity: number;
    actor: Actor;
    at: string;
  },
): Promise<RecordActivity> {
  const id = crypto.randomUUID();
  await trx
    .insertInto('vs_activities')
    .values({
      id,
      order_id: null,
      project_id: null,
      team_id: input.teamId,
      title: input.title,
      description: `program_session:${input.session.id}`,
      place: input.place,
      region_code: input.session.region_code,
      starts_at: new Date(input.session.starts_at).toISOString(),
      ends_at: new Date(input.session.ends_at).toISOString(),
      capacity: input.capacity,
      confirmed_count: input.capacity,
      queue_seq: 0,
      skills: '[]',
      lead_account_id: input.actor.accountId,
      code_secret_cipher: pii.encrypt(crypto.randomBytes(32).toString('base64')),
      status: 'completed',
      cancel_reason: null,
      version: 1,
      created_by: input.actor.accountId,
      is_demo: 0,
      created_at: input.at,
      updated_at: input.at,
    })
    .execute();
  return { id, region_code: input.session.region_code };
}

export async function confirmProgramHours(
  deps: { db: Db; pii: PiiCipher; dailyHoursCap?: number },
  input: { classId: string; day: string; actor: Actor; requestId: string; now: Date },
): Promise<StaffView[]> {
  const { db } = deps;
  const { actor, now } = input;
  const grant = authorize(actor, ORGANISER);
  const { klass, program, session, party } = await reachDay(db, actor, input);
  if (party !== 'organiser') throw new AppError('FORBIDDEN');
  if (session.hours_confirmed_at !== null) throw new AppError('CP_HOURS_CONFIRMED');
  const staff = await db
    .selectFrom('program_staff')
    .selectAll()
    .where('session_id', '=', session.id)
    .execute();
  const done = staff.filter((s) => s.checked_in_at !== null && s.checked_out_at !== null);
  if (
    now.getTime() < new Date(session.ends_at).getTime() ||
    staff.some((s) => s.checked_in_at !== null && s.checked_out_at === null) ||
    done.length === 0
  )
    throw new AppError('CP_HOURS_TOO_EARLY');
  const at = now.toISOString();
  const title = `${program.title} · ${klass.name}`;
  await db.transaction().execute(async (trx) => {
    const claim = await trx
      .updateTable('program_sessions')
      .set({ hours_confirmed_at: at, hours_confirmed_by: actor.accountId })
      .where('id', '=', session.id)
      .where('hours_confirmed_at', 'is', null)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) throw new AppError('CP_HOURS_CONFIRMED');
    const activityOfTeam = new Map<string, RecordActivity>();
    for (const s of done) {
      let activity = activityOfTeam.get(s.team_id);
      if (!activity) {
        activity = await activityFor(trx, deps.pii, {
          session,
          teamId: s.team_id,
          title,
          place: program.venue_name,
          capacity: done.filter((d) => d.team_id === s.team_id).length,
          actor,
          at,
        });
        activityOfTeam.set(s.team_id, activity);
      }
      const checkedInAt = new Date(s.checked_in_at!);
      const checkedOutAt = new Date(s.checked_out_at!);
      const other = await trx
        .selectFrom('vs_service_records')
        .select((eb) => eb.fn.sum<number>('half_hours').as('n'))
        .where('volunteer_id', '=', s.volunteer_id)
        .where('service_date', '=', session.day)
        .where('status', 'in', ['confirmed', 'pending_confirmation'])
        .executeTakeFirst();
      const h = computeHours({
        checkedInAt,
        checkedOutAt,
        startsAt: new Date(session.starts_at),
        endsAt: new Date(session.ends_at),
        travelMinutes: 0,
        otherHalfHoursThatDay: Number(other?.n ?? 0),
        dailyCapHours: deps.dailyHoursCap ?? DEFAULT_DAILY_HOURS_CAP,
      });
      const recordId = crypto.randomUUID();
      const record = hourRecordRow(activity, {
        id: recordId,
        volunteer_id: s.volunteer_id,
        team_id: s.team_id,
        service_date: session.day,
        checked_in_at: checkedInAt.toISOString(),
        checked_out_at: checkedOutAt.toISOString(),
        check_in_method: 'lead',
        check_out_method: 'lead',
        travel_minutes: 0,
        half_hours: h.halfHours,
        content: title,
        place: program.venue_name,
        status: 'confirmed',
        evaluation: null,
        reject_reason: null,
        confirmed_by: actor.accountId,
        confirmed_at: at,
        created_at: at,
        updated_at: at,
      });
      await insertHourRecords(trx, [record]);
      await trx
        .updateTable('program_staff')
        .set({
          service_record_id: recordId,
          service_record_date: record.service_date,
          service_record_region_code: record.region_code,
        })
        .where('id', '=', s.id)
        .execute();
      if (s.account_id)
        await notify(trx, {
          accountId: s.account_id,
          kind: 'vs_hours_confirmed',
          params: { activity: title, hours: h.halfHours / 2 },
          entityType: 'vs_service_record',
          entityId: recordId,
          now,
        });
    }
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'program_session.hours_confirmed',
      entityType: 'program_session',
      entityId: session.id,
      regionCode: session.region_code,
      after: { volunteers: done.length },
      requestId: input.requestId,
      now,
    });
  });
  return presentStaff(
    db,
    { sessionId: session.id },
    { organiser: true, accountId: actor.accountId, sessionOpen: session.status === 'open' },
  );
}
