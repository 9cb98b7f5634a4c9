/**
 * Issue #11: where a resident can go — the stations of a town with name, address, phone and
 * opening hours, for the public (no login) and for case tracking ("到本镇任一服务站补交" names
 * them). Stations are public service information; nothing personal is in here.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, RegionLevel, Station } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { LEVEL_ORDER, LEVEL_PREFIX_LENGTH, townCodeOf } from '../../shared/region-code.ts';
import { OpeningHoursSchema, parseOpeningHours, StationKindSchema } from './regions.schema.ts';
import { underPrefix } from '../../shared/region-range.ts';

export const PublicStationView = z.object({
  code: z.string(),
  name: z.string(),
  kind: StationKindSchema,
  regionCode: z.string(),
  /** The village/community or town the station serves. */
  regionName: z.string(),
  address: z.string(),
  phone: z.string(),
  /** Weekly hours: days 1 (Monday) … 7 (Sunday), China time. */
  openingHours: OpeningHoursSchema,
});
export type PublicStation = z.infer<typeof PublicStationView>;

/** Enough for the largest towns (魏善庄镇 has 44 villages and communities). */
const MAX_STATIONS = 200;
const TOWN_DEPTH = LEVEL_ORDER.indexOf('town');

/** The code prefix of the town a region lies in (or of the region itself when it is above a town). */
function townPrefix(code: string, level: RegionLevel): string {
  return LEVEL_ORDER.indexOf(level) >= TOWN_DEPTH
    ? townCodeOf(code).slice(0, LEVEL_PREFIX_LENGTH.town)
    : code.slice(0, LEVEL_PREFIX_LENGTH[level]);
}

/**
 * The stations of the town `regionCode` lies in (a village or grid code widens to its town).
 * `near` (a village code) puts that village's station first; then town centres, then the rest.
 */
export async function listTownStations(
  db: Kysely<Database>,
  input: { regionCode: string; near?: string | undefined },
): Promise<PublicStation[]> {
  const region = await db
    .selectFrom('regions')
    .select(['code', 'level'])
    .where('code', '=', input.regionCode)
    .executeTakeFirst();
  if (!region) throw new AppError('UNKNOWN_REGION');
  const rows = await db
    .selectFrom('stations as s')
    .innerJoin('regions as r', 'r.code', 's.region_code')
    .select([
      's.code',
      's.name',
      's.kind',
      's.region_code',
      'r.name as region_name',
      's.address',
      's.phone',
      's.opening_hours',
    ])
    .where(underPrefix('s.region_code', townPrefix(region.code, region.level)))
    .orderBy('s.region_code')
    .orderBy('s.code')
    .limit(MAX_STATIONS)
    .execute();
  const rank = (s: { kind: Station['kind']; region_code: string }) =>
    input.near && s.region_code === input.near ? 0 : s.kind === 'village_station' ? 2 : 1;
  return rows
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map(({ s }) => ({
      code: s.code,
      name: s.name,
      kind: s.kind,
      regionCode: s.region_code,
      regionName: s.region_name,
      address: s.address,
      phone: s.phone,
      openingHours: parseOpeningHours(s.opening_hours),
    }));
}

/** The town a case belongs to: where it was accepted, or the applicant's home when a district centre accepted it. */
export function caseTownRegion(c: { accepting_region_code: string; home_region_code: string }) {
  const accepting = c.accepting_region_code;
  return accepting.slice(6) === '000000' ? c.home_region_code : accepting;
}
