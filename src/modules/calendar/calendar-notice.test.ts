/** GS-8: a year's notice as a table of days — CSV parsing and checks (pure). */
import { describe, expect, it } from 'vitest';
import { checkNoticeDays, parseNoticeCsv } from './calendar-notice.ts';

describe('GS-8 parseNoticeCsv', () => {
  it('reads date,kind[,name] lines with a header, Chinese kinds, slashes and a BOM', () => {
    const r = parseNoticeCsv(
      '\uFEFF日期,类型,节日\r\n2027/2/9,休,春节\n2027-02-20，班\n\n# note\n',
    );
    expect(r).toEqual({
      ok: true,
      days: [
        { date: '2027-02-09', kind: 'holiday', name: '春节' },
        { date: '2027-02-20', kind: 'workday' },
      ],
    });
    expect(parseNoticeCsv('date,kind\n2027-10-04,holiday\n2027-09-26,WORKDAY')).toMatchObject({
      ok: true,
      days: [
        { date: '2027-10-04', kind: 'holiday' },
        { date: '2027-09-26', kind: 'workday' },
      ],
    });
  });

  it('names the line of every bad row', () => {
    const r = parseNoticeCsv('date,kind\n2027-02-30,休\n2027-03-01,maybe\n');
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: 'line 2', message: 'not a date: 2027-02-30' },
        expect.objectContaining({ path: 'line 3' }),
      ],
    });
  });
});

describe('GS-8 checkNoticeDays', () => {
  it('sorts the days of the year', () => {
    expect(
      checkNoticeDays(2027, [
        { date: '2027-10-04', kind: 'holiday' },
        { date: '2027-02-09', kind: 'holiday' },
      ]),
    ).toEqual({
      ok: true,
      days: [
        { date: '2027-02-09', kind: 'holiday' },
        { date: '2027-10-04', kind: 'holiday' },
      ],
    });
    expect(checkNoticeDays(2027, [])).toEqual({ ok: true, days: [] });
  });

  it('refuses a day of another year and a date listed twice', () => {
    const r = checkNoticeDays(2027, [
      { date: '2028-01-01', kind: 'holiday' },
      { date: '2027-02-09', kind: 'holiday' },
      { date: '2027-02-09', kind: 'workday' },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: 'days.0.date', message: '2028-01-01 is not in 2027' },
        { path: 'days.2.date', message: '2027-02-09 is listed twice' },
      ],
    });
  });
});
