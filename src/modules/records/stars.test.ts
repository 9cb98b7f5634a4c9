import { describe, expect, it } from 'vitest';
import {
  ancestorCodes,
  isValidThresholds,
  resolvePack,
  starLevel,
  type StarPack,
} from './stars.ts';

const NATIONAL = [100, 300, 600, 1000, 1500];
const BEIJING = [100, 200, 500, 800, 1000];
const h = (hours: number) => hours * 2;

describe('VS-9 starLevel at each boundary', () => {
  const cases: [number[], number, number][] = [
    [NATIONAL, 0, 0],
    [NATIONAL, 99.5, 0],
    [NATIONAL, 100, 1],
    [NATIONAL, 299.5, 1],
    [NATIONAL, 300, 2],
    [NATIONAL, 599.5, 2],
    [NATIONAL, 600, 3],
    [NATIONAL, 999.5, 3],
    [NATIONAL, 1000, 4],
    [NATIONAL, 1499.5, 4],
    [NATIONAL, 1500, 5],
    [NATIONAL, 9999, 5],
    [BEIJING, 99.5, 0],
    [BEIJING, 100, 1],
    [BEIJING, 199.5, 1],
    [BEIJING, 200, 2],
    [BEIJING, 499.5, 2],
    [BEIJING, 500, 3],
    [BEIJING, 799.5, 3],
    [BEIJING, 800, 4],
    [BEIJING, 999.5, 4],
    [BEIJING, 1000, 5],
  ];
  for (const [pack, hours, stars] of cases) {
    it(`${pack === NATIONAL ? 'national' : 'beijing'} ${hours} h → ${stars}★`, () => {
      expect(starLevel(h(hours), pack).stars).toBe(stars);
    });
  }
  it('says how far the next star is', () => {
    expect(starLevel(h(250), BEIJING)).toMatchObject({
      stars: 2,
      hours: 250,
      nextThreshold: 500,
      hoursToNext: 250,
      progress: 50 / 300,
    });
  });
  it('at the top there is no next star', () => {
    expect(starLevel(h(1200), BEIJING)).toMatchObject({
      stars: 5,
      nextThreshold: null,
      hoursToNext: null,
      progress: 1,
    });
  });
  it('zero and negative hours are no stars', () => {
    expect(starLevel(0, NATIONAL)).toMatchObject({ stars: 0, progress: 0, hoursToNext: 100 });
    expect(starLevel(-4, NATIONAL).stars).toBe(0);
  });
});

describe('VS-9 thresholds', () => {
  it('must be positive and strictly ascending', () => {
    expect(isValidThresholds(NATIONAL)).toBe(true);
    expect(isValidThresholds([])).toBe(false);
    expect(isValidThresholds([100, 100])).toBe(false);
    expect(isValidThresholds([0, 100])).toBe(false);
    expect(isValidThresholds([200, 100])).toBe(false);
  });
});

describe('VS-9 which pack a region uses', () => {
  const packs: StarPack[] = [
    { code: 'national', nameZh: '', nameEn: '', thresholds: NATIONAL, defaultPrefix: '' },
    { code: 'beijing', nameZh: '', nameEn: '', thresholds: BEIJING, defaultPrefix: '11' },
    { code: 'custom', nameZh: '', nameEn: '', thresholds: [10, 20], defaultPrefix: null },
  ];
  it('lists a village’s ancestors, nearest first', () => {
    expect(ancestorCodes('110115110222')).toEqual([
      '110115110222',
      '110115110000',
      '110115000000',
      '110100000000',
      '110000000000',
    ]);
    expect(ancestorCodes('110000000000')).toEqual(['110000000000']);
  });
  it('Beijing regions use the Beijing pack by default, others the national one', () => {
    expect(resolvePack('110115110222', packs, new Map()).pack.code).toBe('beijing');
    expect(resolvePack('530702000000', packs, new Map()).pack.code).toBe('national');
  });
  it('the nearest assignment wins over defaults and farther assignments', () => {
    const a = new Map([
      ['110000000000', 'national'],
      ['110115110000', 'custom'],
    ]);
    expect(resolvePack('110115110222', packs, a)).toMatchObject({
      pack: { code: 'custom' },
      source: 'assigned',
      regionCode: '110115110000',
    });
    expect(resolvePack('110115103201', packs, a).pack.code).toBe('national');
  });
  it('an assignment to an unknown pack is ignored', () => {
    expect(resolvePack('110115110222', packs, new Map([['110115110222', 'gone']])).pack.code).toBe(
      'beijing',
    );
  });
});
