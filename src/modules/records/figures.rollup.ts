/**
 * VS-10: the figures over the hour records read from the rollups (migration 0053, kept by triggers
 * on vs_service_records, vs_activities and vs_volunteers in the writer's own transaction):
 * - confirmed hours: sums per activity region and period grain — the whole months inside the
 *   period from the month rows, the days left at either end from the day rows;
 * - active volunteers: a distinct count does not add up across days, so it is read from one row per
 *   volunteer and year (their first confirmed day with hours, their home region, their registration
 *   day) when the period runs from 1 January within one year — the default, the year so far —, and
 *   counted live on the records' index by volunteer and day otherwise.
 */
import { sql } from 'kysely';
import { area, toMap, type FigureScope, type Grouped } from './figures.queries.ts';
import { activeVolunteersByAreaLive } from './figures.live.ts';
import { activeYearOf, periodGrains } from './figures.rules.ts';
import { underPrefix } from '../../shared/region-range.ts';

export async function confirmedHalfHoursByArea(s: FigureScope): Promise<Grouped> {
  const { months, days } = periodGrains(s.from, s.to);
  const len = sql`length(period)`;
  return toMap(
    await s.db
      .selectFrom('vs_hour_rollups')
      .select((eb) => [area(s, 'region_code').as('k'), eb.fn.sum<number>('half_hours').as('n')])
      .where(underPrefix('region_code', s.prefix))
      .where((eb) =>
        eb.or([
          ...(months
            ? [
                eb.and([
                  eb(len, '=', 7),
                  eb('period', '>=', months[0]),
                  eb('period', '<=', months[1]),
                ]),
              ]
            : []),
          ...days.map(([a, b]) =>
            eb.and([eb(len, '=', 10), eb('period', '>=', a), eb('period', '<=', b)]),
          ),
        ]),
      )
      .groupBy(area(s, 'region_code'))
      .execute(),
  );
}

export async function activeVolunteersByArea(s: FigureScope): Promise<Grouped> {
  const year = activeYearOf(s.from, s.to);
  if (!year) return activeVolunteersByAreaLive(s);
  return toMap(
    await s.db
      .selectFrom('vs_volunteer_years')
      .select((eb) => [area(s, 'home_region_code').as('k'), eb.fn.countAll<number>().as('n')])
      .where('year', '=', year)
      .where(underPrefix('home_region_code', s.prefix))
      .where('first_day', '<=', s.to)
      .where('registered_day', '<=', s.to)
      .groupBy(area(s, 'home_region_code'))
      .execute(),
  );
}
