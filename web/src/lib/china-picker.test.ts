import dayjs from 'dayjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  beforeChinaToday,
  chinaInstant,
  chinaInstantOf,
  pickedDay,
  pickerValueOf,
} from './china-picker';

const ZONES = [
  'America/Los_Angeles',
  'Asia/Shanghai',
  'UTC',
  'Pacific/Kiritimati',
  'Europe/Berlin',
];
const original = process.env.TZ;

/** Runs the check with the "browser" in each zone (Node reads TZ on every Date call). */
function inEveryZone(check: (zone: string) => void) {
  for (const zone of ZONES) {
    process.env.TZ = zone;
    check(zone);
  }
}

describe('China-day pickers (issue #11)', () => {
  afterEach(() => {
    process.env.TZ = original;
  });

  it('the test really moves the zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    const la = new Date(2026, 2, 3, 14, 0).toISOString();
    process.env.TZ = 'Asia/Shanghai';
    expect(new Date(2026, 2, 3, 14, 0).toISOString()).not.toBe(la);
  });

  it('a picked 3 March 14:00 is 14:00 in Beijing in every browser zone', () => {
    inEveryZone((zone) => {
      // What antd hands out: a dayjs at the local wall clock the person picked.
      const day = dayjs(new Date(2026, 2, 3, 0, 0));
      const time = dayjs(new Date(2026, 0, 1, 14, 0));
      expect(chinaInstant(day, time), zone).toBe('2026-03-03T06:00:00.000Z');
      expect(chinaInstantOf(dayjs(new Date(2026, 2, 3, 14, 0))), zone).toBe(
        '2026-03-03T06:00:00.000Z',
      );
      // Midnight in China is the evening before in UTC.
      expect(chinaInstant(dayjs(new Date(2026, 2, 3, 0, 0))), zone).toBe(
        '2026-03-02T16:00:00.000Z',
      );
      // A day of a daylight-saving change in Los Angeles and Berlin changes nothing in China.
      expect(chinaInstantOf(dayjs(new Date(2026, 2, 8, 9, 30))), zone).toBe(
        '2026-03-08T01:30:00.000Z',
      );
    });
  });

  it('an instant shows its China wall clock in the picker, and round-trips', () => {
    inEveryZone((zone) => {
      const v = pickerValueOf('2026-03-10T16:30:00.000Z'); // 00:30 on the 11th in China
      expect(v.format('YYYY-MM-DD HH:mm'), zone).toBe('2026-03-11 00:30');
      expect(pickedDay(v), zone).toBe('2026-03-11');
      expect(chinaInstantOf(v), zone).toBe('2026-03-10T16:30:00.000Z');
    });
  });

  it('disables days before today in China, not before today in the browser', () => {
    // 20:00 UTC on 2 March: 12:00 on the 2nd in Los Angeles, 04:00 on the 3rd in Beijing.
    const now = new Date('2026-03-02T20:00:00.000Z');
    inEveryZone((zone) => {
      expect(beforeChinaToday(dayjs(new Date(2026, 2, 2, 0, 0)), now), zone).toBe(true);
      expect(beforeChinaToday(dayjs(new Date(2026, 2, 3, 0, 0)), now), zone).toBe(false);
      expect(beforeChinaToday(dayjs(new Date(2026, 2, 4, 0, 0)), now), zone).toBe(false);
    });
  });
});
