import { describe, expect, it } from 'vitest';
import { planScale, SCALES } from './generate.plan.ts';
import {
  ACTIVITY_SIZE,
  PENDING_DAYS,
  registeredDaysAgo,
  teamActivities,
  teamSizes,
  TEAM_SIZE,
  type PlannedActivity,
} from './volunteering.plan.ts';

const DAYS = 730;
const OPTS = { members: 150, recordsPerVolunteer: 20, days: DAYS, titles: 12 };
const records = (acts: PlannedActivity[]) => acts.reduce((n, a) => n + a.participants.length, 0);

describe('#16: the volunteer side of the generate planner', () => {
  it('sizes each scale at the city milestone’s density, tiny kept small', () => {
    const sizes = SCALES.map((s) => {
      const p = planScale(s);
      const volunteers = Math.ceil(p.residents / p.volunteerEvery);
      return [s, volunteers, volunteers * p.recordsPerVolunteer];
    });
    expect(sizes).toEqual([
      ['tiny', 50, 400],
      ['town', 10_000, 200_000],
      ['district', 150_000, 3_000_000],
      ['city', 1_000_000, 20_000_000],
    ]);
  });

  it('splits a town’s volunteers into teams of about 150, evenly, none empty', () => {
    expect(teamSizes(0)).toEqual([]);
    expect(teamSizes(3)).toEqual([3]);
    expect(teamSizes(10_000)).toHaveLength(67);
    const sizes = teamSizes(3_456);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3_456);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.every((s) => s > TEAM_SIZE * 0.6 && s < TEAM_SIZE * 1.5)).toBe(true);
  });

  it('plans about 20 records per member, in activities of 5–30 over the period, 1–4 hours', () => {
    const acts = teamActivities(1, 0, OPTS);
    const n = records(acts);
    expect(n).toBeGreaterThanOrEqual(150 * 20);
    expect(n).toBeLessThan(150 * 20 + ACTIVITY_SIZE.max);
    const sizes = acts.map((a) => a.participants.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(ACTIVITY_SIZE.max);
    expect(sizes.filter((s) => s >= ACTIVITY_SIZE.min).length / sizes.length).toBeGreaterThan(0.95);
    const ages = acts.map((a) => a.ageDays);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ages)).toBeLessThanOrEqual(DAYS);
    expect(new Set(ages).size).toBeGreaterThan(100);
    for (const a of acts) {
      expect(a.halfHours).toBeGreaterThanOrEqual(2);
      expect(a.halfHours).toBeLessThanOrEqual(8);
      expect(a.startMinute).toBeGreaterThanOrEqual(8 * 60);
      expect(a.startMinute + a.halfHours * 30).toBeLessThanOrEqual(20 * 60);
      expect(a.participants).toContain(a.host);
    }
    // Every member serves, about 20 times.
    const per = new Array<number>(150).fill(0);
    for (const a of acts) for (const m of a.participants) per[m]! += 1;
    expect(Math.min(...per)).toBeGreaterThan(5);
    expect(Math.max(...per)).toBeLessThan(40);
  });

  it('gives a volunteer at most one activity a day: one record per volunteer, activity and day', () => {
    for (const members of [3, 40, 150, 220]) {
      const acts = teamActivities(9, members, { ...OPTS, members });
      const seen = new Set<string>();
      for (const a of acts)
        for (const m of a.participants) {
          const key = `${m}/${a.ageDays}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
      expect(acts.every((a) => a.participants.every((m) => m < members))).toBe(true);
    }
  });

  it('leaves the last days pending and rejects a few of the older records', () => {
    const acts = [0, 1, 2, 3].flatMap((t) => teamActivities(2, t, OPTS));
    const outcomes = acts.flatMap((a) => a.outcomes.map((o) => ({ o, age: a.ageDays })));
    expect(outcomes.filter((x) => x.o === 'pending').every((x) => x.age <= PENDING_DAYS)).toBe(
      true,
    );
    expect(outcomes.filter((x) => x.age <= PENDING_DAYS).every((x) => x.o === 'pending')).toBe(
      true,
    );
    const rejected = outcomes.filter((x) => x.o === 'rejected').length / outcomes.length;
    expect(rejected).toBeGreaterThan(0.005);
    expect(rejected).toBeLessThan(0.03);
  });

  it('stops when the period has too few days for the records asked', () => {
    const acts = teamActivities(4, 0, { ...OPTS, members: 10, days: 5 });
    expect(records(acts)).toBe(50); // ten members, one activity a day each, five days
  });

  it('is deterministic: the same seed and team plan the same, another seed or team otherwise', () => {
    expect(teamActivities(7, 3, OPTS)).toEqual(teamActivities(7, 3, OPTS));
    expect(teamActivities(8, 3, OPTS)).not.toEqual(teamActivities(7, 3, OPTS));
    expect(teamActivities(7, 4, OPTS)).not.toEqual(teamActivities(7, 3, OPTS));
    expect(registeredDaysAgo(7, 11, DAYS)).toBe(registeredDaysAgo(7, 11, DAYS));
    const ago = Array.from({ length: 1000 }, (_, i) => registeredDaysAgo(7, i, DAYS));
    expect(Math.min(...ago)).toBeGreaterThan(DAYS);
    expect(Math.max(...ago)).toBeLessThanOrEqual(DAYS + 365);
  });
});
