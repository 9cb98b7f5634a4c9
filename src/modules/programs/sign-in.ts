/**
 * CP-3 the door in the morning: staff (the organiser in scope, or a volunteer rostered on the
 * session) sign a child in or mark them absent (sick, informed, unexcused); a guardian reports
 * their own child sick or away ahead. Each move is a guarded update from the status the
 * transition table allows, so two phones at the door cannot both win.
 */
import type { Kysely } from 'kysely';
import type { AbsenceKind, Database, ProgramAttendanceTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import {
  ATTENDANCE_RULES,
  attendanceRefusal,
  type AttendanceAction,
  type AttendanceParty,
} from './attendance.workflow.ts';
import {
  ensureAttendance,
  loadAttendance,
  presentAttendance,
  presentOne,
} from './attendance-rows.ts';
import { dayParty, loadSession } from './programs-day.access.ts';
import { ensureSession } from './class-sessions.ts';
import { GUARDIAN, loadClass, loadProgram, myChild } from './programs.access.ts';
import type { AttendanceView } from './programs-day.schema.ts';
import { evaluateStrikes } from './withdrawal-proposals.ts';

type Db = Kysely<Database>;
interface Meta {
  actor: Actor;
  requestId: string;
  now: Date;
}

async function move(
  db: Db,
  row: ProgramAttendanceTable,
  action: AttendanceAction,
  party: AttendanceParty,
  sessionClosed: boolean,
  set: Partial<ProgramAttendanceTable>,
  meta: Meta,
): Promise<void> {
  const refusal = attendanceRefusal(action, row.status, party, sessionClosed);
  if (refusal) throw new AppError(refusal);
  const to = ATTENDANCE_RULES[action].to;
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('program_attendance')
      .set({ ...set, status: to, updated_at: meta.now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CP_ATTENDANCE_STATE');
    await recordAudit(trx, {
      actor: auditActor(meta.actor),
      action: action === 'sign_in' ? 'attendance.signed_in' : 'attendance.absent',
      entityType: 'enrolment',
      entityId: row.enrolment_id,
      regionCode: row.region_code,
      before: { status: row.status, day: row.day },
      after: { status: to, ...(set.absence_kind ? { absenceKind: set.absence_kind } : {}) },
      requestId: meta.requestId,
      now: meta.now,
    });
    if (set.absence_kind === 'unexcused')
      await evaluateStrikes(trx, {
        enrolmentId: row.enrolment_id,
        requestId: meta.requestId,
        now: meta.now,
      });
  });
}

/** Staff sign a child in (expected or absent → present). */
export async function signIn(db: Db, input: Meta & { id: string }): Promise<AttendanceView> {
  const row = await loadAttendance(db, input.id);
  const session = await loadSession(db, row.session_id);
  await dayParty(db, input.actor, session);
  const closed = session.status === 'closed';
  await move(
    db,
    row,
    'sign_in',
    'staff',
    closed,
    {
      absence_kind: null,
      signed_in_at: input.now.toISOString(),
      signed_in_by: input.actor.accountId,
    },
    input,
  );
  return presentOne(db, row.id, 'staff', closed);
}

/** Staff mark a child absent with its kind. */
export async function markAbsent(
  db: Db,
  input: Meta & { id: string; kind: AbsenceKind },
): Promise<AttendanceView> {
  const row = await loadAttendance(db, input.id);
  const session = await loadSession(db, row.session_id);
  await dayParty(db, input.actor, session);
  const closed = session.status === 'closed';
  await move(db, row, 'mark_absent', 'staff', closed, { absence_kind: input.kind }, input);
  return presentOne(db, row.id, 'staff', closed);
}

/** A guardian reports their child sick or away (informed) for a class day, ahead or that day. */
export async function reportAbsence(
  db: Db,
  input: Meta & { childId: string; classId: string; day: string; kind: 'sick' | 'informed' },
): Promise<AttendanceView> {
  authorize(input.actor, GUARDIAN);
  const child = await myChild(db, input.actor, input.childId);
  const klass = await loadClass(db, input.classId);
  const enrolled = await db
    .selectFrom('enrolments')
    .select('id')
    .where('class_id', '=', klass.id)
    .where('child_id', '=', child.id)
    .where('status', '=', 'enrolled')
    .executeTakeFirst();
  if (!enrolled) throw new AppError('CP_NOT_ENROLLED');
  const program = await loadProgram(db, klass.program_id);
  const session = await ensureSession(db, { klass, program, day: input.day, now: input.now });
  await ensureAttendance(db, session, input.now);
  const row = await db
    .selectFrom('program_attendance')
    .selectAll()
    .where('session_id', '=', session.id)
    .where('child_id', '=', child.id)
    .executeTakeFirstOrThrow();
  const closed = session.status === 'closed';
  await move(db, row, 'report_absence', 'guardian', closed, { absence_kind: input.kind }, input);
  return presentOne(db, row.id, 'guardian', closed);
}

/** The guardian's child's attendance history. */
export async function childAttendance(
  db: Db,
  input: { childId: string; actor: Actor },
): Promise<AttendanceView[]> {
  authorize(input.actor, GUARDIAN);
  const child = await myChild(db, input.actor, input.childId);
  const closed = await db
    .selectFrom('program_sessions as s')
    .innerJoin('program_attendance as a', 'a.session_id', 's.id')
    .select('s.id')
    .where('a.child_id', '=', child.id)
    .where('s.status', '=', 'closed')
    .execute();
  return presentAttendance(db, { childId: child.id }, 'guardian', new Set(closed.map((s) => s.id)));
}
