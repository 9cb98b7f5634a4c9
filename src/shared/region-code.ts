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

/** Whether `childLevel` may sit directly under `parentLevel`. */
export function isValidParentLevel(parentLevel: RegionLevel, childLevel: RegionLevel): boolean {
  return LEVEL_ORDER.indexOf(childLevel) === LEVEL_ORDER.indexOf(parentLevel) + 1;
}

export function isInside(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}

/** A region's statistical code in a request: 12 digits, 15 for a grid. */
export const RegionCodeSchema = z
  .string()
  .regex(/^\d{12}(\d{3})?$/, '12-digit statistical code (15 for a grid)');
