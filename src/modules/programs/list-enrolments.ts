/** CP-2 lists: a guardian's own enrolments; a class's waitlist in its order, for its organiser. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { GUARDIAN, loadClass, ORGANISER } from './programs.access.ts';
import type { EnrolmentView } from './programs.schema.ts';
import { presentEnrolments } from './program-view.ts';

export async function myEnrolments(db: Kysely<Database>, actor: Actor): Promise<EnrolmentView[]> {
  authorize(actor, GUARDIAN);
  const rows = await db
    .selectFrom('enrolments')
    .selectAll()
    .where('guardian_account_id', '=', actor.accountId)
    .orderBy('applied_at', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
  return presentEnrolments(db, rows, 'guardian');
}

/** Waiting families in the order seats go to them: priority groups first, then time. */
export async function classWaitlist(
  db: Kysely<Database>,
  input: { classId: string; actor: Actor },
): Promise<EnrolmentView[]> {
  const klass = await loadClass(db, input.classId);
  authorize(input.actor, ORGANISER, klass.region_code);
  const rows = await db
    .selectFrom('enrolments')
    .selectAll()
    .where('class_id', '=', klass.id)
    .where('status', '=', 'waitlisted')
    .orderBy('priority_rank')
    .orderBy('position')
    .execute();
  return presentEnrolments(db, rows, 'organiser');
}
