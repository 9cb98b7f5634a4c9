import { describe, expect, it } from 'vitest';
import { callText, defaultWindowName, seatCovers, windowActions } from './windows.rules.ts';

describe('station windows (GS-10)', () => {
  it('names a window by its number', () => {
    expect(defaultWindowName(2)).toBe('2号窗口');
    expect(() => defaultWindowName(0)).toThrow(RangeError);
    expect(() => defaultWindowName(21)).toThrow(RangeError);
    expect(() => defaultWindowName(1.5)).toThrow(RangeError);
  });

  it('offers sit on a free window, leave on mine, nothing on a taken or archived one', () => {
    const base = { archived: false, sitterIsMe: false, taken: false, canManage: false };
    expect(windowActions(base)).toEqual(['sit']);
    expect(windowActions({ ...base, taken: true })).toEqual([]);
    expect(windowActions({ ...base, taken: true, sitterIsMe: true })).toEqual(['leave']);
    expect(windowActions({ ...base, archived: true, canManage: true })).toEqual([]);
    expect(windowActions({ ...base, canManage: true })).toEqual(['sit', 'rename', 'archive']);
    expect(windowActions({ ...base, taken: true, canManage: true })).toEqual(['rename']);
  });

  it('announces the window in Chinese and English', () => {
    expect(callText('A001', { number: 2, name: '2号窗口' }, '2号窗口')).toEqual({
      zh: 'A001 请到 2号窗口',
      en: 'A001 to window 2',
    });
    expect(callText('B003', null, '东厅')).toEqual({ zh: 'B003 请到 东厅', en: 'B003 to 东厅' });
    expect(callText('B004', null, null).zh).toBe('B004 请到窗口');
  });

  it('a seat covers the instants from sitting down to leaving', () => {
    const seat = { satAt: '2026-03-03T01:00:00.000Z', leftAt: '2026-03-03T02:00:00.000Z' };
    expect(seatCovers(seat, '2026-03-03T00:59:59.000Z')).toBe(false);
    expect(seatCovers(seat, '2026-03-03T01:00:00.000Z')).toBe(true);
    expect(seatCovers(seat, '2026-03-03T02:00:00.000Z')).toBe(true);
    expect(seatCovers(seat, '2026-03-03T02:00:01.000Z')).toBe(false);
    expect(seatCovers({ ...seat, leftAt: null }, '2026-03-04T00:00:00.000Z')).toBe(true);
  });
});
