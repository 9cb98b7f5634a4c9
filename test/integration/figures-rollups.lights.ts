/**
 * The second oracle of the case figures' lights (figures-rollups.test.ts): every open case's light
 * as the cases list shows it (case.view.ts `lightOf`, `deadlineLight` day by day), counted per
 * station in the browser's way — so the rollups' ranges of due dates, the live SQL and the light of
 * a case cannot drift apart.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { loadWorkCalendar } from '../../src/modules/calendar/calendar.service.ts';
import { lightOf } from '../../src/modules/cases/case.view.ts';
import { underPrefix } from '../../src/shared/region-range.ts';

export const LIGHTS = ['overdue', 'yellow', 'green', 'paused', 'none'] as const;
export type Lights = Record<(typeof LIGHTS)[number] | 'open', number>;
const OPEN = ['accepted', 'in_progress', 'awaiting_supplement', 'suspended'] as const;
const KEY: Record<ReturnType<typeof lightOf>, (typeof LIGHTS)[number]> = {
  red: 'overdue',
  yellow: 'yellow',
  green: 'green',
  paused: 'paused',
  none: 'none',
};

/** Each station's open cases by light (stations with an open case), in `reach` and `within`. */
export async function lightsByCase(
  db: Kysely<Database>,
  input: { now: Date; reach: string; within: string; yellowWithinWorkingDays: number },
): Promise<Map<string, Lights>> {
  const cal = await loadWorkCalendar(db);
  const rows = await db
    .selectFrom('cases as c')
    .selectAll('c')
    .where('c.state', 'in', OPEN)
    .where(underPrefix('c.accepting_region_code', input.reach))
    .where(underPrefix('c.accepting_region_code', input.within))
    .execute();
  const byStation = new Map<string, Lights>();
  for (const row of rows) {
    const light = lightOf(row, input.now, cal, input);
    const counts = byStation.get(row.accepting_station_id) ?? {
      open: 0,
      overdue: 0,
      yellow: 0,
      green: 0,
      paused: 0,
      none: 0,
    };
    counts.open += 1;
    counts[KEY[light]] += 1;
    byStation.set(row.accepting_station_id, counts);
  }
  return byStation;
}

/** The stations' open cases by light, as a figures answer has them (stations with an open case). */
export function lightsOf(rows: readonly ({ stationId: string } & Lights)[]) {
  return new Map(
    rows
      .filter((r) => r.open > 0)
      .map((r) => [
        r.stationId,
        {
          open: r.open,
          overdue: r.overdue,
          yellow: r.yellow,
          green: r.green,
          paused: r.paused,
          none: r.none,
        },
      ]),
  );
}
