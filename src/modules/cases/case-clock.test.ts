import { describe, expect, it } from 'vitest';
import { CASE_STATES } from './case.workflow.ts';
import { caseClock } from './case-clock.ts';

describe('GS-8 where a case clock stands', () => {
  it('is paused while suspended or awaiting a supplement after acceptance', () => {
    const at = '2026-03-10T01:00:00.000Z';
    expect(caseClock({ state: 'suspended', accepted_at: at, due_date: '2026-03-20' })).toBe(
      'paused',
    );
    expect(
      caseClock({ state: 'awaiting_supplement', accepted_at: at, due_date: '2026-03-20' }),
    ).toBe('paused');
    expect(caseClock({ state: 'awaiting_supplement', accepted_at: null, due_date: null })).toBe(
      'none',
    );
  });

  it('runs only for accepted and in-progress cases with a due date', () => {
    for (const state of CASE_STATES) {
      const running = state === 'accepted' || state === 'in_progress';
      const paused = state === 'suspended';
      const clock = caseClock({ state, accepted_at: null, due_date: '2026-03-20' });
      expect(clock).toBe(running ? 'running' : paused ? 'paused' : 'none');
      if (running) expect(caseClock({ state, accepted_at: null, due_date: '' })).toBe('none');
      if (running) expect(caseClock({ state, accepted_at: null, due_date: null })).toBe('none');
    }
  });
});
