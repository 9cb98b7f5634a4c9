import { describe, expect, it } from 'vitest';
import { rankTeams, regionSteps, scoreTeam } from './dispatch-score.ts';

const V1 = '110115110222'; // 三顺庄村
const V2 = '110115110207'; // another village of the same town
const TOWN = '110115110000';
const OTHER_V = '110115103201'; // 青云店镇
const order = { category_code: 'elderly', region_code: V1 };
const team = (id: string, region: string, cat: string | null = 'elderly') => ({
  id,
  region_code: region,
  category_code: cat,
});

describe('VS-5 region-tree steps', () => {
  it.each([
    [V1, V1, 0],
    [V1, V2, 2],
    [TOWN, V1, 1],
    [V1, TOWN, 1],
    [OTHER_V, V1, 4],
    ['110115103000', V1, 3],
    ['110115000000', V1, 2],
    ['110115110222001', V1, 1],
    ['120000000000', '110000000000', 2],
  ])('%s ↔ %s = %d', (a, b, steps) => expect(regionSteps(a, b)).toBe(steps));
  it('is symmetric', () => expect(regionSteps(OTHER_V, V2)).toBe(regionSteps(V2, OTHER_V)));
});

describe('VS-5 scoring', () => {
  it('shows each component', () => {
    expect(scoreTeam({ team: team('a', V1), order, load: 0 })).toEqual({
      teamId: 'a',
      total: 100,
      category: 50,
      distance: 30,
      load: 20,
      steps: 0,
      currentLoad: 0,
    });
  });
  it('category: 50 same, 20 general team, 0 other', () => {
    expect(scoreTeam({ team: team('a', V1, 'elderly'), order, load: 0 }).category).toBe(50);
    expect(scoreTeam({ team: team('a', V1, null), order, load: 0 }).category).toBe(20);
    expect(scoreTeam({ team: team('a', V1, 'culture'), order, load: 0 }).category).toBe(0);
  });
  it('distance: 30 − 6 per step, never below 0', () => {
    expect(scoreTeam({ team: team('a', V2), order, load: 0 }).distance).toBe(18);
    expect(scoreTeam({ team: team('a', OTHER_V), order, load: 0 }).distance).toBe(6);
    expect(scoreTeam({ team: team('a', '120101001001'), order, load: 0 }).distance).toBe(0);
  });
  it('load: 20 ÷ (1 + held), one decimal', () => {
    expect(scoreTeam({ team: team('a', V1), order, load: 1 }).load).toBe(10);
    expect(scoreTeam({ team: team('a', V1), order, load: 2 }).load).toBe(6.7);
    expect(scoreTeam({ team: team('a', V1), order, load: -3 }).load).toBe(20);
  });
});

describe('VS-5 ranking', () => {
  it('near, same category and free first; ties → nearer, lighter, id', () => {
    const ranked = rankTeams([
      { team: team('far', OTHER_V), order, load: 0 },
      { team: team('busy', V1), order, load: 4 },
      { team: team('near', V1), order, load: 0 },
      { team: team('general', V1, null), order, load: 0 },
      { team: team('town', TOWN), order, load: 0 },
    ]);
    expect(ranked.map((r) => r.teamId)).toEqual(['near', 'town', 'busy', 'far', 'general']);
  });
  it('is stable for equal scores', () => {
    const r = rankTeams([
      { team: team('b', V2), order, load: 0 },
      { team: team('a', V2), order, load: 0 },
    ]);
    expect(r.map((x) => x.teamId)).toEqual(['a', 'b']);
  });
});
