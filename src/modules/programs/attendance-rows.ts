/**
 * CP-3 attendance rows: one per enrolled child and session, created as `expected` when the day is
 * first looked at (insert-or-ignore, once on either database), read back with the caller's standing.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ProgramAttendanceTable, ProgramSessionTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { availableAttendanceActions, type AttendanceParty } from './attendance.workflow.ts';
import type { AttendanceView } from './programs-day.schema.ts';

type Db = Kysely<Database>;

/** Adds an `expected` row for every child enrolled in the session's class that lacks one. */
export async function ensureAttendance(db: Db, session: ProgramSessionTable, now: Date) {
  const enrolled = await db
    .selectFrom('enrolments')
    .select(['id', 'child_id'])
    .where('class_id', '=', session.class_id)
    .where('status', '=', 'enrolled')
    .execute();
  if (enrolled.length === 0) return;
  const at = now.toISOString();
  await db
    .insertInto('program_attendance')
    .values(
      enrolled.map((e) => ({
        id: crypto.randomUUID(),
        session_id: session.id,
        enrolment_id: e.id,
        child_id: e.child_id,
        class_id: session.class_id,
        region_code: session.region_code,
        day: session.day,
        status: 'expected' as const,
        absence_kind: null,
        signed_in_at: null,
        signed_in_by: null,
        released_at: null,
        released_by: null,
        released_to_person_id: null,
        late: 0,
        flagged: 0,
        updated_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['session_id', 'child_id']).doNothing())
    .execute();
}

export async function loadAttendance(db: Db, id: string): Promise<ProgramAttendanceTable> {
  const row = await db
    .selectFrom('program_attendance')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('CP_ATTENDANCE_NOT_FOUND');
  return row;
}

/** Attendance rows with the child's name and the person released to, as views. */
export async function presentAttendance(
  db: Db,
  where: { ids?: string[]; sessionId?: string; childId?: string },
  party: AttendanceParty,
  closedSessions: ReadonlySet<string>,
): Promise<AttendanceView[]> {
  let q = db
    .selectFrom('program_attendance as a')
    .innerJoin('children as c', 'c.id', 'a.child_id')
    .innerJoin('program_classes as k', 'k.id', 'a.class_id')
    .leftJoin('program_pickup_persons as p', 'p.id', 'a.released_to_person_id')
    .selectAll('a')
    .select([
      'c.real_name',
      'k.name as class_name',
      'p.name as person_name',
      'p.relation as person_relation',
    ]);
  if (where.ids) q = q.where('a.id', 'in', where.ids.length ? where.ids : ['']);
  if (where.sessionId) q = q.where('a.session_id', '=', where.sessionId);
  if (where.childId) q = q.where('a.child_id', '=', where.childId);
  const rows = await q.orderBy('a.day', 'desc').orderBy('c.real_name').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.session_id,
    classId: r.class_id,
    className: r.class_name,
    childId: r.child_id,
    childName: r.real_name,
    day: r.day,
    status: r.status,
    absenceKind: r.absence_kind,
    signedInAt: r.signed_in_at ? new Date(r.signed_in_at).toISOString() : null,
    releasedAt: r.released_at ? new Date(r.released_at).toISOString() : null,
    releasedTo:
      r.person_name !== null && r.person_relation !== null
        ? { name: r.person_name, relation: r.person_relation }
        : null,
    late: r.late === 1,
    flagged: r.flagged === 1,
    availableActions: availableAttendanceActions(r.status, party, closedSessions.has(r.session_id)),
  }));
}

export async function presentOne(
  db: Db,
  id: string,
  party: AttendanceParty,
  sessionClosed: boolean,
): Promise<AttendanceView> {
  const row = await loadAttendance(db, id);
  const [view] = await presentAttendance(
    db,
    { ids: [id] },
    party,
    new Set(sessionClosed ? [row.session_id] : []),
  );
  if (!view) throw new AppError('CP_ATTENDANCE_NOT_FOUND');
  return view;
}
