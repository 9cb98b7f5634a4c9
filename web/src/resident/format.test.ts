import { describe, expect, it } from 'vitest';
import { chinaDay, chinaInstant, chinaToday, chinaWindow, yearsText } from './format';

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

describe('order times are China time (issue #11)', () => {
  it('today is the day in Beijing, not on the phone', () => {
    // 23:30 UTC on 4 December is already 07:30 on 5 December in Beijing.
    expect(chinaToday(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-05');
    expect(chinaToday(new Date('2026-12-04T15:59:00Z'))).toBe('2026-12-04');
  });

  it('a day and time typed in China become the right instant', () => {
    expect(chinaInstant('2026-12-05', '09:30')).toBe('2026-12-05T01:30:00.000Z');
    expect(chinaInstant('2026-12-05', '07:00')).toBe('2026-12-04T23:00:00.000Z');
  });

  it('shows a window back in China time, one day or across days', () => {
    const from = chinaInstant('2026-12-05', '07:00');
    expect(chinaWindow(from, chinaInstant('2026-12-05', '09:30'), 'zh-CN')).toBe(
      '2026年12月5日周六 07:00–09:30',
    );
    expect(chinaWindow(from, null, 'en')).toBe('Sat, 5 December 2026 07:00');
    expect(chinaWindow(from, chinaInstant('2026-12-06', '08:00'), 'en')).toBe(
      'Sat, 5 December 2026 07:00 – Sun, 6 December 2026 08:00',
    );
    expect(chinaWindow(null, null, 'en')).toBeNull();
  });
});
