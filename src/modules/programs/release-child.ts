/**
 * CP-3 the door in the afternoon: staff hand a child over only on the day's code (or the child's
 * tag) and to a person the guardian authorised for today; anyone on the not-authorised list is
 * refused. Every attempt is logged — a refusal too (with its reason) — and every release records
 * who handed the child to whom and when. A release after the end plus the grace is a late pickup
 * (a strike; see withdrawal-proposals.ts).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { ATTENDANCE_RULES, attendanceRefusal } from './attendance.workflow.ts';
import { loadAttendance, presentOne } from './attendance-rows.ts';
import { isLatePickup } from './class-sessions.rules.ts';
import { ensurePickupCode } from './pickup-codes.ts';
import { asPickupPerson } from './pickup-persons.ts';
import { dayParty, loadSession } from './programs-day.access.ts';
import { loadClass } from './programs.access.ts';
import type { AttendanceView } from './programs-day.schema.ts';
import { releaseDecision } from './release.rules.ts';
import { evaluateStrikes } from './withdrawal-proposals.ts';

type Db = Kysely<Database>;

export async function releaseChild(
  db: Db,
  input: {
    id: string;
    body: { code: string; personId: string; presentedName: string };
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<AttendanceView> {
  const { actor, now, body } = input;
  const row = await loadAttendance(db, input.id);
  const session = await loadSession(db, row.session_id);
  await dayParty(db, actor, session);
  const closed = session.status === 'closed';
  const refusal = attendanceRefusal('release', row.status, 'staff', closed);
  if (refusal) throw new AppError(refusal);
  const klass = await loadClass(db, row.class_id);
  const { code } = await ensurePickupCode(db, {
    programId: session.program_id,
    childId: row.child_id,
    day: row.day,
    now,
  });
  const persons = await db
    .selectFrom('program_pickup_persons')
    .selectAll()
    .where('child_id', '=', row.child_id)
    .execute();
  const decision = releaseDecision({
    typedCode: body.code,
    code,
    persons: persons.map(asPickupPerson),
    personId: body.personId,
    presentedName: body.presentedName,
    day: row.day,
  });
  const at = now.toISOString();
  const log = (trx: Kysely<Database>, outcome: 'released' | 'refused', why: string | null) =>
    trx
      .insertInto('program_release_log')
      .values({
        id: crypto.randomUUID(),
        attendance_id: row.id,
        session_id: session.id,
        child_id: row.child_id,
        outcome,
        refusal: why,
        presented_by: body.presentedName,
        person_id: persons.some((p) => p.id === body.personId) ? body.personId : null,
        staff_account_id: actor.accountId,
        at,
      })
      .execute();

  if (!decision.ok) {
    // The refusal is the answer; its log entry is the one thing written.
    await db.transaction().execute(async (trx) => {
      await log(trx, 'refused', decision.refusal);
      await recordAudit(trx, {
        actor: auditActor(actor),
        action: 'attendance.release_refused',
        entityType: 'enrolment',
        entityId: row.enrolment_id,
        regionCode: row.region_code,
        after: { day: row.day, refusal: decision.refusal, presentedBy: body.presentedName },
        requestId: input.requestId,
        now,
      });
    });
    throw new AppError(decision.refusal);
  }

  const late = isLatePickup(now, new Date(session.ends_at).toISOString(), klass.late_grace_minutes);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('program_attendance')
      .set({
        status: ATTENDANCE_RULES.release.to,
        released_at: at,
        released_by: actor.accountId,
        released_to_person_id: decision.person.id,
        late: late ? 1 : 0,
        updated_at: at,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'present')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CP_ATTENDANCE_STATE');
    await log(trx, 'released', null);
    await recordAudit(trx, {
      actor: auditActor(actor),
      action: 'attendance.released',
      entityType: 'enrolment',
      entityId: row.enrolment_id,
      regionCode: row.region_code,
      before: { status: 'present' },
      after: { status: 'released', day: row.day, personId: decision.person.id, late },
      requestId: input.requestId,
      now,
    });
    if (late)
      await evaluateStrikes(trx, {
        enrolmentId: row.enrolment_id,
        requestId: input.requestId,
        now,
      });
  });
  return presentOne(db, row.id, 'staff', false);
}
