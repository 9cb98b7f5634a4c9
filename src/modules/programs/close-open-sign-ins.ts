/**
 * CP-3 the day-end sweep, safe on several nodes: a session past the end of its day is claimed by a
 * conditional update (`status = 'open' AND closes_at <= now`) inside the transaction that closes
 * its open sign-ins — present → auto_closed, flagged, never counted as present — and the volunteers'
 * check-ins left open (checked out at the session's end, flagged: their hours count only when the
 * organiser confirms the session's hours), so two sweepers at once close every session, and flag
 * every child and volunteer, exactly once.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { ATTENDANCE_RULES } from './attendance.workflow.ts';

const SWEEP_ACTOR: AuditActor = { accountId: null, role: 'system', stationId: null };

/** Closes the sessions whose day is over at `now`; returns how many children this sweeper flagged. */
export async function closeOpenSignIns(
  db: Kysely<Database>,
  input: { now: Date; limit?: number },
): Promise<{ sessions: number; flagged: number; staffFlagged: number }> {
  const at = input.now.toISOString();
  const due = await db
    .selectFrom('program_sessions')
    .select(['id', 'region_code', 'day', 'ends_at'])
    .where('status', '=', 'open')
    .where('closes_at', '<=', at)
    .orderBy('closes_at')
    .limit(input.limit ?? 200)
    .execute();
  let sessions = 0;
  let flagged = 0;
  let staffFlagged = 0;
  for (const s of due) {
    const n = await db.transaction().execute(async (trx) => {
      const claim = await trx
        .updateTable('program_sessions')
        .set({ status: 'closed', closed_at: at })
        .where('id', '=', s.id)
        .where('status', '=', 'open')
        .where('closes_at', '<=', at)
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) return null; // another sweeper was first
      const open = await trx
        .selectFrom('program_attendance')
        .select(['id', 'enrolment_id'])
        .where('session_id', '=', s.id)
        .where('status', 'in', ATTENDANCE_RULES.auto_close.from)
        .execute();
      if (open.length > 0)
        await trx
          .updateTable('program_attendance')
          .set({ status: ATTENDANCE_RULES.auto_close.to, flagged: 1, updated_at: at })
          .where('session_id', '=', s.id)
          .where('status', 'in', ATTENDANCE_RULES.auto_close.from)
          .execute();
      for (const a of open)
        await recordAudit(trx, {
          actor: SWEEP_ACTOR,
          action: 'attendance.auto_closed',
          entityType: 'enrolment',
          entityId: a.enrolment_id,
          regionCode: s.region_code,
          before: { status: 'present' },
          after: { status: 'auto_closed', day: s.day, flagged: true },
          requestId: null,
          now: input.now,
        });
      const staff = await closeOpenStaff(trx, s, input.now);
      return { children: open.length, staff };
    });
    if (n !== null) {
      sessions++;
      flagged += n.children;
      staffFlagged += n.staff;
    }
  }
  return { sessions, flagged, staffFlagged };
}

/** Inside the sweeper's claim: volunteers still checked in leave at the session's end, flagged. */
async function closeOpenStaff(
  trx: Transaction<Database>,
  s: { id: string; region_code: string; day: string; ends_at: string | Date },
  now: Date,
): Promise<number> {
  const end = new Date(s.ends_at);
  const out = new Date(Math.min(end.getTime(), now.getTime())).toISOString();
  const open = await trx
    .selectFrom('program_staff')
    .select(['id', 'volunteer_id'])
    .where('session_id', '=', s.id)
    .where('checked_in_at', 'is not', null)
    .where('checked_out_at', 'is', null)
    .execute();
  if (open.length === 0) return 0;
  await trx
    .updateTable('program_staff')
    .set({ checked_out_at: out, flagged: 1 })
    .where('session_id', '=', s.id)
    .where('checked_in_at', 'is not', null)
    .where('checked_out_at', 'is', null)
    .execute();
  for (const r of open)
    await recordAudit(trx, {
      actor: SWEEP_ACTOR,
      action: 'program_staff.auto_closed',
      entityType: 'program_session',
      entityId: s.id,
      regionCode: s.region_code,
      before: { staffId: r.id, checkedOutAt: null },
      after: { staffId: r.id, volunteerId: r.volunteer_id, checkedOutAt: out, flagged: true },
      requestId: null,
      now,
    });
  return open.length;
}
