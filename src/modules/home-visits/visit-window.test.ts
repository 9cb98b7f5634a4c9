import { describe, expect, it } from 'vitest';
import { windowTimes } from './visit-window.ts';

describe('the promised window of a home visit (GS-10)', () => {
  it('is the morning or the afternoon round, in China times', () => {
    expect(windowTimes('morning')).toEqual({ from: '09:00', to: '12:00' });
    expect(windowTimes('afternoon')).toEqual({ from: '14:00', to: '17:00' });
  });
  it('a visit scheduled before windows existed is promised the whole working day', () => {
    expect(windowTimes(null)).toEqual({ from: '09:00', to: '17:00' });
  });
});
