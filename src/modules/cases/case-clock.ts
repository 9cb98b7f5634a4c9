/**
 * GS-8: where a case's deadline clock stands — the one definition the light of a case (case.view.ts
 * `lightOf`) and the figures' light counts (case-figures.ts, from the rollups of migration 0062)
 * share, so the overview's counts are what the cases list shows. Pure.
 *
 * - 'paused': suspended, or awaiting a supplement after acceptance (the rollups' `paused` counter);
 * - 'running': accepted or in progress with a due date (a row of `case_due_rollups`): red, yellow
 *   or green by its due date (`deadlineLight`);
 * - 'none': anything else — open without a running clock (待补正 before acceptance) or finished.
 */
import type { CaseTable } from '../../db/schema.ts';

export type CaseClock = 'none' | 'paused' | 'running';

export function caseClock(row: Pick<CaseTable, 'state' | 'accepted_at' | 'due_date'>): CaseClock {
  if (
    row.state === 'suspended' ||
    (row.state === 'awaiting_supplement' && row.accepted_at !== null)
  )
    return 'paused';
  if ((row.state === 'accepted' || row.state === 'in_progress') && row.due_date) return 'running';
  return 'none';
}
