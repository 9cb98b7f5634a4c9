import { describe, expect, it } from 'vitest';
import {
  bookingMinutes,
  bookingWindow,
  cancellable,
  chinaInstant,
  inWindow,
  noShowDue,
  periodsOf,
  periodsValid,
  restrictedOnline,
  runsOf,
  slotsNeeded,
  slotsOfDay,
  spanOf,
  type DayFacts,
  type TemplateRules,
} from './slots.rules.ts';

const weekday = (date: string, wd: number, extra: Partial<DayFacts> = {}): DayFacts => ({
  date,
  weekday: wd,
  working: wd <= 5,
  holiday: false,
  ...extra,
});

const T: TemplateRules = {
  slotMinutes: 30,
  capacity: 1,
  weekly: {
    '1': [
      { start: '09:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
    '2': [{ start: '09:00', end: '10:00' }],
    '6': [{ start: '09:00', end: '10:00' }],
  },
  exceptions: [
    { date: '2026-03-10', kind: 'closed' },
    { date: '2026-03-11', kind: 'hours', periods: [{ start: '07:30', end: '08:30' }] },
  ],
};

describe('GS-10 the slots of a day', () => {
  it('cuts each period of the weekday into whole slots, China time', () => {
    const s = slotsOfDay(weekday('2026-03-02', 1), T);
    expect(s).toHaveLength(5 + 7);
    expect(s[0]).toEqual({
      date: '2026-03-02',
      start: '09:00',
      end: '09:30',
      startsAt: '2026-03-02T01:00:00.000Z',
      endsAt: '2026-03-02T01:30:00.000Z',
      capacity: 1,
    });
    expect(s[5]!.start).toBe('13:30');
    expect(s.at(-1)!.end).toBe('17:00');
  });

  it('drops a remainder shorter than a slot', () => {
    const s = slotsOfDay(weekday('2026-03-02', 1), { ...T, slotMinutes: 40 });
    expect(s.filter((x) => x.start < '12:00').map((x) => x.start)).toEqual([
      '09:00',
      '09:40',
      '10:20',
    ]);
  });

  it('a weekday without template hours has no slots', () => {
    expect(slotsOfDay(weekday('2026-03-04', 3), T)).toEqual([]);
  });

  it('a closure exception closes a working day', () => {
    expect(periodsOf(weekday('2026-03-10', 2), T)).toEqual([]);
  });

  it("a market day's hours replace the template", () => {
    expect(slotsOfDay(weekday('2026-03-11', 3), T).map((s) => s.start)).toEqual(['07:30', '08:00']);
  });

  it('an exception wins even on a holiday', () => {
    const day = weekday('2026-03-11', 3, { working: false, holiday: true });
    expect(periodsOf(day, T)).toHaveLength(1);
  });

  it('a statutory holiday on a weekday is closed', () => {
    expect(periodsOf(weekday('2026-10-01', 4, { working: false, holiday: true }), T)).toEqual([]);
  });

  it('a weekday the calendar does not work (bridge day) is closed', () => {
    expect(periodsOf(weekday('2026-03-02', 1, { working: false }), T)).toEqual([]);
  });

  it("a make-up working Saturday (调休) keeps Monday's hours", () => {
    const day = weekday('2026-09-26', 6, { working: true, holiday: true });
    expect(periodsOf(day, T)).toEqual(T.weekly['1']);
  });

  it('an ordinary Saturday is open only with template hours for it', () => {
    expect(periodsOf(weekday('2026-03-07', 6), T)).toEqual(T.weekly['6']);
    expect(periodsOf(weekday('2026-03-08', 7), T)).toEqual([]);
  });

  it('a holiday Saturday is closed even with Saturday hours', () => {
    expect(periodsOf(weekday('2026-10-03', 6, { holiday: true }), T)).toEqual([]);
  });

  it('chinaInstant is UTC+8 without daylight saving, past the data years too', () => {
    expect(chinaInstant('2031-07-01', '08:00')).toBe('2031-07-01T00:00:00.000Z');
    expect(chinaInstant('2026-01-01', '00:30')).toBe('2025-12-31T16:30:00.000Z');
  });

  it('periods must not overlap or run backwards', () => {
    expect(periodsValid([{ start: '09:00', end: '10:00' }])).toBe(true);
    expect(periodsValid([{ start: '10:00', end: '09:00' }])).toBe(false);
    expect(
      periodsValid([
        { start: '09:00', end: '10:00' },
        { start: '09:30', end: '11:00' },
      ]),
    ).toBe(false);
    expect(
      periodsValid([
        { start: '13:00', end: '14:00' },
        { start: '09:00', end: '13:00' },
      ]),
    ).toBe(true);
  });
});

describe('GS-10 booking window, cut-off and no-shows', () => {
  // A toy calendar: Mon–Fri work, 2026-03-05 (Thu) a holiday.
  const add = (date: string, n: number) => {
    let d = new Date(`${date}T00:00:00Z`);
    let left = n;
    while (left > 0) {
      d = new Date(d.getTime() + 86_400_000);
      const iso = d.toISOString().slice(0, 10);
      const wd = d.getUTCDay();
      if (wd !== 0 && wd !== 6 && iso !== '2026-03-05') left--;
    }
    return d.toISOString().slice(0, 10);
  };

  it('from the next working day to five working days ahead, skipping the holiday', () => {
    const w = bookingWindow('2026-03-02', 1, 5, add);
    expect(w).toEqual({ from: '2026-03-03', to: '2026-03-10' });
    expect(inWindow('2026-03-02', w)).toBe(false);
    expect(inWindow('2026-03-03', w)).toBe(true);
    expect(inWindow('2026-03-10', w)).toBe(true);
    expect(inWindow('2026-03-11', w)).toBe(false);
  });

  it('a Friday books from Monday', () => {
    expect(bookingWindow('2026-03-06', 1, 2, add)).toEqual({
      from: '2026-03-09',
      to: '2026-03-10',
    });
  });

  it('lead 0 allows today', () => {
    expect(bookingWindow('2026-03-02', 0, 1, add).from).toBe('2026-03-02');
  });

  it('cancellation is allowed until the cut-off, not after', () => {
    const start = '2026-03-03T01:00:00.000Z';
    expect(cancellable(start, 2, new Date('2026-03-02T23:00:00.000Z'))).toBe(true);
    expect(cancellable(start, 2, new Date('2026-03-02T23:00:01.000Z'))).toBe(false);
  });

  it('a no-show is due at the end of the slot plus the grace', () => {
    const end = '2026-03-03T01:30:00.000Z';
    expect(noShowDue(end, 15, new Date('2026-03-03T01:44:59.000Z'))).toBe(false);
    expect(noShowDue(end, 15, new Date('2026-03-03T01:45:00.000Z'))).toBe(true);
  });

  it('repeated no-shows restrict online booking; limit 0 never restricts', () => {
    expect(restrictedOnline(1, 2)).toBe(false);
    expect(restrictedOnline(2, 2)).toBe(true);
    expect(restrictedOnline(9, 0)).toBe(false);
  });
});

describe('GS-10 per-item durations', () => {
  const monday = slotsOfDay(weekday('2026-03-02', 1), T);

  it('takes the item’s minutes from the template, else one slot', () => {
    expect(bookingMinutes({ 'DX-SB-001': 45 }, 'DX-SB-001', 30)).toBe(45);
    expect(bookingMinutes({ 'DX-SB-001': 45 }, 'DX-OTHER', 30)).toBe(30);
    expect(bookingMinutes({ 'DX-SB-001': 45 }, null, 30)).toBe(30);
    expect(bookingMinutes({ 'DX-SB-001': 45 }, undefined, 30)).toBe(30);
  });

  it('rounds up to whole slots, at least one', () => {
    expect(slotsNeeded(1, 30)).toBe(1);
    expect(slotsNeeded(30, 30)).toBe(1);
    expect(slotsNeeded(31, 30)).toBe(2);
    expect(slotsNeeded(90, 30)).toBe(3);
  });

  it('occupies consecutive slots from the start', () => {
    const run = spanOf(monday, '09:00', 45, 30)!;
    expect(run.map((s) => s.start)).toEqual(['09:00', '09:30']);
    expect(run.at(-1)!.end).toBe('10:00');
    expect(spanOf(monday, '09:00', 30, 30)!.map((s) => s.start)).toEqual(['09:00']);
  });

  it('never runs over the lunch break or past closing', () => {
    expect(spanOf(monday, '11:00', 60, 30)).toBeNull(); // 11:00–11:30, then closed until 13:30
    expect(spanOf(monday, '16:30', 60, 30)).toBeNull(); // closes at 17:00
    expect(spanOf(monday, '10:30', 60, 30)!.map((s) => s.end)).toEqual(['11:00', '11:30']);
  });

  it('refuses a start that is not a slot', () => {
    expect(spanOf(monday, '09:10', 30, 30)).toBeNull();
    expect(spanOf(monday, '12:00', 30, 30)).toBeNull();
  });
});

describe('GS-10 the starts a long item may take', () => {
  const day = [
    { start: '09:00', end: '09:30', startsAt: 'a', capacity: 2, booked: 0, free: 2 },
    { start: '09:30', end: '10:00', startsAt: 'b', capacity: 2, booked: 2, free: 0 },
    { start: '10:00', end: '10:30', startsAt: 'c', capacity: 2, booked: 1, free: 1 },
    { start: '13:30', end: '14:00', startsAt: 'd', capacity: 2, booked: 0, free: 2 },
  ];
  it('one slot: the day as it is', () => {
    expect(runsOf(day, 30, 30)).toEqual(day);
  });
  it('two slots: joined runs only, ending at the run’s end, with the fewest free places', () => {
    expect(runsOf(day, 60, 30).map((s) => [s.start, s.end, s.free])).toEqual([
      ['09:00', '10:00', 0],
      ['09:30', '10:30', 0],
    ]);
  });
});
