import { z } from 'zod';
import type { RegionLevel } from '../db/schema.ts';

/**
 * 12-digit statistical division codes (统计用区划代码): 2 province, 2 city, 2 district, 3 town,
 * 3 village digits. A grid (网格) has the village's 12 digits plus 3 of its own. Scope is a prefix.
 */
export const LEVEL_PREFIX_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  district: 6,
  town: 9,
  village: 12,
  grid: 15,
};

export const LEVEL_ORDER: RegionLevel[] = [
  'province',
  'city',
  'district',
  'town',
  'village',
  'grid',
];

export function isRegionCode(code: string): boolean {
  return /^\d{12}(\d{3})?$/.test(code);
}

/** The prefix that every code inside this region starts with. */
export function scopePrefix(code: string, level: RegionLevel): string {
  return code.slice(0, LEVEL_PREFIX_LENGTH[level]);
}

/** The level a code's shape implies (trailing zero groups), or null when it is not a code. */
export function levelOfCode(code: string): RegionLevel | null {
  if (!isRegionCode(code)) return null;
  if (code.length === 15) return 'grid';
  if (code.slice(2) === '0000000000') return 'province';
  if (code.slice(4) === '00000000') return 'city';
  if (code.slice(6) === '000000') return 'district';
  if (code.slice(9) === '000') return 'town';
  return 'village';
}

/** The code of the town a village/grid code belongs to. */
export function townCodeOf(code: string): string {
  return `${code.slice(0, 9)}000`;
}

/**
 * Whether `childLevel` may sit directly under `parentLevel`: one level down, or a town directly under
 * a city — the cities without a county level (不设区的地级市: 东莞, 中山, 儋州; 嘉峪关 in some
 * years), whose towns' codes carry the city's 4 digits and "00" where a district would be. Such a
 * town's 6-digit "district" prefix is then the city's own code, so every scope rule by prefix
 * (a district's prefix, `ancestorAt(town, 'district')`) still lands on the city.
 */
export function isValidParentLevel(parentLevel: RegionLevel, childLevel: RegionLevel): boolean {
  if (parentLevel === 'city' && childLevel === 'town') return true;
  return LEVEL_ORDER.indexOf(childLevel) === LEVEL_ORDER.indexOf(parentLevel) + 1;
}

/**
 * Whether a region fits under its parent: a level that may sit there, and a code that starts with the
 * parent's prefix — for a town under a city, the city's 4 digits and "00" (no district).
 */
export function fitsUnder(
  child: { code: string; level: RegionLevel },
  parent: { code: string; level: RegionLevel },
): boolean {
  if (!isValidParentLevel(parent.level, child.level)) return false;
  const length =
    parent.level === 'city' && child.level === 'town'
      ? LEVEL_PREFIX_LENGTH.district
      : LEVEL_PREFIX_LENGTH[parent.level];
  return child.code.startsWith(parent.code.slice(0, length));
}

export function isInside(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}

/** A region's statistical code in a request: 12 digits, 15 for a grid. */
export const RegionCodeSchema = z
  .string()
  .regex(/^\d{12}(\d{3})?$/, '12-digit statistical code (15 for a grid)');
