import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar/working-days.ts';
import {
  chinaInstant,
  coverSlot,
  dayCoverage,
  dueNotice,
  gapsOf,
  hourSlots,
  openingSpansOn,
  previousWorkingDay,
  whoHoldsPost,
  type Absence,
} from './posts.rules.ts';

const post = { aAccountId: 'A', bAccountId: 'B' };
const cal = createWorkCalendar();
const HOURS = [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' }];
const away = (accountId: string, from: string, to: string): Absence => ({
  accountId,
  startsAt: new Date(`${from}+08:00`).toISOString(),
  endsAt: new Date(`${to}+08:00`).toISOString(),
});
const at = (s: string) => new Date(`${s}+08:00`);

describe('GS-11 whoHoldsPost', () => {
  it('A holds the post when nobody is away', () => {
    expect(whoHoldsPost(post, [], at('2026-03-02T09:00'))).toEqual({ slot: 'a', accountId: 'A' });
  });
  it('B holds it while A is away, A again from the instant the leave ends', () => {
    const leave = [away('A', '2026-03-02T00:00', '2026-03-04T00:00')];
    expect(whoHoldsPost(post, leave, at('2026-03-03T23:59')).slot).toBe('b');
    expect(whoHoldsPost(post, leave, at('2026-03-04T00:00')).slot).toBe('a');
    expect(whoHoldsPost(post, leave, at('2026-03-01T23:59')).slot).toBe('a');
  });
  it('nobody when both are away; B away alone changes nothing', () => {
    const both = [
      away('A', '2026-03-02T00:00', '2026-03-03T00:00'),
      away('B', '2026-03-02T12:00', '2026-03-02T18:00'),
    ];
    expect(whoHoldsPost(post, both, at('2026-03-02T11:59')).slot).toBe('b');
    expect(whoHoldsPost(post, both, at('2026-03-02T12:00'))).toEqual({
      slot: 'nobody',
      accountId: null,
    });
    expect(
      whoHoldsPost(
        post,
        [away('B', '2026-03-02T00:00', '2026-03-03T00:00')],
        at('2026-03-02T10:00'),
      ).slot,
    ).toBe('a');
  });
  it('overlapping absences of A count as one', () => {
    const two = [
      away('A', '2026-03-02T08:00', '2026-03-02T12:00'),
      away('A', '2026-03-02T11:00', '2026-03-02T15:00'),
    ];
    expect(whoHoldsPost(post, two, at('2026-03-02T14:59')).slot).toBe('b');
    expect(whoHoldsPost(post, two, at('2026-03-02T15:00')).slot).toBe('a');
  });
  it('China midnight is 16:00 UTC the day before', () => {
    const day = [away('A', '2026-03-03T00:00', '2026-03-04T00:00')];
    expect(whoHoldsPost(post, day, new Date('2026-03-02T15:59:59Z')).slot).toBe('a');
    expect(whoHoldsPost(post, day, new Date('2026-03-02T16:00:00Z')).slot).toBe('b');
    expect(whoHoldsPost(post, day, new Date('2026-03-03T15:59:59Z')).slot).toBe('b');
    expect(whoHoldsPost(post, day, new Date('2026-03-03T16:00:00Z')).slot).toBe('a');
  });
});

describe('GS-11 opening hours on a day', () => {
  it('a working Monday opens with its hours; Sunday is closed', () => {
    expect(openingSpansOn('2026-03-02', HOURS, cal)).toEqual([{ open: '08:30', close: '17:00' }]);
    expect(openingSpansOn('2026-03-01', HOURS, cal)).toEqual([]);
  });
  it('a 调休 Saturday (2026-02-28) is a working day with Monday’s hours', () => {
    expect(openingSpansOn('2026-02-28', HOURS, cal)).toEqual([{ open: '08:30', close: '17:00' }]);
  });
  it('a statutory holiday on a weekday (2026-10-01) is closed; a market Saturday opens', () => {
    expect(openingSpansOn('2026-10-01', HOURS, cal)).toEqual([]);
    const market = [...HOURS, { days: [6], open: '09:00', close: '12:00' }];
    expect(openingSpansOn('2026-03-07', market, cal)).toEqual([{ open: '09:00', close: '12:00' }]);
  });
  it('past the calendar data (2031) weekdays still open and weekends stay closed', () => {
    expect(openingSpansOn('2031-03-03', HOURS, cal)).toHaveLength(1); // a Monday
    expect(openingSpansOn('2031-03-01', HOURS, cal)).toEqual([]); // a Saturday
  });
  it('hour slots start at the opening; the last one may be shorter', () => {
    const s = hourSlots([{ open: '08:30', close: '17:00' }]);
    expect(s[0]).toEqual({ from: '08:30', to: '09:30' });
    expect(s.at(-1)).toEqual({ from: '16:30', to: '17:00' });
    expect(s).toHaveLength(9);
  });
});

describe('GS-11 coverage and gaps', () => {
  it('half a day: B away in the afternoon while A is on leave leaves the afternoon uncovered', () => {
    const abs = [
      away('A', '2026-03-02T00:00', '2026-03-03T00:00'),
      away('B', '2026-03-02T12:00', '2026-03-03T00:00'),
    ];
    const slots = dayCoverage(post, abs, '2026-03-02', HOURS, cal);
    expect(slots.filter((s) => !s.gap).every((s) => s.holder === 'b')).toBe(true);
    expect(gapsOf(slots)).toEqual([{ from: '11:30', to: '17:00' }]);
  });
  it('a slot split by an absence boundary is a gap though its start is covered', () => {
    const abs = [
      away('A', '2026-03-02T00:00', '2026-03-03T00:00'),
      away('B', '2026-03-02T10:00', '2026-03-02T10:15'),
    ];
    const c = coverSlot(post, abs, '2026-03-02', { from: '09:30', to: '10:30' });
    expect(c).toMatchObject({ holder: 'b', gap: true });
  });
  it('no gaps when only A is away; gaps join only when adjacent', () => {
    expect(
      gapsOf(
        dayCoverage(
          post,
          [away('A', '2026-03-02T00:00', '2026-03-03T00:00')],
          '2026-03-02',
          HOURS,
          cal,
        ),
      ),
    ).toEqual([]);
    const abs = [
      away('A', '2026-03-02T00:00', '2026-03-03T00:00'),
      away('B', '2026-03-02T08:30', '2026-03-02T09:30'),
      away('B', '2026-03-02T14:30', '2026-03-02T15:30'),
    ];
    expect(gapsOf(dayCoverage(post, abs, '2026-03-02', HOURS, cal))).toEqual([
      { from: '08:30', to: '09:30' },
      { from: '14:30', to: '15:30' },
    ]);
  });
});

describe('GS-11 when a coverage warning is due', () => {
  it('the day before from 15:00 (China), then the morning from 07:00 until the gap starts', () => {
    expect(dueNotice(at('2026-03-02T14:59'), '2026-03-03', '08:30', cal)).toBeNull();
    expect(dueNotice(at('2026-03-02T15:00'), '2026-03-03', '08:30', cal)).toBe('day_before');
    expect(dueNotice(at('2026-03-02T23:59'), '2026-03-03', '08:30', cal)).toBe('day_before');
    expect(dueNotice(at('2026-03-03T06:59'), '2026-03-03', '08:30', cal)).toBeNull();
    expect(dueNotice(at('2026-03-03T07:00'), '2026-03-03', '08:30', cal)).toBe('morning');
    expect(dueNotice(at('2026-03-03T08:30'), '2026-03-03', '08:30', cal)).toBeNull();
  });
  it('for a Monday the day before is Friday; no warnings for days off', () => {
    expect(previousWorkingDay('2026-03-09', cal)).toBe('2026-03-06');
    expect(dueNotice(at('2026-03-06T16:00'), '2026-03-09', '08:30', cal)).toBe('day_before');
    expect(dueNotice(at('2026-03-07T10:00'), '2026-03-08', '09:00', cal)).toBeNull();
    expect(dueNotice(at('2026-09-30T16:00'), '2026-10-01', '09:00', cal)).toBeNull();
  });
  it('a 调休 Saturday gets warnings; Friday before it is its previous working day', () => {
    expect(previousWorkingDay('2026-02-28', cal)).toBe('2026-02-27');
    expect(dueNotice(at('2026-02-28T07:30'), '2026-02-28', '08:30', cal)).toBe('morning');
  });
  it('chinaInstant is UTC−8 hours', () => {
    expect(chinaInstant('2026-03-03', '00:00').toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });
});
