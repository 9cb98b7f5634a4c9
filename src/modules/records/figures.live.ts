/**
 * VS-10: the figures the area rollups answer (figures.rollup.ts), aggregated live — the oracle the
 * rollups are tested against and the "before" of bench/figures.bench.ts. Active volunteers over a
 * period the rollup cannot answer (not from 1 January within one year) are still counted here, on
 * the index of records by volunteer and day.
 */
import { area, toMap, type FigureScope, type Grouped } from './figures.queries.ts';
import { underPrefix } from '../../shared/region-range.ts';

/** Volunteers whose home is inside, registered by the end of the period (any status). */
export async function volunteersByAreaLive(s: FigureScope): Promise<Grouped> {
  return toMap(
    await s.db
      .selectFrom('vs_volunteers')
      .select((eb) => [area(s, 'home_region_code').as('k'), eb.fn.countAll<number>().as('n')])
      .where(underPrefix('home_region_code', s.prefix))
      .where('created_at', '<', s.end)
      .groupBy(area(s, 'home_region_code'))
      .execute(),
  );
}

/** Capacity and confirmed sign-ups of activities inside starting in the period (not cancelled). */
export async function activityFillByAreaLive(
  s: FigureScope,
): Promise<{ capacity: Grouped; confirmed: Grouped }> {
  const rows = await s.db
    .selectFrom('vs_activities')
    .select((eb) => [
      area(s, 'region_code').as('k'),
      eb.fn.sum<number>('capacity').as('cap'),
      eb.fn.sum<number>('confirmed_count').as('conf'),
    ])
    .where(underPrefix('region_code', s.prefix))
    .where('status', '<>', 'cancelled')
    .where('starts_at', '>=', s.start)
    .where('starts_at', '<', s.end)
    .groupBy(area(s, 'region_code'))
    .execute();
  return {
    capacity: new Map(rows.map((r) => [r.k, Number(r.cap ?? 0)])),
    confirmed: new Map(rows.map((r) => [r.k, Number(r.conf ?? 0)])),
  };
}

/** Volunteers counted by volunteersByAreaLive with any confirmed hours in the period (served anywhere). */
export async function activeVolunteersByAreaLive(s: FigureScope): Promise<Grouped> {
  return toMap(
    await s.db
      .selectFrom('vs_volunteers as v')
      .select((eb) => [area(s, 'v.home_region_code').as('k'), eb.fn.countAll<number>().as('n')])
      .where(underPrefix('v.home_region_code', s.prefix))
      .where('v.created_at', '<', s.end)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('vs_service_records as r')
            .select('r.id')
            .whereRef('r.volunteer_id', '=', 'v.id')
            .where('r.status', '=', 'confirmed')
            .where('r.half_hours', '>', 0)
            .where('r.service_date', '>=', s.from)
            .where('r.service_date', '<=', s.to),
        ),
      )
      .groupBy(area(s, 'v.home_region_code'))
      .execute(),
  );
}

/** Confirmed half hours dated in the period, of activities held inside. */
export async function confirmedHalfHoursByAreaLive(s: FigureScope): Promise<Grouped> {
  return toMap(
    await s.db
      .selectFrom('vs_service_records as r')
      .innerJoin('vs_activities as a', 'a.id', 'r.activity_id')
      .select((eb) => [area(s, 'a.region_code').as('k'), eb.fn.sum<number>('r.half_hours').as('n')])
      .where(underPrefix('a.region_code', s.prefix))
      .where('r.status', '=', 'confirmed')
      .where('r.service_date', '>=', s.from)
      .where('r.service_date', '<=', s.to)
      .groupBy(area(s, 'a.region_code'))
      .execute(),
  );
}
