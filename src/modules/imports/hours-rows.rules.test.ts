import { describe, expect, it } from 'vitest';
import { buildIdNumber } from '../residents/id-number.ts';
import { checkHoursRow, overDailyCap, parseServiceDate } from './hours-rows.rules.ts';

const ID = buildIdNumber('110115', '19900412', '027');
const ctx = { today: '2026-12-05' };

describe('one row of historic hours', () => {
  it('dates as clerks write them', () => {
    expect(parseServiceDate('2024-3-5')).toBe('2024-03-05');
    expect(parseServiceDate('2024/03/05')).toBe('2024-03-05');
    expect(parseServiceDate('2024年3月5日')).toBe('2024-03-05');
    expect(parseServiceDate('20240305')).toBe('2024-03-05');
    expect(parseServiceDate('2024-02-30')).toBeNull();
    expect(parseServiceDate('March 5')).toBeNull();
  });
  it('a clean row by ID number or by mobile', () => {
    const r = checkHoursRow(
      { volunteer: ID, date: '2024-03-05', hours: '2.5', content: ' 送餐 ', team: '队' },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        volunteer: { kind: 'id', value: ID },
        date: '2024-03-05',
        halfHours: 5,
        content: '送餐',
        place: '',
        team: '队',
      },
    });
    const p = checkHoursRow(
      { volunteer: '137 0000 1234', date: '2024-03-05', hours: '1', content: '送餐', team: '队' },
      ctx,
    );
    expect(p.ok && p.value.volunteer).toEqual({ kind: 'phone', value: '13700001234' });
  });
  it('every reason at once', () => {
    const r = checkHoursRow({ volunteer: '12345', date: '2030-01-01', hours: '0.3' }, ctx);
    expect(!r.ok && r.reasons).toEqual([
      'VOLUNTEER_KEY_INVALID',
      'DATE_IN_FUTURE',
      'HOURS_INVALID',
      'CONTENT_MISSING',
      'TEAM_MISSING',
    ]);
    const over = checkHoursRow(
      { volunteer: ID, date: '2024-03-05', hours: '9', content: '送餐', team: '队' },
      ctx,
    );
    expect(!over.ok && over.reasons).toEqual(['HOURS_OVER_DAILY_CAP']);
  });
  it('the daily cap counts the file and what is recorded', () => {
    const rows = [
      { row: 2, key: 'v d1', halfHours: 8 },
      { row: 3, key: 'v d1', halfHours: 6 },
      { row: 4, key: 'v d2', halfHours: 16 },
    ];
    expect([...overDailyCap(rows, new Map())]).toEqual([]);
    expect([...overDailyCap(rows, new Map([['v d1', 4]]))]).toEqual([2, 3]);
  });
});
