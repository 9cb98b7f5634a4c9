/** The oracle of the case drill-down for the rollups' property test (figures-rollups.test.ts). */
import type { stationCaseFiguresLive } from '../../src/modules/cases/case-figures.live.ts';
import type { DRILL_LEVELS } from '../../src/modules/cases/case-figures.drill.ts';

type StationRow = Awaited<ReturnType<typeof stationCaseFiguresLive>>[number];
export const sortedByKey = <T extends { key: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.key.localeCompare(b.key));
const SUMMED = [
  'filed',
  'accepted',
  'open',
  'overdue',
  'yellow',
  'green',
  'paused',
  'none',
  'tongban',
  'secondRequests',
] as const;
type Summed = Record<(typeof SUMMED)[number], number>;
/** The drill-down worked out by hand from the live per-station figures (the oracle). */
export function drillOf(stations: StationRow[], by: (typeof DRILL_LEVELS)[number]) {
  const groups = new Map<string, { key: string; name: string; stations: number } & Summed>();
  for (const s of stations) {
    const [key, name] =
      by === 'district'
        ? [s.districtCode, s.districtName]
        : by === 'town'
          ? [s.townCode, s.townName]
          : [s.stationId, s.stationName];
    const g = groups.get(key) ?? {
      key,
      name,
      stations: 0,
      ...(Object.fromEntries(SUMMED.map((k) => [k, 0])) as Summed),
    };
    for (const k of SUMMED) g[k] += s[k];
    g.stations += 1;
    groups.set(key, g);
  }
  return sortedByKey(
    [...groups.values()].map((g) => ({
      ...g,
      secondRequestRate: g.accepted === 0 ? 0 : g.secondRequests / g.accepted,
    })),
  );
}
