/**
 * The per-station case figures aggregated live from `cases` — the oracle the rollups are tested
 * against (case-figures.ts reads the rollups), and the "before" of bench/figures.bench.ts. Not
 * served: at a city's size it sorts millions of cases per request (issue #16).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  presentStationFigures,
  figureScope,
  lightWindow,
  type FigureInput,
} from './case-figures.ts';
import { underAnyPrefix, underPrefix } from '../../shared/region-range.ts';

export async function stationCaseFiguresLive(db: Kysely<Database>, input: FigureInput) {
  const { prefixes, within } = figureScope(input);
  const { today, yellowUntil } = await lightWindow(db, input);
  // The clock of a case (case-clock.ts) and its light: running ones by due date (deadlineLight).
  const paused = sql`(c.state = 'suspended' or (c.state = 'awaiting_supplement' and c.accepted_at is not null))`;
  const running = sql`(c.state in ('accepted','in_progress') and c.due_date is not null and c.due_date > '')`;
  const open = sql`c.state in ('accepted','in_progress','awaiting_supplement','suspended')`;
  const count = (when: ReturnType<typeof sql>) =>
    sql<number>`sum(case when ${when} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('stations as s', 's.id', 'c.accepting_station_id')
    .select((eb) => [
      's.id as station_id',
      's.name as station_name',
      's.region_code as region_code',
      eb.fn.countAll<number>().as('filed'),
      eb.fn.sum<number>(sql`case when c.accepted_at is not null then 1 else 0 end`).as('accepted'),
      count(open).as('open'),
      count(sql`${running} and c.due_date < ${today}`).as('overdue'),
      count(sql`${running} and c.due_date >= ${today} and c.due_date <= ${yellowUntil}`).as(
        'yellow',
      ),
      count(sql`${running} and c.due_date > ${yellowUntil}`).as('green'),
      count(paused).as('paused'),
      count(sql`${open} and not ${paused} and not ${running}`).as('none'),
      eb.fn.sum<number>(sql`case when c.is_tongban = 1 then 1 else 0 end`).as('tongban'),
      eb.fn
        .sum<number>(
          sql`case when exists (select 1 from case_requests r where r.case_id = c.id and r.kind = 'defective') then 1 else 0 end`,
        )
        .as('second_requests'),
    ])
    .where(underAnyPrefix('c.accepting_region_code', prefixes))
    .where(underPrefix('c.accepting_region_code', within))
    .groupBy(['s.id', 's.name', 's.region_code'])
    .orderBy('s.region_code')
    .orderBy('s.id')
    .execute();
  return presentStationFigures(db, rows);
}
