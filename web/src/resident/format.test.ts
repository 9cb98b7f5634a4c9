import { describe, expect, it } from 'vitest';
import { chinaDay, yearsText } from './format';

describe('chinaDay: every date a resident reads is China time', () => {
  it('shows a calendar day as that day, in both languages', () => {
    expect(chinaDay('2026-12-04', 'zh-CN')).toBe('2026年12月4日周五');
    expect(chinaDay('2026-12-04', 'en')).toBe('Fri, 4 December 2026');
  });

  it('shows a moment as the day it was in Beijing, not in UTC', () => {
    // Issued at 06:16 Beijing time on 10 March is still 9 March in UTC.
    expect(chinaDay('2026-03-09T22:16:00.000Z', 'zh-CN')).toBe('2026年3月10日周二');
  });

  it('leaves what it cannot read as it is', () => {
    expect(chinaDay('soon', 'en')).toBe('soon');
  });

  it('lists provisional years per language', () => {
    expect(yearsText([2027, 2028], 'zh-CN')).toBe('2027、2028');
    expect(yearsText([2027, 2028], 'en')).toBe('2027, 2028');
  });
});
