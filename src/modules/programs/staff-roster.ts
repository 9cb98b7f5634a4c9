/**
 * CP-4 the roster of a session, drawn from registered volunteers (VS-1) through the team they
 * serve with (巾帼、五老、教师、大学生 …): the organiser adds them; the organiser or the volunteer
 * themself records the actual check-in and check-out — the ratio is computed from these times.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ProgramStaffTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { isUniqueViolation, ORGANISER, organises } from './programs.access.ts';
import { loadSession, reachDay } from './programs-day.access.ts';
import type { StaffView } from './programs-day.schema.ts';
import { rosterableMembership } from './volunteer-lookup.ts';

type Db = Kysely<Database>;

/** Roster rows of sessions (or one row) with the volunteer's name and team, as views. */
export async function presentStaff(
  db: Db,
  where: { sessionId?: string; id?: string },
  viewer: { organiser: boolean; accountId: string; sessionOpen: boolean },
): Promise<StaffView[]> {
  let q = db
    .selectFrom('program_staff as s')
    .innerJoin('vs_volunteers as v', 'v.id', 's.volunteer_id')
    .innerJoin('vs_teams as t', 't.id', 's.team_id')
    .leftJoin('vs_service_records as r', 'r.id', 's.service_record_id')
    .selectAll('s')
    .select(['v.full_name', 't.name as team_name', 'r.half_hours']);
  if (where.sessionId) q = q.where('s.session_id', '=', where.sessionId);
  if (where.id) q = q.where('s.id', '=', where.id);
  const rows = await q.orderBy('v.full_name').orderBy('s.id').execute();
  return rows.map((s) => {
    const mayAct = viewer.sessionOpen && (viewer.organiser || s.account_id === viewer.accountId);
    const actions: ('check_in' | 'check_out')[] = [];
    if (mayAct && s.checked_in_at === null) actions.push('check_in');
    if (mayAct && s.checked_in_at !== null && s.checked_out_at === null) actions.push('check_out');
    return {
      id: s.id,
      sessionId: s.session_id,
      volunteerId: s.volunteer_id,
      name: s.full_name,
      team: s.team_name,
      checkedInAt: s.checked_in_at ? new Date(s.checked_in_at).toISOString() : null,
      checkedOutAt: s.checked_out_at ? new Date(s.checked_out_at).toISOString() : null,
      hours: s.half_hours === null ? null : s.half_hours / 2,
      flagged: s.flagged === 1,
      availableActions: actions,
    };
  });
}

/** The organiser puts a registered volunteer on the class's session of `day`. */
export async function addToRoster(
  db: Db,
  input: {
    classId: string;
    day: string;
    volunteerId: string;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<StaffView> {
  const { actor, now } = input;
  const grant = authorize(actor, ORGANISER);
  const { session, party } = await reachDay(db, actor, input);
  if (party !== 'organiser') throw new AppError('FORBIDDEN');
  if (session.status === 'closed') throw new AppError('CP_SESSION_CLOSED');
  const volunteer = await rosterableMembership(db, actor, input.volunteerId);
  const row: ProgramStaffTable = {
    id: crypto.randomUUID(),
    session_id: session.id,
    volunteer_id: volunteer.id,
    team_id: volunteer.team_id,
    account_id: volunteer.account_id,
    checked_in_at: null,
    checked_out_at: null,
    flagged: 0,
    service_record_id: null,
    service_record_date: null,
    service_record_region_code: null,
    created_at: now.toISOString(),
  };
  const dup = await db
    .selectFrom('program_staff')
    .select('id')
    .where('session_id', '=', session.id)
    .where('volunteer_id', '=', volunteer.id)
    .executeTakeFirst();
  if (dup) throw new AppError('CP_ROSTER_DUPLICATE');
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('program_staff').values(row).execute();
      await recordAudit(trx, {
        actor: auditActor(actor, grant),
        action: 'program_staff.rostered',
        entityType: 'program_session',
        entityId: session.id,
        regionCode: session.region_code,
        after: { staffId: row.id, volunteerId: volunteer.id, teamId: volunteer.team_id },
        requestId: input.requestId,
        now,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CP_ROSTER_DUPLICATE');
    throw e;
  }
  const [view] = await presentStaff(
    db,
    { id: row.id },
    { organiser: true, accountId: actor.accountId, sessionOpen: true },
  );
  return view!;
}

/** Check-in or check-out of a roster entry, by the organiser or the volunteer themself. */
export async function staffClock(
  db: Db,
  input: { id: string; what: 'in' | 'out'; actor: Actor; requestId: string; now: Date },
): Promise<StaffView> {
  const { actor, now } = input;
  const row = await db
    .selectFrom('program_staff')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!row) throw new AppError('CP_ROSTER_NOT_FOUND');
  const session = await loadSession(db, row.session_id);
  const organiser = organises(actor, session.region_code);
  if (!organiser && row.account_id !== actor.accountId) throw new AppError('CP_ROSTER_NOT_FOUND');
  if (session.status === 'closed') throw new AppError('CP_SESSION_CLOSED');
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r =
      input.what === 'in'
        ? await trx
            .updateTable('program_staff')
            .set({ checked_in_at: at })
            .where('id', '=', row.id)
            .where('checked_in_at', 'is', null)
            .executeTakeFirst()
        : await trx
            .updateTable('program_staff')
            .set({ checked_out_at: at })
            .where('id', '=', row.id)
            .where('checked_in_at', 'is not', null)
            .where('checked_out_at', 'is', null)
            .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CP_STAFF_STATE');
    await recordAudit(trx, {
      actor: auditActor(actor),
      action: input.what === 'in' ? 'program_staff.checked_in' : 'program_staff.checked_out',
      entityType: 'program_session',
      entityId: session.id,
      regionCode: session.region_code,
      after: { staffId: row.id, at },
      requestId: input.requestId,
      now,
    });
  });
  const [view] = await presentStaff(
    db,
    { id: row.id },
    { organiser, accountId: actor.accountId, sessionOpen: true },
  );
  return view!;
}
