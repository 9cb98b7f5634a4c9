/**
 * CP-2 a waiting family's place in the queue as shown to people: its RANK among the class's
 * waitlisted enrolments — priority groups first, then time (or the lottery's drawn order, which
 * the draw writes as positions) — not the number handed out on arrival (`enrolments.position`,
 * which counts every application, enrolled ones included). 1 is next in line.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, EnrolmentTable } from '../../db/schema.ts';
import { compareQueue } from './enrolment.rules.ts';

type Db = Kysely<Database>;
type Queued = Pick<EnrolmentTable, 'id' | 'class_id' | 'status' | 'priority_rank' | 'position'>;

/** Ranks of the waitlisted rows among `rows`, by id (other statuses have none). */
export async function waitlistRanks(db: Db, rows: readonly Queued[]): Promise<Map<string, number>> {
  const ranks = new Map<string, number>();
  const waiting = rows.filter((r) => r.status === 'waitlisted' && r.position !== null);
  const byClass = new Map<string, Queued[]>();
  for (const r of waiting) byClass.set(r.class_id, [...(byClass.get(r.class_id) ?? []), r]);
  for (const [classId, mine] of byClass) {
    if (mine.length === 1) {
      // One answer (an enrolment just made or answered): count who is ahead, on the queue index.
      const r = mine[0]!;
      const ahead = await db
        .selectFrom('enrolments')
        .select(sql<number>`count(*)`.as('n'))
        .where('class_id', '=', classId)
        .where('status', '=', 'waitlisted')
        .where((eb) =>
          eb.or([
            eb('priority_rank', '<', r.priority_rank),
            eb.and([eb('priority_rank', '=', r.priority_rank), eb('position', '<', r.position)]),
          ]),
        )
        .executeTakeFirstOrThrow();
      ranks.set(r.id, Number(ahead.n) + 1);
      continue;
    }
    // A list: the class's whole waitlist once, ranked in memory.
    const queue = await db
      .selectFrom('enrolments')
      .select(['id', 'priority_rank', 'position'])
      .where('class_id', '=', classId)
      .where('status', '=', 'waitlisted')
      .execute();
    const ordered = queue
      .map((q) => ({ id: q.id, priorityRank: q.priority_rank, position: Number(q.position) }))
      .sort(compareQueue);
    for (const [k, q] of ordered.entries()) ranks.set(q.id, k + 1);
  }
  return ranks;
}
