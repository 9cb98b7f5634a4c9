/**
 * A supervisor's figures per accepting station (GS-5, GS-8): cases accepted, open, overdue,
 * paused, and the second-request rate (二次补正率: cases with at least one request for a
 * material already presented — decided from the case's history, whatever the caller called it —
 * ÷ cases accepted; target 0).
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { levelOfCode, scopePrefix, townCodeOf } from '../../shared/region-code.ts';
import { secondRequestRate } from './case.notice.ts';

export const FIGURE_READERS = ['admin', 'supervisor', 'district_officer', 'town_officer'] as const;

/** The region drill-down (district → town → station): the figures of one region, or all in reach. */
export const CaseFigureQuery = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit region code')
    .optional(),
});

/** Names of the districts and towns the stations sit in (one query), for the drill-down. */
async function regionNames(db: Kysely<Database>, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function stationCaseFigures(
  db: Kysely<Database>,
  input: { actor: Actor; now: Date; regionCode?: string | undefined },
) {
  const prefixes = reachPrefixes(input.actor, FIGURE_READERS);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  const level = input.regionCode ? levelOfCode(input.regionCode) : null;
  const within = input.regionCode && level ? scopePrefix(input.regionCode, level) : '';
  const today = chinaDate(input.now);
  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('stations as s', 's.id', 'c.accepting_station_id')
    .select((eb) => [
      's.id as station_id',
      's.name as station_name',
      's.region_code as region_code',
      eb.fn.countAll<number>().as('filed'),
      eb.fn.sum<number>(sql`case when c.accepted_at is not null then 1 else 0 end`).as('accepted'),
      eb.fn
        .sum<number>(
          sql`case when c.state in ('accepted','in_progress','awaiting_supplement','suspended') then 1 else 0 end`,
        )
        .as('open'),
      eb.fn
        .sum<number>(
          sql`case when c.state in ('accepted','in_progress') and c.due_date < ${today} then 1 else 0 end`,
        )
        .as('overdue'),
      eb.fn
        .sum<number>(
          sql`case when c.state = 'suspended' or (c.state = 'awaiting_supplement' and c.accepted_at is not null) then 1 else 0 end`,
        )
        .as('paused'),
      eb.fn.sum<number>(sql`case when c.is_tongban = 1 then 1 else 0 end`).as('tongban'),
      eb.fn
        .sum<number>(
          sql`case when exists (select 1 from case_requests r where r.case_id = c.id and r.kind = 'defective') then 1 else 0 end`,
        )
        .as('second_requests'),
    ])
    .where((eb) => eb.or(prefixes.map((p) => eb('c.accepting_region_code', 'like', `${p}%`))))
    .where('c.accepting_region_code', 'like', `${within}%`)
    .groupBy(['s.id', 's.name', 's.region_code'])
    .orderBy('s.region_code')
    .execute();
  const districtOf = (code: string) => `${code.slice(0, 6)}000000`;
  const names = await regionNames(db, [
    ...rows.map((r) => districtOf(r.region_code)),
    ...rows.map((r) => townCodeOf(r.region_code)),
  ]);
  return rows.map((r) => {
    const district = districtOf(r.region_code);
    const town = townCodeOf(r.region_code);
    const accepted = Number(r.accepted ?? 0);
    const second = Number(r.second_requests ?? 0);
    return {
      stationId: r.station_id,
      stationName: r.station_name,
      regionCode: r.region_code,
      districtCode: district,
      districtName: names.get(district) ?? district,
      townCode: town,
      townName: names.get(town) ?? town,
      filed: Number(r.filed),
      accepted,
      open: Number(r.open ?? 0),
      overdue: Number(r.overdue ?? 0),
      paused: Number(r.paused ?? 0),
      tongban: Number(r.tongban ?? 0),
      secondRequests: second,
      secondRequestRate: secondRequestRate(accepted, second),
    };
  });
}
