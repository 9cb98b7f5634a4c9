import { describe, expect, it } from 'vitest';
import {
  attendanceOpen,
  chinaDate,
  computeHours,
  countedInterval,
  formatHours,
  overlaps,
} from './hours.rules.ts';

const d = (s: string) => new Date(s);
// An activity 09:00–12:00 Beijing time (01:00–04:00 UTC).
const base = {
  startsAt: d('2026-03-07T01:00:00Z'),
  endsAt: d('2026-03-07T04:00:00Z'),
  travelMinutes: 0,
  otherHalfHoursThatDay: 0,
};

describe('VS-6 hours rules', () => {
  it('counts the time between check-in and check-out in half hours', () => {
    const r = computeHours({ ...base, checkedInAt: base.startsAt, checkedOutAt: base.endsAt });
    expect(r.halfHours).toBe(6);
    expect(r.serviceDate).toBe('2026-03-07');
    expect(r.capped).toBe(false);
  });
  it('excludes travel time', () => {
    const r = computeHours({
      ...base,
      checkedInAt: base.startsAt,
      checkedOutAt: base.endsAt,
      travelMinutes: 40,
    });
    expect(r.minutesInWindow).toBe(180);
    expect(r.halfHours).toBe(4); // 140 min → 4 × 30 min, 20 min dropped
  });
  it('rounds down to the half hour', () => {
    const at = (m: number) => new Date(base.startsAt.getTime() + m * 60_000);
    expect(computeHours({ ...base, checkedInAt: at(0), checkedOutAt: at(29) }).halfHours).toBe(0);
    expect(computeHours({ ...base, checkedInAt: at(0), checkedOutAt: at(30) }).halfHours).toBe(1);
    expect(computeHours({ ...base, checkedInAt: at(0), checkedOutAt: at(59) }).halfHours).toBe(1);
    expect(computeHours({ ...base, checkedInAt: at(0), checkedOutAt: at(60) }).halfHours).toBe(2);
    expect(computeHours({ ...base, checkedInAt: at(10), checkedOutAt: at(100) }).halfHours).toBe(3);
  });
  it('counts by the minute shown: seconds never cost a half hour', () => {
    // 09:05:40 → 11:35:10 reads "09:05 到岗 … 11:35 离岗": 150 minutes, 2.5 h
    const r = computeHours({
      ...base,
      checkedInAt: d('2026-03-07T01:05:40Z'),
      checkedOutAt: d('2026-03-07T03:35:10Z'),
    });
    expect(r.minutesInWindow).toBe(150);
    expect(r.halfHours).toBe(5);
  });
  it('travel longer than the service leaves zero, never negative', () => {
    const r = computeHours({
      ...base,
      checkedInAt: base.startsAt,
      checkedOutAt: base.endsAt,
      travelMinutes: 500,
    });
    expect(r.halfHours).toBe(0);
  });
  it('does not count before the start or after the end of the activity', () => {
    const r = computeHours({
      ...base,
      checkedInAt: d('2026-03-07T00:00:00Z'),
      checkedOutAt: d('2026-03-07T06:00:00Z'),
    });
    expect(r.minutesInWindow).toBe(180);
    expect(r.halfHours).toBe(6);
  });
  it('never counts before the volunteer’s own check-in', () => {
    const r = computeHours({
      ...base,
      checkedInAt: d('2026-03-07T02:00:00Z'),
      checkedOutAt: base.endsAt,
    });
    expect(r.halfHours).toBe(4);
  });
  it('a check-out before the start counts nothing', () => {
    const r = computeHours({
      ...base,
      checkedInAt: d('2026-03-07T00:10:00Z'),
      checkedOutAt: d('2026-03-07T00:50:00Z'),
    });
    expect(r.halfHours).toBe(0);
  });
  it('caps a day at 8 hours by default', () => {
    const long = { ...base, endsAt: d('2026-03-07T13:00:00Z') }; // 12 h
    const r = computeHours({ ...long, checkedInAt: long.startsAt, checkedOutAt: long.endsAt });
    expect(r.uncappedHalfHours).toBe(24);
    expect(r.halfHours).toBe(16);
    expect(r.capped).toBe(true);
  });
  it('the cap counts the other records of the day first', () => {
    const r = computeHours({
      ...base,
      checkedInAt: base.startsAt,
      checkedOutAt: base.endsAt,
      otherHalfHoursThatDay: 12,
    });
    expect(r.halfHours).toBe(4);
    const none = computeHours({
      ...base,
      checkedInAt: base.startsAt,
      checkedOutAt: base.endsAt,
      otherHalfHoursThatDay: 16,
    });
    expect(none.halfHours).toBe(0);
    const over = computeHours({
      ...base,
      checkedInAt: base.startsAt,
      checkedOutAt: base.endsAt,
      otherHalfHoursThatDay: 40,
    });
    expect(over.halfHours).toBe(0);
  });
  it('the cap is configurable', () => {
    const r = computeHours({
      ...base,
      checkedInAt: base.startsAt,
      checkedOutAt: base.endsAt,
      dailyCapHours: 2,
    });
    expect(r.halfHours).toBe(4);
    const half = computeHours({
      ...base,
      checkedInAt: base.startsAt,
      checkedOutAt: base.endsAt,
      dailyCapHours: 2.5,
    });
    expect(half.halfHours).toBe(5);
  });
  it('the day is the China calendar day', () => {
    expect(chinaDate('2026-03-06T16:00:00Z')).toBe('2026-03-07');
    expect(chinaDate('2026-03-06T15:59:59Z')).toBe('2026-03-06');
    const late = computeHours({
      startsAt: d('2026-03-06T17:00:00Z'),
      endsAt: d('2026-03-06T18:00:00Z'),
      checkedInAt: d('2026-03-06T17:00:00Z'),
      checkedOutAt: d('2026-03-06T18:00:00Z'),
      travelMinutes: 0,
      otherHalfHoursThatDay: 0,
    });
    expect(late.serviceDate).toBe('2026-03-07');
  });
  it('refuses impossible input', () => {
    expect(() =>
      computeHours({ ...base, checkedInAt: base.endsAt, checkedOutAt: base.startsAt }),
    ).toThrow(RangeError);
    expect(() =>
      computeHours({
        ...base,
        checkedInAt: base.startsAt,
        checkedOutAt: base.endsAt,
        travelMinutes: -1,
      }),
    ).toThrow(RangeError);
    expect(() =>
      computeHours({
        ...base,
        checkedInAt: base.startsAt,
        checkedOutAt: base.endsAt,
        travelMinutes: 1.5,
      }),
    ).toThrow(RangeError);
  });
  it('overlap: intervals sharing time overlap, touching ones do not', () => {
    const i = (a: string, b: string) => ({
      from: d(`2026-03-07T${a}:00Z`),
      to: d(`2026-03-07T${b}:00Z`),
    });
    expect(overlaps(i('01:00', '03:00'), i('02:00', '04:00'))).toBe(true);
    expect(overlaps(i('01:00', '03:00'), i('01:30', '02:00'))).toBe(true);
    expect(overlaps(i('01:00', '03:00'), i('03:00', '04:00'))).toBe(false);
    expect(overlaps(i('03:00', '04:00'), i('01:00', '03:00'))).toBe(false);
  });
  it('counted interval is clipped to the window', () => {
    expect(
      countedInterval({
        ...base,
        checkedInAt: d('2026-03-07T00:00:00Z'),
        checkedOutAt: d('2026-03-07T02:00:00Z'),
      }),
    ).toEqual({ from: base.startsAt, to: d('2026-03-07T02:00:00Z') });
    expect(
      countedInterval({
        ...base,
        checkedInAt: d('2026-03-07T05:00:00Z'),
        checkedOutAt: d('2026-03-07T06:00:00Z'),
      }),
    ).toBeNull();
  });
  it('attendance opens an hour before the start', () => {
    const { startsAt, endsAt } = base;
    const m = (n: number) => new Date(startsAt.getTime() + n * 60_000);
    expect(attendanceOpen('in', m(-61), startsAt, endsAt)).toBe(false);
    expect(attendanceOpen('in', m(-60), startsAt, endsAt)).toBe(true);
    expect(attendanceOpen('in', m(180), startsAt, endsAt)).toBe(true);
    expect(attendanceOpen('in', m(181), startsAt, endsAt)).toBe(false);
    expect(attendanceOpen('out', m(300), startsAt, endsAt)).toBe(true);
    expect(attendanceOpen('out', m(301), startsAt, endsAt)).toBe(false);
  });
  it('formats half hours', () => {
    expect(formatHours(3)).toBe('1.5');
    expect(formatHours(16)).toBe('8');
  });
});
