/**
 * antd's DatePicker/TimePicker/RangePicker hand out dayjs values in the browser's time zone. A
 * town's dates are China dates (issue #11), whatever the phone or PC is set to: a clerk in a browser
 * set to Los Angeles who picks "3 March, 14:00" means 14:00 in Beijing on 3 March. These helpers
 * read only the wall-clock fields the person saw (year, month, day, hour, minute) and pin them to
 * Asia/Shanghai (UTC+8 all year, no daylight saving), and turn an instant back into the picker
 * value that shows its China wall clock.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { chinaDay } from './china-time';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The instant (ISO, UTC) of the picked day and time of day, read as a clock in China. */
export function chinaInstant(day: Dayjs, time: Dayjs = day): string {
  return new Date(
    Date.UTC(day.year(), day.month(), day.date(), time.hour(), time.minute(), 0, 0) -
      CHINA_OFFSET_MS,
  ).toISOString();
}

/** The instant of a picked date-time (a RangePicker with showTime), read as a clock in China. */
export function chinaInstantOf(value: Dayjs): string {
  return chinaInstant(value, value);
}

/** The picked calendar day as YYYY-MM-DD (the day the person saw, no zone arithmetic). */
export function pickedDay(value: Dayjs): string {
  return value.format('YYYY-MM-DD');
}

/** For `disabledDate`: a day before today in China. */
export function beforeChinaToday(value: Dayjs, now: Date = new Date()): boolean {
  return pickedDay(value) < chinaDay(now);
}

/** The picker value that shows an instant's China wall clock (for initial values). */
export function pickerValueOf(instant: Date | string): Dayjs {
  const t = new Date(new Date(instant).getTime() + CHINA_OFFSET_MS);
  return dayjs(
    new Date(
      t.getUTCFullYear(),
      t.getUTCMonth(),
      t.getUTCDate(),
      t.getUTCHours(),
      t.getUTCMinutes(),
      0,
      0,
    ),
  );
}
