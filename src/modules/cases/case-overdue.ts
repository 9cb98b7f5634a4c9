/**
 * Issue #16 point 5: the cases the deadline sweep must look at — running, past their due date and
 * not yet escalated as overdue — read through the partial index `cases_newly_overdue` (migration
 * 0050), so a sweep never re-walks the cases escalated before; and the mark the sweep's winning
 * transaction leaves on the case. The cases module owns the table; escalations calls these.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CaseState, Database } from '../../db/schema.ts';

/** States whose clock runs; awaiting a supplement or suspended, the clock stands still. */
export const CLOCK_RUNNING: readonly CaseState[] = ['accepted', 'in_progress'];

export interface NewlyOverdueCase {
  id: string;
  number: string;
  due_date: string;
  home_region_code: string;
  accepting_region_code: string;
  accepting_station_id: string;
}

/** Running cases due before `today` (China's date) and not escalated yet, oldest due first. */
export async function newlyOverdueCases(
  db: Kysely<Database>,
  opts: { today: string; limit: number },
): Promise<NewlyOverdueCase[]> {
  const rows = await db
    .selectFrom('cases as c')
    .select([
      'c.id',
      'c.number',
      'c.due_date',
      'c.home_region_code',
      'c.accepting_region_code',
      'c.accepting_station_id',
    ])
    .where('c.overdue_escalated_at', 'is', null)
    .where('c.state', 'in', CLOCK_RUNNING)
    .where('c.due_date', '<', opts.today)
    .orderBy('c.due_date')
    .orderBy('c.id')
    .limit(opts.limit)
    .execute();
  return rows.flatMap((r) => (r.due_date === null ? [] : [{ ...r, due_date: r.due_date }]));
}

/** Marks the case as escalated, in the escalation's own transaction. */
export async function markOverdueEscalated(
  trx: Transaction<Database>,
  caseId: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ overdue_escalated_at: at.toISOString() })
    .where('id', '=', caseId)
    .where('overdue_escalated_at', 'is', null)
    .execute();
}
