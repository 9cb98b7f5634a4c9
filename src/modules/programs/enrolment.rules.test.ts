import { describe, expect, it } from 'vitest';
import {
  ageOn,
  compareQueue,
  drawLottery,
  eligibilityRefusal,
  priorityRank,
  seededRandom,
  type LotteryEntry,
} from './enrolment.rules.ts';

const HUANGHE = '371602005003'; // a neighbourhood code
const rule = { minAge: 6, maxAge: 12, catchmentCodes: [HUANGHE] };

describe('CP-2 eligibility', () => {
  it('counts full years, a birthday on the day included', () => {
    expect(ageOn('2018-07-01', '2026-07-01')).toBe(8);
    expect(ageOn('2018-07-02', '2026-07-01')).toBe(7);
    expect(ageOn('2016-02-29', '2026-02-28')).toBe(9);
    expect(ageOn('2016-02-29', '2026-03-01')).toBe(10);
  });
  it('accepts a child of the right age from the catchment', () => {
    expect(
      eligibilityRefusal({ birthDate: '2018-07-01', regionCode: HUANGHE }, rule, '2026-07-01'),
    ).toBeNull();
  });
  it('refuses a child too young or too old on the season start', () => {
    const young = { birthDate: '2020-07-02', regionCode: HUANGHE };
    const old = { birthDate: '2013-07-01', regionCode: HUANGHE };
    expect(eligibilityRefusal(young, rule, '2026-07-01')).toBe('CP_CHILD_AGE');
    expect(eligibilityRefusal(old, rule, '2026-07-01')).toBe('CP_CHILD_AGE');
  });
  it('refuses a child from outside the catchment; a town code covers its villages', () => {
    const elsewhere = { birthDate: '2018-07-01', regionCode: '371602005004' };
    expect(eligibilityRefusal(elsewhere, rule, '2026-07-01')).toBe('CP_OUTSIDE_CATCHMENT');
    const town = { ...rule, catchmentCodes: ['371602005000'] };
    expect(eligibilityRefusal(elsewhere, town, '2026-07-01')).toBeNull();
  });
  it('an empty catchment and no ages: everyone', () => {
    const open = { minAge: null, maxAge: null, catchmentCodes: [] };
    expect(
      eligibilityRefusal({ birthDate: '2024-01-01', regionCode: 'x' }, open, '2026-07-01'),
    ).toBeNull();
  });
});

describe('CP-2 waitlist order', () => {
  it('ranks any declared priority group first', () => {
    expect(priorityRank([{ group: 'left_behind', evidence: '父母在外务工' }])).toBe(0);
    expect(priorityRank([])).toBe(1);
  });
  it('orders priority groups first, then time', () => {
    const q = [
      { id: 'a', priorityRank: 1, position: 1 },
      { id: 'b', priorityRank: 0, position: 5 },
      { id: 'c', priorityRank: 1, position: 2 },
      { id: 'd', priorityRank: 0, position: 3 },
    ];
    expect([...q].sort(compareQueue).map((e) => e.id)).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe('CP-2 lottery', () => {
  const entries: LotteryEntry[] = Array.from({ length: 30 }, (_, i) => ({
    id: `c${String(i).padStart(2, '0')}`,
    siblingGroup: i === 3 || i === 4 ? 'twins' : null,
    priorityRank: i % 5 === 0 ? 0 : 1,
  }));

  it('the PRNG is a pure function of its seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(xs[0]);
  });
  it('the same seed reproduces the same draw, whatever the input order', () => {
    const first = drawLottery(entries, 10, 20260701);
    const again = drawLottery([...entries].reverse(), 10, 20260701);
    expect(again).toEqual(first);
    expect(drawLottery(entries, 10, 7).order).not.toEqual(first.order);
  });
  it('ranks priority groups first and fills exactly the places', () => {
    const r = drawLottery(entries, 10, 99);
    const priority = entries.filter((e) => e.priorityRank === 0).map((e) => e.id);
    expect(r.order.slice(0, priority.length).sort()).toEqual(priority.sort());
    expect(r.enrolled).toHaveLength(10);
    expect(r.waitlisted).toHaveLength(20);
    expect(new Set([...r.enrolled, ...r.waitlisted]).size).toBe(30);
  });
  it('places siblings both or neither, next to each other in the order', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = drawLottery(entries, 7, seed);
      const i = r.order.indexOf('c03');
      expect(Math.abs(r.order.indexOf('c04') - i)).toBe(1);
      expect(r.enrolled.includes('c03')).toBe(r.enrolled.includes('c04'));
      expect(r.enrolled.length).toBeLessThanOrEqual(7);
    }
  });
  it('a group too large for the last seat waits while a single child behind it gets the seat', () => {
    const es: LotteryEntry[] = [
      { id: 'a', siblingGroup: 'g', priorityRank: 0 },
      { id: 'b', siblingGroup: 'g', priorityRank: 0 },
      { id: 'c', siblingGroup: null, priorityRank: 1 },
    ];
    const r = drawLottery(es, 1, 5);
    expect(r.enrolled).toEqual(['c']);
    expect(r.waitlisted).toEqual(['a', 'b']);
  });
});
