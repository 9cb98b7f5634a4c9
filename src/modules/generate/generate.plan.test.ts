import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../residents/id-number.ts';
import { CASE_STATES } from '../cases/case.workflow.ts';
import { caseAt, generatedCaseNumber, personAt, planScale, SCALES } from './generate.plan.ts';

const VILLAGES = ['110115110201', '110115110207', '110115110222'];
const OPTS = { residents: 200, items: 10, years: 2, ratedShare: 0.3 };

describe('#16 point 4: the generate planner', () => {
  it('sizes each scale as documented', () => {
    const sizes = SCALES.map((s) => {
      const p = planScale(s);
      return [s, p.scope, p.residents, p.cases];
    });
    expect(sizes).toEqual([
      ['tiny', '110115110', 200, 500],
      ['town', '110115110', 20_000, 50_000],
      ['district', '110115', 300_000, 750_000],
      ['city', '11', 2_000_000, 5_000_000],
    ]);
  });

  it('is deterministic: the same seed gives the same people and cases, another seed others', () => {
    const run = (seed: number) => ({
      people: Array.from({ length: 50 }, (_, i) => personAt(seed, i, VILLAGES)),
      cases: Array.from({ length: 50 }, (_, k) => caseAt(seed, k, OPTS)),
    });
    expect(run(7)).toEqual(run(7));
    expect(run(8).people.map((p) => p.idNumber)).not.toEqual(run(7).people.map((p) => p.idNumber));
  });

  it('makes valid GB 11643 ID numbers, unique across 100,000 people, sex matching', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i += 1) {
      const p = personAt(1, i, VILLAGES);
      seen.add(p.idNumber);
      if (i % 997 === 0) {
        const parsed = parseIdNumber(p.idNumber, '2026-12-05');
        expect(parsed).toMatchObject({ ok: true, sex: p.sex, birthDate: p.birthDate });
      }
    }
    expect(seen.size).toBe(100_000);
  });

  it('puts the first cases in every workflow state and spreads cases over the years', () => {
    const cases = Array.from({ length: 500 }, (_, k) => caseAt(3, k, OPTS));
    expect(new Set(cases.map((c) => c.state))).toEqual(new Set(CASE_STATES));
    expect(Math.max(...cases.map((c) => c.ageDays))).toBeGreaterThan(600);
    expect(cases.every((c) => c.applicant < 200 && c.item < 10)).toBe(true);
    expect(
      cases.filter((c) => c.rated).every((c) => ['delivered', 'closed'].includes(c.state)),
    ).toBe(true);
  });

  it('numbers generated cases YYYYMMDD-9NNNN, away from the live counter', () => {
    expect(generatedCaseNumber('2026-03-02', 1)).toBe('20260302-90001');
    expect(generatedCaseNumber('2026-03-02', 9999)).toBe('20260302-99999');
    expect(() => generatedCaseNumber('2026-03-02', 10_000)).toThrow(RangeError);
  });
});
