import type { CaseState, CaseView } from '../../api/case-types';
import { listCases } from '../../api/cases';
import { useAsync } from '../../lib/use-async';

/** States in which the deadline clock runs or is paused: the ones a supervisor watches. */
export const OPEN_STATES: readonly CaseState[] = [
  'accepted',
  'in_progress',
  'suspended',
  'awaiting_supplement',
];
const PAGE = 200;
const MAX_PAGES = 5;

async function allInState(state: CaseState, signal: AbortSignal) {
  const rows: CaseView[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await listCases(
      { box: 'accepted_here', state, limit: PAGE, offset: page * PAGE },
      signal,
    );
    rows.push(...batch);
    if (batch.length < PAGE) return { rows, partial: false };
  }
  return { rows, partial: true };
}

/**
 * Every open case in the caller's reach, read page by page from GET /cases?state=… (there is no
 * per-station figures endpoint yet). `partial` says the cap of pages was reached.
 */
export function useOpenCases() {
  return useAsync(async (signal) => {
    const parts = await Promise.all(OPEN_STATES.map((s) => allInState(s, signal)));
    return {
      cases: parts.flatMap((p) => p.rows),
      partial: parts.some((p) => p.partial),
      cap: PAGE * MAX_PAGES,
    };
  }, 'open-cases');
}
