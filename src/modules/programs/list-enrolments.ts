/** CP-2 lists: a guardian's own enrolments; a class's waitlist in its order, for its organiser. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { GUARDIAN, loadClass, ORGANISER } from './programs.access.ts';
import type { EnrolmentView } from './programs.schema.ts';
import { presentEnrolments } from './program-view.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';

/** A guardian's own enrolments (unordered, unpaged). */
function guardianEnrolments(db: Kysely<Database>, actor: Actor) {
  authorize(actor, GUARDIAN);
  return db.selectFrom('enrolments').selectAll().where('guardian_account_id', '=', actor.accountId);
}

export async function myEnrolments(db: Kysely<Database>, actor: Actor): Promise<EnrolmentView[]> {
  const rows = await guardianEnrolments(db, actor)
    .orderBy('applied_at', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
  return presentEnrolments(db, rows, 'guardian');
}

/** Issue #16 p5: the same enrolments, newest first, by keyset (shared/keyset.ts), all of them. */
export const ENROLMENT_ORDER: KeysetOrder = {
  list: 'my-enrolments',
  key: 'enrolments.applied_at',
  keyKind: 'timestamp',
  id: 'enrolments.id',
  direction: 'desc',
};

export async function pageMyEnrolments(
  db: Kysely<Database>,
  input: { actor: Actor; limit: number; after?: string | undefined },
) {
  const after = cursorAfter(ENROLMENT_ORDER, input.after);
  const q = guardianEnrolments(db, input.actor);
  const rows = await keysetQuery(q, ENROLMENT_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, ENROLMENT_ORDER, (r) => ({
    key: r.applied_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('enrolments.id'));
  return { items: await presentEnrolments(db, shown, 'guardian'), nextCursor, total, totalExact };
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
