/**
 * GS-8 statutory holidays by law (全国年节及纪念日放假办法, 2024 amendment), computed with tyme4ts.
 * Cross-checked against the State Council notices shipped in chinese-days.
 */
import { LunarDay } from 'tyme4ts';
import { describe, expect, it } from 'vitest';
import { statutoryHolidayOn, statutoryHolidays } from './statutory-holidays.ts';
import { CHINESE_DAYS_DATA } from './working-days.ts';

const dates = (year: number) => statutoryHolidays(year).map((h) => h.date);
const named = (year: number, zh: string) =>
  statutoryHolidays(year)
    .filter((h) => h.name.zh === zh)
    .map((h) => h.date);

describe('GS-8 statutory holidays of a year', () => {
  it('2027: 元旦, 春节 from 除夕 5 February, 清明 5 April, 劳动节, 端午, 中秋, 国庆', () => {
    expect(dates(2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    expect(statutoryHolidayOn('2027-02-05')).toEqual({ zh: '春节', en: 'Spring Festival' });
    expect(statutoryHolidayOn('2027-02-09')).toBeNull();
  });

  it('2030: 除夕 2 February, 清明 5 April, 端午 5 June, 中秋 12 September', () => {
    expect(named(2030, '春节')).toEqual(['2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']);
    expect(named(2030, '清明节')).toEqual(['2030-04-05']);
    expect(named(2030, '端午节')).toEqual(['2030-06-05']);
    expect(named(2030, '中秋节')).toEqual(['2030-09-12']);
  });

  it('2050: 除夕 22 January, 清明 4 April, 端午 23 June, 中秋 30 September', () => {
    expect(named(2050, '春节')).toEqual(['2050-01-22', '2050-01-23', '2050-01-24', '2050-01-25']);
    expect(named(2050, '清明节')).toEqual(['2050-04-04']);
    expect(named(2050, '端午节')).toEqual(['2050-06-23']);
    expect(named(2050, '中秋节')).toEqual(['2050-09-30']);
  });

  it('除夕 is the day before 正月初一 also when 腊月 has 29 days (2025: 28 January)', () => {
    // 腊月 of 乙巳 (2024/25) has 29 days: there is no 腊月三十 that year.
    expect(named(2025, '春节')).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
  });

  it('13 days (12 when 中秋 is on 1–3 October) every year to 2100, in order, no duplicates', () => {
    for (let y = 2025; y <= 2100; y++) {
      const d = dates(y);
      const midAutumn = LunarDay.fromYmd(y, 8, 15).getSolarDay();
      const shared = midAutumn.getMonth() === 10 && midAutumn.getDay() <= 3 ? 1 : 0;
      expect({ y, n: d.length }).toEqual({ y, n: 13 - shared });
      expect(new Set(d).size).toBe(d.length);
      expect([...d].sort()).toEqual(d);
      expect(d.every((x) => x.startsWith(`${y}-`))).toBe(true);
    }
  });

  it('2025 and 2026 (the amended law): every statutory day is a day off in the notices', () => {
    for (const year of [2025, 2026]) {
      const missing = dates(year).filter((d) => !(d in CHINESE_DAYS_DATA.holidays));
      expect({ year, missing }).toEqual({ year, missing: [] });
    }
  });

  it('2020: 中秋 on 1 October is listed once, under 国庆节', () => {
    expect(dates(2020)).toHaveLength(12);
    expect(statutoryHolidayOn('2020-10-01')).toEqual({ zh: '国庆节', en: 'National Day' });
  });

  it('2008–2024 (before the amendment): the weekdays the old law also fixed are days off too', () => {
    // Before 2025, 除夕 and 2 May were not statutory; the lunar and solar-term dates still match.
    // chinese-days omits some weekend days of older breaks, so only Monday–Friday is compared.
    const weekday = (d: string) => [1, 2, 3, 4, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    for (let year = 2008; year <= 2024; year++) {
      const chuxi = named(year, '春节')[0];
      const old = statutoryHolidays(year).filter(
        (h) => h.date !== chuxi && h.date !== `${year}-05-02` && weekday(h.date),
      );
      const missing = old.map((h) => h.date).filter((d) => !(d in CHINESE_DAYS_DATA.holidays));
      expect({ year, missing }).toEqual({ year, missing: [] });
    }
  });

  it('refuses years the lunar calendar does not cover', () => {
    expect(() => statutoryHolidays(1800)).toThrow(RangeError);
    expect(() => statutoryHolidays(2027.5)).toThrow(RangeError);
  });
});
