/**
 * GS-8 a year's State Council holiday notice as a table of days (pure, no I/O): parsing the CSV an
 * administrator uploads and checking the table before it replaces the year's notice.
 *
 * CSV: one day a line, `date,kind[,name]`; a header line is allowed. `kind` is `holiday` / `休` /
 * `放假` for a day off and `workday` / `班` / `上班` for a make-up working day; `name` is the
 * festival (e.g. 春节), optional.
 */
import type { FieldError } from '../../shared/problem.ts';
import { isValidIsoDate, type IsoDate, type OverrideKind } from './working-days.ts';

export interface NoticeDayInput {
  date: IsoDate;
  kind: OverrideKind;
  name?: string | undefined;
}

export type NoticeCheck =
  { ok: true; days: NoticeDayInput[] } | { ok: false; errors: FieldError[] };

const KINDS: Record<string, OverrideKind> = {
  holiday: 'holiday',
  休: 'holiday',
  放假: 'holiday',
  workday: 'workday',
  班: 'workday',
  上班: 'workday',
};

/** The most days a notice may list (a year has at most 366). */
export const NOTICE_MAX_DAYS = 366;

function cells(line: string): string[] {
  return line.split(/[,，\t]/).map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

/** Rows of a CSV upload; the errors name the line. Dates are normalised from 2027/1/1 too. */
export function parseNoticeCsv(text: string): NoticeCheck {
  const days: NoticeDayInput[] = [];
  const errors: FieldError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [dateCell = '', kindCell = '', name = ''] = cells(line);
    if (i === 0 && /^(date|日期)$/i.test(dateCell)) return; // header
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(dateCell);
    const date = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : dateCell;
    const kind = KINDS[kindCell.toLowerCase()];
    if (!isValidIsoDate(date)) {
      errors.push({ path: `line ${i + 1}`, message: `not a date: ${dateCell}` });
    } else if (!kind) {
      errors.push({ path: `line ${i + 1}`, message: `kind must be holiday/休 or workday/班` });
    } else {
      days.push({ date, kind, ...(name ? { name } : {}) });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, days };
}

/** Every day in the notice's year, each date once, at most a year's worth. */
export function checkNoticeDays(year: number, days: readonly NoticeDayInput[]): NoticeCheck {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  if (days.length > NOTICE_MAX_DAYS)
    errors.push({ path: 'days', message: `at most ${NOTICE_MAX_DAYS} days` });
  days.forEach((d, i) => {
    if (!isValidIsoDate(d.date)) errors.push({ path: `days.${i}.date`, message: 'not a date' });
    else if (Number(d.date.slice(0, 4)) !== year)
      errors.push({ path: `days.${i}.date`, message: `${d.date} is not in ${year}` });
    else if (seen.has(d.date))
      errors.push({ path: `days.${i}.date`, message: `${d.date} is listed twice` });
    seen.add(d.date);
  });
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, days: [...days].sort((a, b) => a.date.localeCompare(b.date)) };
}
