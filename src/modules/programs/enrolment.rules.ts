/**
 * CP-2 enrolment rules, pure: who may apply (age on a date, catchment), the waitlist order
 * (priority groups first, then time), and the lottery — a seeded draw anyone can re-run, with
 * siblings placed together or not at all.
 */
import { levelOfCode, scopePrefix } from '../../shared/region-code.ts';

/** Typed priority groups (双职工 / 困难家庭 / 留守儿童), each declared with its evidence. */
export const PRIORITY_GROUPS = ['dual_working', 'hardship', 'left_behind'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];
export interface PriorityClaim {
  group: PriorityGroup;
  evidence: string;
}

export const PRIORITY_GROUP_LABELS: Record<PriorityGroup, { zh: string; en: string }> = {
  dual_working: { zh: '双职工家庭', en: 'Dual-working parents' },
  hardship: { zh: '困难家庭', en: 'Family in hardship' },
  left_behind: { zh: '留守儿童', en: 'Left-behind child' },
};

/** Full years of age on `onDate` (YYYY-MM-DD), counting a birthday on that day. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const before = m < bm || (m === bm && d < bd);
  return y - by - (before ? 1 : 0);
}

export interface Eligibility {
  minAge: number | null;
  maxAge: number | null;
  /** Region codes (any level) whose children may apply; empty: everyone. */
  catchmentCodes: readonly string[];
}

export type EligibilityRefusal = 'CP_CHILD_AGE' | 'CP_OUTSIDE_CATCHMENT';

/** Why the child may not apply to the class (ages counted on `onDate`), or null. */
export function eligibilityRefusal(
  child: { birthDate: string; regionCode: string },
  rule: Eligibility,
  onDate: string,
): EligibilityRefusal | null {
  const age = ageOn(child.birthDate, onDate);
  if (rule.minAge !== null && age < rule.minAge) return 'CP_CHILD_AGE';
  if (rule.maxAge !== null && age > rule.maxAge) return 'CP_CHILD_AGE';
  if (
    rule.catchmentCodes.length > 0 &&
    !rule.catchmentCodes.some((code) => child.regionCode.startsWith(stripZeros(code)))
  )
    return 'CP_OUTSIDE_CATCHMENT';
  return null;
}

/** A region code as the prefix of every code inside it: 110115110000 → 110115110. */
function stripZeros(code: string): string {
  return scopePrefix(code, levelOfCode(code) ?? 'village');
}

/**
 * A class's catchment by named neighbourhoods (小区) of the venue's community: a child from one of
 * them is inside; anyone else is refused or, when the class allows it, ranked after them.
 */
export interface NeighbourhoodCatchment {
  /** The venue's community (the class's region code). */
  communityCode: string;
  /** Empty: no neighbourhood limit. */
  names: readonly string[];
  outside: 'refuse' | 'rank_after';
}

/** 'inside', 'ranked_after' (outside, allowed behind) or the refusal code. */
export function neighbourhoodPlacement(
  child: { regionCode: string; neighbourhood: string | null },
  catchment: NeighbourhoodCatchment,
): 'inside' | 'ranked_after' | 'CP_OUTSIDE_NEIGHBOURHOOD' {
  if (catchment.names.length === 0) return 'inside';
  const inside =
    child.regionCode === catchment.communityCode &&
    child.neighbourhood !== null &&
    catchment.names.includes(child.neighbourhood);
  if (inside) return 'inside';
  return catchment.outside === 'rank_after' ? 'ranked_after' : 'CP_OUTSIDE_NEIGHBOURHOOD';
}

/**
 * Lower goes first: 0 a family that declared a priority group, 1 otherwise; a child ranked after
 * the catchment's children (outside its neighbourhoods) adds 2, so every catchment child, with or
 * without a priority group, comes before them.
 */
export function priorityRank(claims: readonly PriorityClaim[], outsideCatchment = false): number {
  return (outsideCatchment ? 2 : 0) + (claims.length > 0 ? 0 : 1);
}

export interface Queued {
  priorityRank: number;
  /** The number handed out when the application arrived: time order. */
  position: number;
}

/** The waitlist order: priority groups first, then who came first. */
export function compareQueue(a: Queued, b: Queued): number {
  return a.priorityRank - b.priorityRank || a.position - b.position;
}

/** mulberry32: a tiny seeded PRNG (public domain) — the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LotteryEntry {
  id: string;
  /** Siblings share a group key and are placed together or not at all. */
  siblingGroup: string | null;
  priorityRank: number;
  /** Applications of one group are sorted by id before the draw so the input order never matters. */
}

export interface LotteryResult {
  seed: number;
  /** Every entry id in drawn order (a sibling group stays together). */
  order: string[];
  enrolled: string[];
  waitlisted: string[];
}

/**
 * Draws `places` among the entries with `seed`: units (a child, or a sibling group) are shuffled
 * (Fisher–Yates) within each priority rank, ranks in order; then seats are given in drawn order to
 * every unit that still fits whole — a group that does not fit goes to the waitlist whole, and
 * smaller units after it may still get the seats left.
 */
export function drawLottery(
  entries: readonly LotteryEntry[],
  places: number,
  seed: number,
): LotteryResult {
  const units = new Map<string, LotteryEntry[]>();
  for (const e of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = e.siblingGroup ? `g:${e.siblingGroup}` : `c:${e.id}`;
    units.set(key, [...(units.get(key) ?? []), e]);
  }
  const unitList = [...units.values()].map((members) => ({
    members,
    rank: Math.min(...members.map((m) => m.priorityRank)),
  }));
  const random = seededRandom(seed);
  const ranks = [...new Set(unitList.map((u) => u.rank))].sort((a, b) => a - b);
  const drawn = ranks.flatMap((rank) => {
    const tier = unitList.filter((u) => u.rank === rank);
    for (let i = tier.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [tier[i], tier[j]] = [tier[j]!, tier[i]!];
    }
    return tier;
  });
  let left = places;
  const enrolled: string[] = [];
  const waitlisted: string[] = [];
  for (const unit of drawn) {
    const ids = unit.members.map((m) => m.id);
    if (ids.length <= left) {
      enrolled.push(...ids);
      left -= ids.length;
    } else waitlisted.push(...ids);
  }
  return { seed, order: drawn.flatMap((u) => u.members.map((m) => m.id)), enrolled, waitlisted };
}
