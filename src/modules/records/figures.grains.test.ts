import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeYearOf, periodGrains, spanGrains } from './figures.rules.ts';

const days = (a: string, b: string) => {
  const out: string[] = [];
  for (
    let d = new Date(`${a}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= b;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
};

describe('a period as the rollup grains (issue #16 point 5)', () => {
  it('whole months in the middle, days left over at the ends', () => {
    expect(periodGrains('2026-01-15', '2026-04-10')).toEqual({
      months: ['2026-02', '2026-03'],
      days: [
        ['2026-01-15', '2026-01-31'],
        ['2026-04-01', '2026-04-10'],
      ],
    });
    expect(periodGrains('2026-01-01', '2026-12-31')).toEqual({
      months: ['2026-01', '2026-12'],
      days: [],
    });
    expect(periodGrains('2026-03-02', '2026-03-30')).toEqual({
      months: null,
      days: [['2026-03-02', '2026-03-30']],
    });
    expect(periodGrains('2024-02-01', '2024-02-29')).toEqual({
      months: ['2024-02', '2024-02'],
      days: [],
    });
  });

  it('covers every day of any period exactly once', () => {
    const day = fc
      .date({
        min: new Date('2025-01-01T00:00:00Z'),
        max: new Date('2026-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const g = periodGrains(from, to);
        const covered = [
          ...(g.months
            ? days(`${g.months[0]}-01`, to).filter((d) => d.slice(0, 7) <= g.months![1])
            : []),
          ...g.days.flatMap(([x, y]) => days(x, y)),
        ].sort();
        expect(covered).toEqual(days(from, to));
      }),
      { numRuns: 60 },
    );
  });

  it('distinct volunteers come from the year rollup only for a period from 1 January in one year', () => {
    expect(activeYearOf('2026-01-01', '2026-06-30')).toBe('2026');
    expect(activeYearOf('2026-01-01', '2026-12-31')).toBe('2026');
    expect(activeYearOf('2026-01-02', '2026-06-30')).toBeNull();
    expect(activeYearOf('2025-01-01', '2026-06-30')).toBeNull();
  });
});

describe('a period as the area rollups’ grains: years, months, days (migration 0064)', () => {
  it('whole years in the middle, then months, then days', () => {
    expect(spanGrains('2024-03-15', '2026-02-10')).toEqual([
      ['2025', '2025'],
      ['2024-04', '2024-12'],
      ['2024-03-15', '2024-03-31'],
      ['2026-01', '2026-01'],
      ['2026-02-01', '2026-02-10'],
    ]);
    expect(spanGrains('1000-01-01', '2026-12-06')).toEqual([
      ['1000', '2025'],
      ['2026-01', '2026-11'],
      ['2026-12-01', '2026-12-06'],
    ]);
    expect(spanGrains('2026-01-01', '2026-12-31')).toEqual([['2026', '2026']]);
    expect(spanGrains('2026-03-02', '2026-03-30')).toEqual([['2026-03-02', '2026-03-30']]);
  });

  it('cover every day of any period exactly once', () => {
    const calendar = days('2022-01-01', '2028-12-31');
    const day = fc
      .integer({ min: 0, max: 1500 })
      .map((n) => new Date(Date.UTC(2023, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const covered = spanGrains(from, to).flatMap(([lo, hi]) =>
          calendar.filter((d) => d.slice(0, lo.length) >= lo && d.slice(0, hi.length) <= hi),
        );
        expect(covered.sort()).toEqual(days(from, to));
      }),
      { numRuns: 200 },
    );
  });
});
