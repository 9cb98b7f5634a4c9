/**
 * CP-1 catchment by neighbourhood: the region tree stops at the village/community, so the named
 * neighbourhoods (小区) of a community are a small list the organiser keeps (community code →
 * names, in their order). A class's catchment names some of them; a guardian picks the child's.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { levelOfCode } from '../../shared/region-code.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { ORGANISER } from './programs.access.ts';
import { parseCatchmentNeighbourhoods } from './programs.stored.ts';
import { renamedCatchment, renamesFit, type Rename } from './neighbourhood-renames.rules.ts';

type Db = Kysely<Database>;

/** The community's 小区 in the organiser's order (empty when none are listed). */
export async function neighbourhoodNames(db: Db, regionCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('program_neighbourhoods')
    .select('name')
    .where('region_code', '=', regionCode)
    .orderBy('sort_order')
    .execute();
  return rows.map((r) => r.name);
}

/** Anyone signed in reads a community's list (default: the caller's own region). */
export async function listNeighbourhoods(
  db: Db,
  input: { regionCode?: string | undefined; actor: Actor },
): Promise<{ regionCode: string; names: string[] }> {
  const regionCode = input.regionCode ?? input.actor.grants[0]?.regionCode;
  if (regionCode === undefined) throw new AppError('FORBIDDEN');
  return { regionCode, names: await neighbourhoodNames(db, regionCode) };
}

/**
 * A rename follows to the children registered in the old 小区 and to the catchments of the
 * community's classes that name it (inside the list's transaction).
 */
async function carryRenames(db: Db, regionCode: string, renames: Rename[]): Promise<void> {
  for (const r of renames)
    await db
      .updateTable('children')
      .set({ neighbourhood: r.to })
      .where('region_code', '=', regionCode)
      .where('neighbourhood', '=', r.from)
      .execute();
  const classes = await db
    .selectFrom('program_classes')
    .select(['id', 'catchment_neighbourhoods'])
    .where('region_code', '=', regionCode)
    .where('catchment_neighbourhoods', '!=', '[]')
    .execute();
  for (const c of classes) {
    const renamed = renamedCatchment(
      parseCatchmentNeighbourhoods(c.catchment_neighbourhoods),
      renames,
    );
    if (renamed)
      await db
        .updateTable('program_classes')
        .set({ catchment_neighbourhoods: JSON.stringify(renamed) })
        .where('id', '=', c.id)
        .execute();
  }
}

/**
 * The organiser of the community replaces its list (audited with the list before and after);
 * renamed 小区 carry their children and class catchments with them.
 */
export async function setNeighbourhoods(
  db: Db,
  input: {
    regionCode: string;
    names: string[];
    renames?: Rename[] | undefined;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<{ regionCode: string; names: string[] }> {
  const { regionCode, actor, now } = input;
  const grant = authorize(actor, ORGANISER, regionCode);
  if (levelOfCode(regionCode) !== 'village') throw new AppError('CP_NEIGHBOURHOOD_REGION');
  const names = [...new Set(input.names)];
  const renames = input.renames ?? [];
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await neighbourhoodNames(trx, regionCode);
    if (!renamesFit(before, names, renames)) throw new AppError('CP_NEIGHBOURHOOD_RENAME');
    if (renames.length > 0) await carryRenames(trx, regionCode, renames);
    await trx.deleteFrom('program_neighbourhoods').where('region_code', '=', regionCode).execute();
    if (names.length > 0)
      await trx
        .insertInto('program_neighbourhoods')
        .values(
          names.map((name, i) => ({
            region_code: regionCode,
            name,
            sort_order: i,
            updated_by_account_id: actor.accountId,
            updated_at: at,
          })),
        )
        .execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'program.neighbourhoods_set',
      entityType: 'region',
      entityId: regionCode,
      regionCode,
      before: { names: before },
      after: renames.length > 0 ? { names, renames } : { names },
      requestId: input.requestId,
      now,
    });
  });
  return { regionCode, names };
}
