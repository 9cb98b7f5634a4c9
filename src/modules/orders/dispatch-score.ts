/**
 * Ranked suggestions for directed dispatch (VS-5: "the system proposes teams by category, distance
 * and current load"). Pure: each component is returned so the board can show how a rank came about.
 *
 *   total    = category + distance + load                        (0 … 100)
 *   category = 50 when the team's category is the order's, 20 for a team without a category
 *              (a general team), 0 for another category
 *   distance = max(0, 30 − 6 × steps), steps = region-tree distance between the team's region and
 *              the order's region: levels up from each to their nearest common ancestor, summed
 *              (same village 0, a neighbouring village of the same town 2, a town team for a
 *              village order 1, another town of the district 3 or 4)
 *   load     = 20 ÷ (1 + orders the team holds now: accepted or in service, or directed to it)
 */
import { LEVEL_ORDER, levelOfCode, scopePrefix } from '../../shared/region-code.ts';

export const SCORE_FORMULA =
  'total = category + distance + load; category = 50 same category, 20 team without category, 0 other; distance = max(0, 30 − 6 × region-tree steps); load = 20 ÷ (1 + orders held or directed now)';

export interface ScoreInput {
  team: { id: string; category_code: string | null; region_code: string };
  order: { category_code: string; region_code: string };
  /** Orders the team holds (accepted, in service) or has been directed now. */
  load: number;
}

export interface TeamScore {
  teamId: string;
  total: number;
  category: number;
  distance: number;
  load: number;
  steps: number;
  currentLoad: number;
}

function depthOf(code: string): number {
  const level = levelOfCode(code);
  if (level === null) throw new RangeError(`not a region code: ${code}`);
  return LEVEL_ORDER.indexOf(level);
}

/** Levels up from each region to their nearest common ancestor, summed. */
export function regionSteps(a: string, b: string): number {
  const da = depthOf(a);
  const db = depthOf(b);
  let common = -1;
  for (let d = 0; d <= Math.min(da, db); d++) {
    const level = LEVEL_ORDER[d]!;
    if (scopePrefix(a, level) === scopePrefix(b, level)) common = d;
    else break;
  }
  return da - common + (db - common); // different provinces: via a virtual root (common = −1)
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function scoreTeam(input: ScoreInput): TeamScore {
  const category =
    input.team.category_code === input.order.category_code
      ? 50
      : input.team.category_code === null
        ? 20
        : 0;
  const steps = regionSteps(input.team.region_code, input.order.region_code);
  const distance = Math.max(0, 30 - 6 * steps);
  const load = round1(20 / (1 + Math.max(0, input.load)));
  return {
    teamId: input.team.id,
    total: round1(category + distance + load),
    category,
    distance,
    load,
    steps,
    currentLoad: input.load,
  };
}

/** Best first; ties broken by the nearer team, then the lighter load, then the id (stable). */
export function rankTeams(inputs: ScoreInput[]): TeamScore[] {
  return inputs
    .map(scoreTeam)
    .sort(
      (x, y) =>
        y.total - x.total ||
        x.steps - y.steps ||
        x.currentLoad - y.currentLoad ||
        x.teamId.localeCompare(y.teamId),
    );
}
