/**
 * The case dashboard's region drill-down: district → town → station. The server sums each
 * level (GET /cases/figures/drill, issue #16: a city's 16 district rows, not its 7,535 stations);
 * this is the path through the levels. Pure.
 */
import type { CaseDrillRow } from '../../api/case-types';

export type DrillLevel = 'district' | 'town' | 'station';
export type DrillRow = CaseDrillRow;

export interface DrillPath {
  district?: { code: string; name: string };
  town?: { code: string; name: string };
}

export function levelOf(path: DrillPath): DrillLevel {
  if (!path.district) return 'district';
  return path.town ? 'station' : 'town';
}

/** The region the path points at (what the level and the export are filtered by), or undefined for all. */
export function regionOf(path: DrillPath): string | undefined {
  return path.town?.code ?? path.district?.code;
}

/** One step down: a district's or town's row opens it; a station is the last level. */
export function drillInto(path: DrillPath, row: DrillRow): DrillPath | null {
  const level = levelOf(path);
  if (level === 'district') return { district: { code: row.key, name: row.name } };
  if (level === 'town') return { ...path, town: { code: row.key, name: row.name } };
  return null;
}
