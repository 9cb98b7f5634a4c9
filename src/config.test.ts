/** Configuration from the environment: GS-8's yellow window. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('DEADLINE_YELLOW_WORKING_DAYS', () => {
  it('defaults to 1 working day (GS-8) and takes a whole number', () => {
    expect(loadConfig({}).deadlineYellowWorkingDays).toBe(1);
    expect(loadConfig({ DEADLINE_YELLOW_WORKING_DAYS: '3' }).deadlineYellowWorkingDays).toBe(3);
    expect(loadConfig({ DEADLINE_YELLOW_WORKING_DAYS: '0' }).deadlineYellowWorkingDays).toBe(0);
  });

  it('refuses to start on nonsense, naming the variable', () => {
    for (const bad of ['', 'two', '-1', '1.5', '31'])
      expect(() => loadConfig({ DEADLINE_YELLOW_WORKING_DAYS: bad })).toThrow(
        /DEADLINE_YELLOW_WORKING_DAYS/,
      );
  });
});
