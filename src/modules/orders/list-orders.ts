/** VS-5 the centre board: the orders in the caller's reach, by state, newest first. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsOrderTable } from '../../db/schema.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { callerTeams, orderActionsFor } from './order-access.ts';
import { presentOrders } from './order-view.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import type { OrderQuery } from './orders.schema.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

type OrderFilter = Omit<z.infer<typeof OrderQuery>, 'limit' | 'offset'> & { actor: Actor };

/** The orders a filter selects in the caller's reach (unordered, unpaged). */
function filteredOrders(db: Kysely<Database>, input: OrderFilter) {
  const prefixes = reachPrefixes(input.actor, CENTRE_ROLES);
  let q = db.selectFrom('vs_orders as o').where(underAnyPrefix('o.region_code', prefixes));
  if (input.state) q = q.where('o.state', '=', input.state);
  return q;
}

async function present(db: Kysely<Database>, actor: Actor, rows: VsOrderTable[]) {
  const mine = await callerTeams(db, actor);
  return presentOrders(db, rows, (o) => orderActionsFor(actor, o, mine));
}

export async function listOrders(
  db: Kysely<Database>,
  input: z.infer<typeof OrderQuery> & { actor: Actor },
) {
  const rows = await filteredOrders(db, input)
    .selectAll('o')
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return present(db, input.actor, rows);
}

/** Issue #16 p5: the same list, newest first, by keyset (shared/keyset.ts). */
export const ORDER_ORDER: KeysetOrder = {
  list: 'vs-orders',
  key: 'o.created_at',
  keyKind: 'timestamp',
  id: 'o.id',
  direction: 'desc',
};

export async function pageOrders(
  db: Kysely<Database>,
  input: OrderFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(ORDER_ORDER, input.after);
  const q = filteredOrders(db, input);
  const rows = await keysetQuery(q.selectAll('o'), ORDER_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, ORDER_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.select('o.id'));
  return { items: await present(db, input.actor, shown), nextCursor, total, totalExact };
}
