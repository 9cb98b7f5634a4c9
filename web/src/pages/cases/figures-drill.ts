/**
 * The case dashboard's region drill-down: district → town → station, from the server's
 * per-station figures (each names its district and town). Pure: sums one level's groups.
 */
import type { StationFigures } from '../../api/case-types';

export type DrillLevel = 'district' | 'town' | 'station';

export interface DrillPath {
  district?: { code: string; name: string };
  town?: { code: string; name: string };
}

export interface DrillRow {
  /** A district's or town's region code, or the station's id. */
  key: string;
  name: string;
  stations: number;
  filed: number;
  accepted: number;
  open: number;
  overdue: number;
  paused: number;
  tongban: number;
  secondRequests: number;
  /** Second requests ÷ accepted (0 when nothing was accepted). */
  secondRequestRate: number;
}

export function levelOf(path: DrillPath): DrillLevel {
  if (!path.district) return 'district';
  return path.town ? 'station' : 'town';
}

/** The region the path points at (what the export is filtered by), or undefined for all. */
export function regionOf(path: DrillPath): string | undefined {
  return path.town?.code ?? path.district?.code;
}

/** The groups of the path's level, most overdue first, then by name. */
export function drillRows(figures: readonly StationFigures[], path: DrillPath): DrillRow[] {
  const level = levelOf(path);
  const inPath = figures.filter(
    (f) =>
      (!path.district || f.districtCode === path.district.code) &&
      (!path.town || f.townCode === path.town.code),
  );
  const groups = new Map<string, DrillRow>();
  for (const f of inPath) {
    const [key, name] =
      level === 'district'
        ? [f.districtCode, f.districtName]
        : level === 'town'
          ? [f.townCode, f.townName]
          : [f.stationId, f.stationName];
    const g = groups.get(key) ?? {
      key,
      name,
      stations: 0,
      filed: 0,
      accepted: 0,
      open: 0,
      overdue: 0,
      paused: 0,
      tongban: 0,
      secondRequests: 0,
      secondRequestRate: 0,
    };
    g.stations += 1;
    g.filed += f.filed;
    g.accepted += f.accepted;
    g.open += f.open;
    g.overdue += f.overdue;
    g.paused += f.paused;
    g.tongban += f.tongban;
    g.secondRequests += f.secondRequests;
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, secondRequestRate: g.accepted ? g.secondRequests / g.accepted : 0 }))
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-CN'));
}

/** One step down: a district's or town's row opens it; a station is the last level. */
export function drillInto(path: DrillPath, row: DrillRow): DrillPath | null {
  const level = levelOf(path);
  if (level === 'district') return { district: { code: row.key, name: row.name } };
  if (level === 'town') return { ...path, town: { code: row.key, name: row.name } };
  return null;
}
