/**
 * `--spread K`: the city-wide burst. The whole city's region tree (the bundled 北京市) is imported
 * and K roomy activities are placed in K villages of K different towns, taken in turn from every
 * district, so no two sign-ups share an activity row — only the rollup rows of migration 0064
 * that a city and a district share for the day (what this mode measures). The count check sums
 * each activity, and compares the city's rollup with the activities' own counters.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { generateRegionSource } from '../../src/modules/generate/generate-places.ts';
import { importRegions } from '../../src/modules/regions/region-import.ts';
import { openRegionSource } from '../../src/modules/regions/region-source.ts';
import { spreadActivityId } from './args.ts';

type Activity = Selectable<Database['vs_activities']>;

/** K villages of K different towns, the towns taken one district at a time, round robin. */
export function spreadVillages(villages: string[], k: number): string[] {
  const byDistrict = new Map<string, Map<string, string>>();
  for (const code of [...villages].sort()) {
    const towns = byDistrict.get(code.slice(0, 6)) ?? new Map<string, string>();
    if (!towns.has(code.slice(0, 9))) towns.set(code.slice(0, 9), code);
    byDistrict.set(code.slice(0, 6), towns);
  }
  const queues = [...byDistrict.values()].map((towns) => [...towns.values()]);
  const picked: string[] = [];
  for (let round = 0; picked.length < k; round += 1) {
    const before = picked.length;
    for (const q of queues) if (round < q.length && picked.length < k) picked.push(q[round]!);
    if (picked.length === before) throw new Error(`--spread ${k}: the city has fewer towns`);
  }
  return picked;
}

/** Imports the city's regions and copies `template` into K activities across it, each with room for all. */
export async function seedSpread(
  k: Kysely<Database>,
  template: Activity,
  opts: { spread: number; capacity: number; now: Date },
): Promise<void> {
  const source = openRegionSource(generateRegionSource(process.env), '11');
  try {
    await importRegions(k, {
      rows: source.rows,
      actor: { accountId: null, role: 'cli', stationId: null },
      now: opts.now,
    });
  } finally {
    source.close();
  }
  const villages = await k
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 'village')
    .where('code', 'like', '1101%')
    .execute();
  const codes = spreadVillages(
    villages.map((v) => v.code),
    opts.spread,
  );
  for (let i = 0; i < codes.length; i += 200)
    await k
      .insertInto('vs_activities')
      .values(
        codes.slice(i, i + 200).map((code, j) => ({
          ...template,
          id: spreadActivityId(i + j),
          title: `压测活动 ${i + j + 1}`,
          region_code: code,
          capacity: opts.capacity,
        })),
      )
      .execute();
}

export interface SpreadCount {
  signups: number;
  confirmed: number;
  /** Activities whose counter differs from their confirmed rows. */
  counterMismatches: number;
  /** The city's (1101) sign-ups in the rollups, summed over years (stale on the copy whose trigger was off). */
  cityRollup: number;
  /** The same from the activities' own counters (not cancelled). */
  cityLive: number;
}

export async function spreadCount(k: Kysely<Database>, ids: string[]): Promise<SpreadCount> {
  const rows = await k
    .selectFrom('vs_signups')
    .select(['activity_id', 'status'])
    .where('activity_id', 'in', ids)
    .execute();
  const counters = await k
    .selectFrom('vs_activities')
    .select(['id', 'confirmed_count'])
    .where('id', 'in', ids)
    .execute();
  const confirmedBy = new Map<string, number>();
  for (const r of rows)
    if (r.status === 'confirmed')
      confirmedBy.set(r.activity_id, (confirmedBy.get(r.activity_id) ?? 0) + 1);
  const rollup = await k
    .selectFrom('vs_area_rollups')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n'))
    .where('measure', '=', 'signups')
    .where('len', '=', 4)
    .where('area', '=', '1101')
    .where('grain', '=', 4)
    .executeTakeFirstOrThrow();
  const live = await k
    .selectFrom('vs_activities')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('confirmed_count'), eb.lit(0)).as('n'))
    .where('region_code', 'like', '1101%')
    .where('status', '!=', 'cancelled')
    .executeTakeFirstOrThrow();
  return {
    signups: rows.length,
    confirmed: rows.filter((r) => r.status === 'confirmed').length,
    counterMismatches: counters.filter((c) => c.confirmed_count !== (confirmedBy.get(c.id) ?? 0))
      .length,
    cityRollup: Number(rollup.n),
    cityLive: Number(live.n),
  };
}
