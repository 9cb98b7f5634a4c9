/** VS-4 the needs in the centre's reach, newest first (default: all statuses). */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { presentNeeds } from './need-view.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import type { NeedQuery } from './orders.schema.ts';

/** Needs in the centre's region, newest first (default: all statuses). */
export async function listNeeds(
  db: Kysely<Database>,
  input: z.infer<typeof NeedQuery> & { actor: Actor },
) {
  const prefixes = reachPrefixes(input.actor, CENTRE_ROLES);
  let q = db
    .selectFrom('vs_needs')
    .selectAll()
    .where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))));
  if (input.status) q = q.where('status', '=', input.status);
  if (input.categoryCode) q = q.where('category_code', '=', input.categoryCode);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return presentNeeds(db, input.actor, rows);
}
