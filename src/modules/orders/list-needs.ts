/** VS-4 the needs in the centre's reach, newest first (default: all statuses). */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { presentNeeds } from './need-view.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import type { NeedQuery } from './orders.schema.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

type NeedFilter = Omit<z.infer<typeof NeedQuery>, 'limit' | 'offset'> & { actor: Actor };

/** The needs a filter selects in the centre's region (unordered, unpaged). */
function filteredNeeds(db: Kysely<Database>, input: NeedFilter) {
  const prefixes = reachPrefixes(input.actor, CENTRE_ROLES);
  let q = db.selectFrom('vs_needs as n').where(underAnyPrefix('n.region_code', prefixes));
  if (input.status) q = q.where('n.status', '=', input.status);
  if (input.categoryCode) q = q.where('n.category_code', '=', input.categoryCode);
  return q;
}

/** Needs in the centre's region, newest first (default: all statuses). */
export async function listNeeds(
  db: Kysely<Database>,
  input: z.infer<typeof NeedQuery> & { actor: Actor },
) {
  const rows = await filteredNeeds(db, input)
    .selectAll('n')
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return presentNeeds(db, input.actor, rows);
}

/** Issue #16 p5: the same list, newest first, by keyset (shared/keyset.ts). */
export const NEED_ORDER: KeysetOrder = {
  list: 'vs-needs',
  key: 'n.created_at',
  keyKind: 'timestamp',
  id: 'n.id',
  direction: 'desc',
};

export async function pageNeeds(
  db: Kysely<Database>,
  input: NeedFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(NEED_ORDER, input.after);
  const q = filteredNeeds(db, input);
  const rows = await keysetQuery(q.selectAll('n'), NEED_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, NEED_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.select('n.id'));
  return { items: await presentNeeds(db, input.actor, shown), nextCursor, total, totalExact };
}
