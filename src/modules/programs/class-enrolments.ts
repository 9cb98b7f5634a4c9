/**
 * CP-2 for the organiser at the door: a class's whole list — enrolled children, open offers,
 * the waitlist in the order seats go to it, then the closed ones — each with the actions the
 * workflow allows the organiser (withdraw). The organiser in scope of the class's region only.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { loadClass, ORGANISER } from './programs.access.ts';
import type { EnrolmentView } from './programs.schema.ts';
import { presentEnrolments } from './program-view.ts';

/** Live first (enrolled, offered, waitlisted, applied), then the closed ones. */
const STATUS_ORDER = [
  'enrolled',
  'offered',
  'waitlisted',
  'applied',
  'withdrawn',
  'declined',
  'expired',
] as const;

export async function classEnrolments(
  db: Kysely<Database>,
  input: { classId: string; actor: Actor },
): Promise<EnrolmentView[]> {
  const klass = await loadClass(db, input.classId);
  authorize(input.actor, ORGANISER, klass.region_code);
  const rows = await db
    .selectFrom('enrolments')
    .selectAll()
    .where('class_id', '=', klass.id)
    .orderBy('priority_rank')
    .orderBy('position')
    .limit(2000)
    .execute();
  const rank = (s: string) => STATUS_ORDER.indexOf(s as (typeof STATUS_ORDER)[number]);
  // Enrolled children by the time they got in; the waitlist by priority group, then time.
  const sorted = [...rows].sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      (a.status === 'waitlisted' ? a.priority_rank - b.priority_rank : 0) ||
      (a.position ?? 0) - (b.position ?? 0),
  );
  return presentEnrolments(db, sorted, 'organiser');
}
