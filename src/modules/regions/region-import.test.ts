import { describe, expect, it } from 'vitest';
import type { RegionLevel } from '../../db/schema.ts';
import { checkRegionRow, summaryLine } from './region-import.ts';

const known = new Map<string, RegionLevel>([
  ['110000000000', 'province'],
  ['441900000000', 'city'],
  ['110115000000', 'district'],
  ['110115110000', 'town'],
]);

describe('region rows (X-1 import)', () => {
  it('accepts a village under its town', () => {
    expect(
      checkRegionRow(
        { code: '110115110207', name: '伊庄村', parentCode: '110115110000', level: 'village' },
        known,
      ),
    ).toBeNull();
  });
  it('accepts a 东莞 town directly under its city (no county level), refuses one with a district', () => {
    const town = { name: '东城街道', parentCode: '441900000000', level: 'town' };
    expect(checkRegionRow({ ...town, code: '441900003000' }, known)).toBeNull();
    expect(checkRegionRow({ ...town, code: '441901003000' }, known)).toMatch(/prefix/);
  });
  it('says when a re-run changed nothing', () => {
    const summary = { read: 3, imported: 0, unchanged: 3, renamed: [], refused: [], retired: [] };
    expect(summaryLine(summary)).toBe(
      'read 3 rows: 0 imported, 3 already present, 0 renamed, 0 refused, 0 retired — nothing changed',
    );
    expect(summaryLine({ ...summary, imported: 1, unchanged: 2 })).not.toMatch(/nothing/);
  });
  it.each([
    [{ code: '11011511020', name: 'x', parentCode: '110115110000', level: 'village' }, /12 digits/],
    [{ code: '110115110207', name: ' ', parentCode: '110115110000', level: 'village' }, /name/],
    [
      { code: '110115110207', name: 'x', parentCode: '110115110000', level: 'hamlet' },
      /unknown level/,
    ],
    [
      { code: '110115110207', name: 'x', parentCode: '110115999000', level: 'village' },
      /parent .* is unknown/,
    ],
    [
      { code: '110115110207', name: 'x', parentCode: '110115000000', level: 'village' },
      /cannot sit under/,
    ],
    [{ code: '110116110207', name: 'x', parentCode: '110115110000', level: 'village' }, /prefix/],
    [{ code: '120000000000', name: 'x', parentCode: null, level: 'city' }, /only a province/],
  ])('refuses %o', (row, reason) => {
    expect(checkRegionRow(row, known)).toMatch(reason);
  });
});
