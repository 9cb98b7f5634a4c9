import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { WorkCalendar } from './working-days.ts';

export interface CaseDueDateChange {
  caseId: string;
  number: string;
  from: string;
  to: string;
}

export interface HandoffDueDateChange {
  handoffId: string;
  from: string;
  to: string;
}

/**
 * What follows the working-day calendar and is recomputed, in the notice's own transaction, when
 * a year's notice changes. The calendar declares this port; the composition root (server/app.ts)
 * plugs in the cases and hand-off implementations, so the calendar imports neither module.
 */
export interface CalendarDependents {
  recomputeCaseDueDates(
    trx: Transaction<Database>,
    input: { fromDate: string; cal: WorkCalendar; now: Date },
  ): Promise<CaseDueDateChange[]>;
  recomputeHandoffDueDates(
    trx: Transaction<Database>,
    input: { fromDate: string; before: WorkCalendar; after: WorkCalendar },
  ): Promise<HandoffDueDateChange[]>;
}
