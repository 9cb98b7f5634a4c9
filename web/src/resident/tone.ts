import type { CaseState } from '../api/case-types';

/** How a state reads at a glance: done (good), wait, or something for the resident to do (act). */
export type Tone = 'good' | 'wait' | 'act';

export const TONE_OF_CASE: Record<CaseState, Tone> = {
  awaiting_supplement: 'act',
  accepted: 'wait',
  in_progress: 'wait',
  suspended: 'act',
  decided: 'good',
  delivered: 'good',
  closed: 'good',
  refused: 'act',
  withdrawn: 'wait',
};

export const MARK: Record<Tone, string> = { good: '✓', wait: '…', act: '!' };
