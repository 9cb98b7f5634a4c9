import { describe, expect, it } from 'vitest';
import { dayRuns, formatOpeningHours, type OpeningHoursWords } from './opening-hours';

const zh: OpeningHoursWords = {
  dayNames: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  rangeSeparator: '至',
  listSeparator: '、',
  everyDay: '每天',
};
const en: OpeningHoursWords = {
  dayNames: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  rangeSeparator: '–',
  listSeparator: ', ',
  everyDay: 'Daily',
};

describe('opening hours in words', () => {
  it('groups consecutive days', () => {
    expect(dayRuns([5, 1, 2, 3, 6])).toEqual([
      [1, 3],
      [5, 6],
    ]);
  });

  it('renders weekday ranges in Chinese and English', () => {
    const hours = [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' }];
    expect(formatOpeningHours(hours, zh)).toEqual(['周一至周五 08:30–17:00']);
    expect(formatOpeningHours(hours, en)).toEqual(['Mon–Fri 08:30–17:00']);
  });

  it('renders single days, pairs, and every day', () => {
    const hours = [
      { days: [6], open: '09:00', close: '12:00' },
      { days: [1, 3, 4], open: '08:00', close: '11:30' },
      { days: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '20:00' },
    ];
    expect(formatOpeningHours(hours, zh)).toEqual([
      '周六 09:00–12:00',
      '周一、周三、周四 08:00–11:30',
      '每天 07:00–20:00',
    ]);
    expect(formatOpeningHours(hours, en)).toEqual([
      'Sat 09:00–12:00',
      'Mon, Wed, Thu 08:00–11:30',
      'Daily 07:00–20:00',
    ]);
  });
});
