/** VS-3 the service menu (点单菜单) for a place: categories and on-menu projects of its town and above. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { LEVEL_ORDER, levelOfCode, scopePrefix } from '../../shared/region-code.ts';
import { listCategories } from '../volunteers/lists.service.ts';
import { underPrefix } from '../../shared/region-range.ts';

/** Codes of the region and every ancestor of it (12-digit canonical codes). */
export function regionAndAncestors(code: string): string[] {
  const level = levelOfCode(code);
  if (level === null) return [];
  const out: string[] = [];
  for (const l of LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(level) + 1))
    out.push(scopePrefix(code, l).padEnd(l === 'grid' ? 15 : 12, '0'));
  return [...new Set([...out, code])];
}

/** The service menu for a place: active on-menu projects of the place's town or any region above it. */
export async function getMenu(db: Kysely<Database>, input: { regionCode: string }) {
  const town = levelOfCode(input.regionCode);
  const townPrefix =
    town && LEVEL_ORDER.indexOf(town) >= LEVEL_ORDER.indexOf('town')
      ? scopePrefix(input.regionCode, 'town')
      : input.regionCode;
  const [categories, projects] = await Promise.all([
    // National categories and the place's own centres' ones (issue #10 point 9).
    listCategories(db, { includeInactive: false, regionCode: input.regionCode }),
    db
      .selectFrom('vs_projects')
      .selectAll()
      .where('on_menu', '=', 1)
      .where('active', '=', 1)
      .where((eb) =>
        eb.or([
          underPrefix('region_code', townPrefix),
          eb('region_code', 'in', regionAndAncestors(input.regionCode)),
        ]),
      )
      .orderBy('category_code')
      .orderBy('name')
      .limit(200)
      .execute(),
  ]);
  return {
    categories: categories.map((c) => ({
      code: c.code,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      colour: c.colour,
    })),
    projects: projects.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      categoryCode: p.category_code,
      regionCode: p.region_code,
      schedule: p.schedule,
    })),
  };
}
