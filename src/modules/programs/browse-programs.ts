/**
 * CP-1 browsing: everyone with an account sees published programs by region (public fields);
 * an organiser also lists the programs in their reach with the counts (view=managed).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { regionReach, type Actor } from '../../shared/actor.ts';
import { LEVEL_PREFIX_LENGTH, levelOfCode, scopePrefix } from '../../shared/region-code.ts';
import { loadProgram, ORGANISER, organises } from './programs.access.ts';
import type { ProgramsQuery, ProgramView } from './programs.schema.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';

type ProgramFilter = Pick<ProgramsQuery, 'view' | 'regionCode'>;
import { presentPrograms } from './program-view.ts';
import { underAnyPrefix, underPrefix } from '../../shared/region-range.ts';

/** A region code as the prefix of every row inside it. */
export function regionPrefix(code: string): string {
  return scopePrefix(code, levelOfCode(code) ?? 'village');
}

/** The region a browse looks in: the one asked for, else the caller's first grant, widened to its town. */
function browsePrefix(actor: Actor, regionCode: string | undefined): string {
  if (regionCode) return regionPrefix(regionCode);
  const reach = actor.grants[0]?.reachPrefix ?? '';
  return reach.length > LEVEL_PREFIX_LENGTH.town ? reach.slice(0, LEVEL_PREFIX_LENGTH.town) : reach;
}

/** The programs a filter selects for the caller (unordered, unpaged). */
function filteredPrograms(db: Kysely<Database>, input: ProgramFilter & { actor: Actor }) {
  const { actor } = input;
  let q = db.selectFrom('programs').selectAll();
  if (input.view === 'managed') {
    const reach = regionReach(actor, ORGANISER);
    if (reach.length === 0) throw new AppError('FORBIDDEN');
    q = q.where(underAnyPrefix('region_code', reach));
  } else {
    const prefix = browsePrefix(actor, input.regionCode);
    q = q.where('status', '=', 'published').where(underPrefix('region_code', prefix));
  }
  if (input.regionCode) q = q.where(underPrefix('region_code', regionPrefix(input.regionCode)));
  return q;
}

export async function listPrograms(
  db: Kysely<Database>,
  input: ProgramsQuery & { actor: Actor },
): Promise<ProgramView[]> {
  const rows = await filteredPrograms(db, input)
    .orderBy('season_starts_on', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return presentPrograms(db, rows, (p) => organises(input.actor, p.region_code));
}

/** Issue #16 p5: the same list, latest season first, by keyset (shared/keyset.ts). */
export const PROGRAM_ORDER: KeysetOrder = {
  list: 'programs',
  key: 'season_starts_on',
  keyKind: 'text',
  id: 'id',
  direction: 'desc',
};

export async function pagePrograms(
  db: Kysely<Database>,
  input: ProgramFilter & { actor: Actor; limit: number; after?: string | undefined },
) {
  const after = cursorAfter(PROGRAM_ORDER, input.after);
  const q = filteredPrograms(db, input);
  const rows = await keysetQuery(q, PROGRAM_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, PROGRAM_ORDER, (r) => ({
    key: r.season_starts_on,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('id'));
  const items = await presentPrograms(db, shown, (p) => organises(input.actor, p.region_code));
  return { items, nextCursor, total, totalExact };
}

export async function getProgram(
  db: Kysely<Database>,
  input: { id: string; actor: Actor },
): Promise<ProgramView> {
  const p = await loadProgram(db, input.id);
  const manages = organises(input.actor, p.region_code);
  if (p.status !== 'published' && !manages) throw new AppError('CP_PROGRAM_NOT_FOUND');
  return (await presentPrograms(db, [p], () => manages))[0]!;
}
