import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeYearOf, periodGrains } from './figures.rules.ts';

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
