/**
 * Issue #16 (the city milestone: 1 M volunteers, 20 M hour records), the pure half of the volunteer
 * side of `doorstep generate`: how a town's volunteers form teams, when each volunteer registered,
 * and each team's activities over the period — day, time, length, who served, and what became of
 * each record. Seeded, so the same `--seed` plans the same activities; no I/O
 * (generate-volunteering.ts writes).
 *
 * Realistic rather than uniform: teams of about 150 members (a town's volunteers split evenly, in
 * village order, so a team is its neighbouring villages), activities of 5–30 participants (fewer in
 * a smaller team) on days spread over the period, 08:00–16:00 China time for 1–4 hours, held in a
 * participant's home village. A volunteer serves at most one activity a day (under the VS-6 daily
 * cap whatever the lengths), hence "one record per volunteer, activity and service date" holds. The
 * last days' records wait for the lead's confirmation; of the older ones about 1.5 % were rejected.
 */
import { seededRandom } from '../../shared/seeded-random.ts';

/** Members a generated team aims at. */
export const TEAM_SIZE = 150;
export const ACTIVITY_SIZE = { min: 5, max: 30 } as const;
/** Half hours of an activity: 1 to 4 hours. */
export const HALF_HOURS = { min: 2, max: 8 } as const;
/** Activities this many days old or younger still wait for the lead's confirmation. */
export const PENDING_DAYS = 3;
export const REJECTED_SHARE = 0.015;

/** The sizes of the teams a town's `volunteers` form: about `target` each, evenly, none empty. */
export function teamSizes(volunteers: number, target = TEAM_SIZE): number[] {
  if (volunteers <= 0) return [];
  const teams = Math.max(1, Math.round(volunteers / target));
  const base = Math.floor(volunteers / teams);
  const extra = volunteers % teams;
  return Array.from({ length: teams }, (_, k) => base + (k < extra ? 1 : 0));
}

/**
 * Days before `now` the i-th resident registered as a volunteer: within the year before the
 * period of `days` days, so every hour record comes after the registration.
 */
export function registeredDaysAgo(seed: number, i: number, days: number): number {
  return days + 1 + Math.floor(seededRandom(seed * 5_000_011 + i)() * 365);
}

export type RecordOutcome = 'confirmed' | 'pending' | 'rejected';

export interface PlannedActivity {
  /** Days before `now` (1 ≤ ageDays ≤ days: never today). */
  ageDays: number;
  /** Minutes after midnight, China time (08:00–16:00, on the half hour). */
  startMinute: number;
  halfHours: number;
  /** Index into the caller's titles. */
  title: number;
  /** The member (index into the team) in whose home village it is held. */
  host: number;
  /** Members (indexes into the team), distinct, none serving elsewhere that day. */
  participants: number[];
  /** Per participant: what became of their record. */
  outcomes: RecordOutcome[];
}

export interface TeamPlanOptions {
  members: number;
  recordsPerVolunteer: number;
  /** The period: days before today. */
  days: number;
  titles: number;
}

/**
 * The activities of the `team`-th team of a run: about `members × recordsPerVolunteer` records
 * (at least that, at most one activity's size more), unless the period has too few days for that.
 */
export function teamActivities(
  seed: number,
  team: number,
  opts: TeamPlanOptions,
): PlannedActivity[] {
  const { members, days } = opts;
  const rnd = seededRandom(seed * 9_000_011 + team * 7 + 3);
  const target = members * opts.recordsPerVolunteer;
  const busy = new Set<number>(); // ageDays × members + member: serving that day
  const span = (r: { min: number; max: number }) => r.min + Math.floor(rnd() * (r.max - r.min + 1));
  const out: PlannedActivity[] = [];
  let records = 0;
  let fruitless = 0;
  while (records < target && fruitless < 100) {
    const ageDays = 1 + Math.floor(rnd() * days);
    const want = Math.min(members, span(ACTIVITY_SIZE));
    const participants: number[] = [];
    for (let tries = 0; participants.length < want && tries < want * 20; tries += 1) {
      const m = Math.floor(rnd() * members);
      const key = ageDays * members + m;
      if (busy.has(key)) continue;
      busy.add(key);
      participants.push(m);
    }
    if (participants.length === 0) {
      fruitless += 1;
      continue;
    }
    fruitless = 0;
    const pending = ageDays <= PENDING_DAYS;
    out.push({
      ageDays,
      startMinute: 8 * 60 + 30 * Math.floor(rnd() * 17),
      halfHours: span(HALF_HOURS),
      title: Math.floor(rnd() * opts.titles),
      host: participants[0]!,
      participants,
      outcomes: participants.map(() =>
        pending ? 'pending' : rnd() < REJECTED_SHARE ? 'rejected' : 'confirmed',
      ),
    });
    records += participants.length;
  }
  return out;
}
