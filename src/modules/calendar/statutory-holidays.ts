/**
 * GS-8: the statutory holidays of any year, fixed by law — 全国年节及纪念日放假办法 as amended by the
 * State Council in November 2024 (in force from 2025):
 *   元旦 1 day (1 January); 春节 4 days (农历除夕 and 正月初一 to 初三); 清明 1 day (the 清明 solar
 *   term); 劳动节 2 days (1–2 May); 端午 1 day (农历五月初五); 中秋 1 day (农历八月十五);
 *   国庆 3 days (1–3 October).
 * Lunar dates and solar terms come from tyme4ts. 除夕 is taken as the day before 正月初一, so a
 * 腊月 of 29 days needs no special case.
 *
 * What the law does not fix — bridge days (the rest of a 7- or 8-day break) and the 调休 make-up
 * working days — is in each year's State Council notice, which an administrator enters; until then
 * a year is "provisional". Pure: no I/O; results are cached per year (they never change).
 */
import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';
import type { HolidayName, IsoDate } from './working-days.ts';

export interface StatutoryHoliday {
  date: IsoDate;
  name: HolidayName;
}

const NAMES = {
  newYear: { zh: '元旦', en: "New Year's Day" },
  springFestival: { zh: '春节', en: 'Spring Festival' },
  tombSweeping: { zh: '清明节', en: 'Tomb-sweeping Day' },
  labour: { zh: '劳动节', en: 'Labour Day' },
  dragonBoat: { zh: '端午节', en: 'Dragon Boat Festival' },
  midAutumn: { zh: '中秋节', en: 'Mid-autumn Festival' },
  national: { zh: '国庆节', en: 'National Day' },
} as const satisfies Record<string, HolidayName>;

/** 清明 is the 7th of the 24 solar terms counted from the previous 冬至 (index 0). */
const QINGMING_TERM_INDEX = 7;

function iso(day: SolarDay): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getYear()}-${pad(day.getMonth())}-${pad(day.getDay())}`;
}

function fixed(year: number, month: number, day: number, name: HolidayName): StatutoryHoliday {
  return { date: iso(SolarDay.fromYmd(year, month, day)), name };
}

function lunar(year: number, month: number, day: number, name: HolidayName): StatutoryHoliday {
  return { date: iso(LunarDay.fromYmd(year, month, day).getSolarDay()), name };
}

const cache = new Map<number, readonly StatutoryHoliday[]>();

/**
 * The statutory days off of a Gregorian year, in date order: 13, or 12 when 中秋 falls on 1–3 October
 * (as in 2020): the day is listed once, under 国庆节; that year's notice settles the break.
 */
export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < 1901 || year > 2199)
    throw new RangeError(`no lunar calendar for year ${year}`);
  const cached = cache.get(year);
  if (cached) return cached;
  // 正月初一 falls between 21 January and 20 February, so 除夕 to 初三 are in the same year.
  const newYear = LunarDay.fromYmd(year, 1, 1).getSolarDay();
  const spring = [-1, 0, 1, 2].map((n) => ({
    date: iso(newYear.next(n)),
    name: NAMES.springFestival,
  }));
  const days: StatutoryHoliday[] = [
    fixed(year, 1, 1, NAMES.newYear),
    ...spring,
    {
      date: iso(SolarTerm.fromIndex(year, QINGMING_TERM_INDEX).getSolarDay()),
      name: NAMES.tombSweeping,
    },
    fixed(year, 5, 1, NAMES.labour),
    fixed(year, 5, 2, NAMES.labour),
    lunar(year, 5, 5, NAMES.dragonBoat),
    lunar(year, 8, 15, NAMES.midAutumn),
    fixed(year, 10, 1, NAMES.national),
    fixed(year, 10, 2, NAMES.national),
    fixed(year, 10, 3, NAMES.national),
  ];
  const byDate = new Map<IsoDate, StatutoryHoliday>();
  for (const d of days) byDate.set(d.date, d); // 国庆 after 中秋: a shared day keeps 国庆's name
  const sorted = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, sorted);
  return sorted;
}

/** The statutory holiday on `date`, if it is one. */
export function statutoryHolidayOn(date: IsoDate): HolidayName | null {
  const found = statutoryHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);
  return found?.name ?? null;
}

/** A festival's names from its Chinese name as a notice writes it (春节, 国庆节 …). */
export function festivalName(zh: string): HolidayName {
  const found = Object.values(NAMES).find((n) => n.zh === zh || n.zh === `${zh}节`);
  return found ?? { zh, en: zh };
}
