/**
 * GS-4/GS-8: when a year's holiday notice is entered, pending hand-offs whose deadline reaches into
 * that year keep their number of working days, counted again on the new calendar (the number is
 * recovered from the calendar the deadline was computed with).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addWorkingDays, workingDaysBetween, type WorkCalendar } from '../calendar/working-days.ts';
import { chinaDate } from '../../shared/china-time.ts';

export interface HandoffDueDateChange {
  handoffId: string;
  from: string;
  to: string;
}

export async function recomputeHandoffDueDates(
  trx: Transaction<Database>,
  input: { fromDate: string; before: WorkCalendar; after: WorkCalendar },
): Promise<HandoffDueDateChange[]> {
  const rows = await trx
    .selectFrom('handoffs')
    .select(['id', 'created_at', 'due_date'])
    .where('status', '=', 'pending')
    .where('due_date', '>=', input.fromDate)
    .orderBy('id')
    .execute();
  const changes: HandoffDueDateChange[] = [];
  for (const r of rows) {
    const made = chinaDate(new Date(r.created_at));
    const days = workingDaysBetween(made, r.due_date, input.before);
    const due = addWorkingDays(made, Math.max(days, 0), input.after);
    if (due === r.due_date) continue;
    await trx.updateTable('handoffs').set({ due_date: due }).where('id', '=', r.id).execute();
    changes.push({ handoffId: r.id, from: r.due_date, to: due });
  }
  return changes;
}
