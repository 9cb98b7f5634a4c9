/**
 * GS-8: when a year's holiday notice is entered, the due dates of running cases that reach into
 * that year are recomputed with the new calendar (acceptance + promised working days + paused
 * working days, as at filing), inside the notice's own transaction.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { computeDueDate, type WorkCalendar } from '../calendar/working-days.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { casePauses } from './case.repo.ts';
import { TERMINAL_STATES } from './case.workflow.ts';

export interface DueDateChange {
  caseId: string;
  number: string;
  from: string;
  to: string;
}

/** Cases not finished whose due date is on or after `fromDate`; returns those that moved. */
export async function recomputeDueDates(
  trx: Transaction<Database>,
  input: { fromDate: string; cal: WorkCalendar; now: Date },
): Promise<DueDateChange[]> {
  const rows = await trx
    .selectFrom('cases')
    .select(['id', 'number', 'item_code', 'item_version', 'accepted_at', 'due_date'])
    .where('state', 'not in', [...TERMINAL_STATES, 'decided', 'delivered'])
    .where('accepted_at', 'is not', null)
    .where('due_date', '>=', input.fromDate)
    .orderBy('id')
    .execute();
  const changes: DueDateChange[] = [];
  for (const r of rows) {
    const item = await getItem(trx, r.item_code, r.item_version);
    const pauses = (await casePauses(trx, r.id)).map((p) => ({
      from: new Date(p.paused_at),
      to: p.resumed_at ? new Date(p.resumed_at) : null,
    }));
    const { dueDate } = computeDueDate({
      acceptedAt: new Date(r.accepted_at!),
      promisedDays: item.promisedLimitDays,
      pauses,
      cal: input.cal,
    });
    if (dueDate === r.due_date) continue;
    await trx
      .updateTable('cases')
      .set({ due_date: dueDate, updated_at: input.now.toISOString() })
      .where('id', '=', r.id)
      .execute();
    changes.push({ caseId: r.id, number: r.number, from: r.due_date!, to: dueDate });
  }
  return changes;
}
