/**
 * CP-2 enrolment of one child, or of siblings together (both or neither): the seat-taking is in
 * enrol-family.ts; here the answers, made from the rows just written (not read back).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { enrolFamily, type NewEnrolments } from './enrol-family.ts';
import type { EnrolmentView, NewEnrolment, NewSiblingEnrolment } from './programs.schema.ts';
import { enrolmentView } from './program-view.ts';
import { waitlistRanks } from './waitlist-rank.ts';

interface Meta {
  classId: string;
  actor: Actor;
  requestId: string;
  now: Date;
}

export async function enrolChild(
  db: Kysely<Database>,
  input: Meta & { body: z.infer<typeof NewEnrolment> },
): Promise<EnrolmentView> {
  const made = await enrolFamily(db, {
    ...input,
    childIds: [input.body.childId],
    priorityGroups: input.body.priorityGroups,
  });
  return (await views(db, made))[0]!;
}

/** Siblings apply together: all enrolled, all waitlisted together, or all refused. */
export async function enrolSiblings(
  db: Kysely<Database>,
  input: Meta & { body: z.infer<typeof NewSiblingEnrolment> },
): Promise<EnrolmentView[]> {
  const made = await enrolFamily(db, {
    ...input,
    childIds: input.body.childIds,
    priorityGroups: input.body.priorityGroups,
  });
  return views(db, made);
}

/** The answers; a waitlisted family's rank is one count on the queue index (waitlist-rank.ts). */
async function views(
  db: Kysely<Database>,
  { rows, childNames }: NewEnrolments,
): Promise<EnrolmentView[]> {
  const ranks = await waitlistRanks(db, rows);
  return rows.map((r) =>
    enrolmentView(r, childNames.get(r.child_id) ?? '', 'guardian', ranks.get(r.id) ?? null),
  );
}
