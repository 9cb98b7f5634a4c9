import { describe, expect, it } from 'vitest';
import {
  ancestorAt,
  escalatedGrabRegion,
  grabPrefix,
  humanNumber,
  initialGrabRegion,
  sweepStep,
  teamMayGrab,
  wantedInPast,
  windowEnd,
  windowPassed,
} from './order.rules.ts';

const VILLAGE = '110115110222'; // 三顺庄村, 魏善庄镇
const TOWN = '110115110000';
const DISTRICT = '110115000000';

describe('VS-5 windows', () => {
  const now = new Date('2026-03-02T01:30:00.000Z');
  it('default 24 h', () => expect(windowEnd(now)).toBe('2026-03-03T01:30:00.000Z'));
  it('custom hours', () => expect(windowEnd(now, 2)).toBe('2026-03-02T03:30:00.000Z'));
  it('refuses zero or negative hours', () => {
    expect(() => windowEnd(now, 0)).toThrow(RangeError);
    expect(() => windowEnd(now, -1)).toThrow(RangeError);
  });
  it('passed at and after its end, not before', () => {
    const end = windowEnd(now, 1);
    expect(windowPassed(end, new Date(now.getTime() + 3_599_999))).toBe(false);
    expect(windowPassed(end, new Date(now.getTime() + 3_600_000))).toBe(true);
    expect(windowPassed(null, new Date(8.64e15))).toBe(false);
  });
});

describe('VS-5 grab regions', () => {
  it('a village order opens in its town', () => expect(initialGrabRegion(VILLAGE)).toBe(TOWN));
  it('a grid order opens in its town', () =>
    expect(initialGrabRegion('110115110222001')).toBe(TOWN));
  it('a town or district order opens at its own region', () => {
    expect(initialGrabRegion(TOWN)).toBe(TOWN);
    expect(initialGrabRegion(DISTRICT)).toBe(DISTRICT);
  });
  it('escalates one level at a time up to the province, then stops', () => {
    expect(escalatedGrabRegion(TOWN)).toBe(DISTRICT);
    expect(escalatedGrabRegion(DISTRICT)).toBe('110100000000');
    expect(escalatedGrabRegion('110100000000')).toBe('110000000000');
    expect(escalatedGrabRegion('110000000000')).toBeNull();
    expect(escalatedGrabRegion('nonsense')).toBeNull();
  });
  it('prefixes', () => {
    expect(grabPrefix(TOWN)).toBe('110115110');
    expect(grabPrefix(DISTRICT)).toBe('110115');
    expect(ancestorAt(VILLAGE, 'district')).toBe(DISTRICT);
  });
});

describe('VS-5 who may grab', () => {
  const order = { category_code: 'elderly', grab_region_code: TOWN };
  const team = { active: 1, kind: 'team', category_code: 'elderly', region_code: VILLAGE };
  it('an active team of the category inside the grab region', () =>
    expect(teamMayGrab(team, order)).toBe(true));
  it('a sub-team too', () => expect(teamMayGrab({ ...team, kind: 'subteam' }, order)).toBe(true));
  it('not a corps', () => expect(teamMayGrab({ ...team, kind: 'corps' }, order)).toBe(false));
  it('not an inactive team', () => expect(teamMayGrab({ ...team, active: 0 }, order)).toBe(false));
  it('not another category or none', () => {
    expect(teamMayGrab({ ...team, category_code: 'culture' }, order)).toBe(false);
    expect(teamMayGrab({ ...team, category_code: null }, order)).toBe(false);
  });
  it('not outside the grab region until it escalates', () => {
    const other = { ...team, region_code: '110115103201' }; // 青云店镇
    expect(teamMayGrab(other, order)).toBe(false);
    expect(teamMayGrab(other, { ...order, grab_region_code: DISTRICT })).toBe(true);
  });
  it('not when the order is not open anywhere', () =>
    expect(teamMayGrab(team, { ...order, grab_region_code: null })).toBe(false));
});

describe('VS-5 sweep steps', () => {
  it('names the version so each window is swept once', () => {
    expect(sweepStep({ state: 'directed', version: 3 })).toEqual({
      step: 'open:v3',
      action: 'sweep_open',
    });
    expect(sweepStep({ state: 'open', version: 4 })).toEqual({
      step: 'escalate:v4',
      action: 'sweep_escalate',
    });
    expect(sweepStep({ state: 'accepted', version: 5 })).toBeNull();
  });
});

describe('VS-3 numbers', () => {
  it('prefix, China date and an unambiguous tail', () => {
    const n = humanNumber('XQ', new Date('2026-03-01T17:00:00.000Z'), Buffer.from([0, 1, 2, 3, 4]));
    expect(n).toBe('XQ-260302-23456');
    expect(humanNumber('PD', new Date('2026-03-02T01:00:00Z'))).toMatch(
      /^PD-260302-[2-9A-HJKMNP-Z]{5}$/,
    );
  });
});

describe('wantedInPast (issue #11: China days)', () => {
  const now = new Date('2026-03-02T01:30:00Z'); // 09:30 on 2 March in Beijing
  it('refuses a window starting on an earlier China day, even when UTC says it is today', () => {
    expect(wantedInPast({ from: '2026-03-01T15:59:59Z', to: '2026-03-02T05:00:00Z' }, now)).toBe(
      true,
    );
    expect(wantedInPast({ from: '2026-03-01T16:00:00Z', to: '2026-03-02T05:00:00Z' }, now)).toBe(
      false,
    );
  });
  it('refuses a window already over; an open start must be later than now', () => {
    expect(wantedInPast({ from: '2026-03-02T00:00:00Z', to: '2026-03-02T01:29:59Z' }, now)).toBe(
      true,
    );
    expect(wantedInPast({ from: '2026-03-02T01:29:00Z' }, now)).toBe(true);
    expect(wantedInPast({ from: '2026-03-02T01:30:00Z' }, now)).toBe(false);
    expect(wantedInPast({ to: '2026-03-02T09:30:00+08:00' }, now)).toBe(false);
    expect(wantedInPast({ to: '2026-03-02T09:29:00+08:00' }, now)).toBe(true);
  });
  it('no wanted time is never in the past', () => {
    expect(wantedInPast({}, now)).toBe(false);
  });
});
