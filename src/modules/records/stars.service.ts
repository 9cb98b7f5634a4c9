/** VS-9: star packs (data), which region uses which, and a volunteer's stars. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import { ancestorCodes, resolvePack, starLevel, type StarPack } from './stars.ts';
import { parseStarThresholds } from './records.stored.ts';

export const STAR_PACK_SETTERS = ['admin', 'volunteer_staff'] as const satisfies readonly Role[];
export const STAR_PACK_READERS = [
  'admin',
  'supervisor',
  'volunteer_staff',
  'team_leader',
  'volunteer',
] as const satisfies readonly Role[];

export async function loadPacks(db: Kysely<Database>): Promise<StarPack[]> {
  const rows = await db.selectFrom('vs_star_packs').selectAll().orderBy('code').execute();
  // national first: the fallback when nothing else matches
  return rows
    .map((r) => ({
      code: r.code,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      thresholds: parseStarThresholds(r.thresholds),
      defaultPrefix: r.default_prefix,
    }))
    .sort((a, b) => (a.defaultPrefix === '' ? -1 : b.defaultPrefix === '' ? 1 : 0));
}

export async function packForRegion(db: Kysely<Database>, regionCode: string) {
  const packs = await loadPacks(db);
  const rows = await db
    .selectFrom('vs_region_star_packs')
    .select(['region_code', 'pack_code'])
    .where('region_code', 'in', ancestorCodes(regionCode))
    .execute();
  return resolvePack(regionCode, packs, new Map(rows.map((r) => [r.region_code, r.pack_code])));
}

/** Confirmed cumulative hours (all organisations) → stars by the volunteer's home region pack. */
export async function volunteerStars(
  db: Kysely<Database>,
  volunteer: { id: string; home_region_code: string },
) {
  const sum = await db
    .selectFrom('vs_service_records')
    .select((eb) => eb.fn.sum<number>('half_hours').as('h'))
    .where('volunteer_id', '=', volunteer.id)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  const halfHours = Number(sum?.h ?? 0);
  const { pack, source } = await packForRegion(db, volunteer.home_region_code);
  return {
    ...starLevel(halfHours, pack.thresholds),
    pack: {
      code: pack.code,
      nameZh: pack.nameZh,
      nameEn: pack.nameEn,
      thresholds: pack.thresholds,
    },
    packSource: source,
  };
}

export async function listStarPacks(db: Kysely<Database>) {
  const packs = await loadPacks(db);
  const assignments = await db
    .selectFrom('vs_region_star_packs as a')
    .innerJoin('regions as r', 'r.code', 'a.region_code')
    .select(['a.region_code', 'r.name', 'a.pack_code', 'a.set_at'])
    .orderBy('a.region_code')
    .execute();
  return {
    packs,
    assignments: assignments.map((a) => ({
      regionCode: a.region_code,
      regionName: a.name,
      packCode: a.pack_code,
      setAt: new Date(a.set_at).toISOString(),
    })),
  };
}

export async function assignStarPack(
  db: Kysely<Database>,
  input: { regionCode: string; packCode: string; actor: Actor; requestId: string; now: Date },
) {
  const { actor, now } = input;
  const grant = authorize(actor, STAR_PACK_SETTERS, input.regionCode);
  const region = await db
    .selectFrom('regions')
    .select('code')
    .where('code', '=', input.regionCode)
    .executeTakeFirst();
  if (!region) throw new AppError('UNKNOWN_REGION');
  const pack = await db
    .selectFrom('vs_star_packs')
    .select('code')
    .where('code', '=', input.packCode)
    .executeTakeFirst();
  if (!pack) throw new AppError('STAR_PACK_NOT_FOUND');
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('vs_region_star_packs')
      .select('pack_code')
      .where('region_code', '=', input.regionCode)
      .executeTakeFirst();
    await trx
      .insertInto('vs_region_star_packs')
      .values({
        region_code: input.regionCode,
        pack_code: input.packCode,
        set_by: actor.accountId,
        set_at: nowIso,
      })
      .onConflict((oc) =>
        oc.column('region_code').doUpdateSet({
          pack_code: input.packCode,
          set_by: actor.accountId,
          set_at: nowIso,
        }),
      )
      .execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'vs_star_pack.assigned',
      entityType: 'region',
      entityId: input.regionCode,
      regionCode: input.regionCode,
      before: { packCode: before?.pack_code ?? null },
      after: { packCode: input.packCode },
      requestId: input.requestId,
      now,
    });
  });
  return listStarPacks(db);
}
