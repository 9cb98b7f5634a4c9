/** VS-5 the centre board: the orders in the caller's reach, by state, newest first. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { callerTeams, orderActionsFor } from './order-access.ts';
import { presentOrders } from './order-view.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import type { OrderQuery } from './orders.schema.ts';

export async function listOrders(
  db: Kysely<Database>,
  input: z.infer<typeof OrderQuery> & { actor: Actor },
) {
  const prefixes = reachPrefixes(input.actor, CENTRE_ROLES);
  let q = db
    .selectFrom('vs_orders')
    .selectAll()
    .where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))));
  if (input.state) q = q.where('state', '=', input.state);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const mine = await callerTeams(db, input.actor);
  return presentOrders(db, rows, (o) => orderActionsFor(input.actor, o, mine));
}
