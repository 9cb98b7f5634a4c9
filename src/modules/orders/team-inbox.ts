/**
 * VS-5 a team leader's inbox: orders directed to their teams, open orders they may grab, the
 * orders their teams hold, and the last completed ones. The contact stays hidden until their team
 * holds it. Each item carries the actions the leader may take now.
 */
import type { Kysely } from 'kysely';
import type { Database, VsOrderTable } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { orderActionsFor } from './order-access.ts';
import { presentOrders, relevantTeams, teamNeeds } from './order-view.ts';
import { ledTeams } from './orders.common.ts';
import { teamMayGrab } from './order.rules.ts';
import { HELD_STATES } from './order.workflow.ts';

export async function teamInbox(db: Kysely<Database>, pii: PiiCipher, input: { actor: Actor }) {
  const mine = await ledTeams(db, input.actor.accountId);
  if (mine.length === 0) return [];
  const ids = mine.map((t) => t.id);
  const cats = [...new Set(mine.map((t) => t.category_code).filter((c): c is string => !!c))];
  const [directed, held, done, open] = await Promise.all([
    db
      .selectFrom('vs_orders')
      .selectAll()
      .where('state', '=', 'directed')
      .where('directed_team_id', 'in', ids)
      .orderBy('window_ends_at')
      .execute(),
    db
      .selectFrom('vs_orders')
      .selectAll()
      .where('state', 'in', [...HELD_STATES])
      .where('team_id', 'in', ids)
      .orderBy('accepted_at', 'desc')
      .execute(),
    db
      .selectFrom('vs_orders')
      .selectAll()
      .where('state', '=', 'completed')
      .where('team_id', 'in', ids)
      .orderBy('completed_at', 'desc')
      .limit(20)
      .execute(),
    cats.length
      ? db
          .selectFrom('vs_orders')
          .selectAll()
          .where('state', '=', 'open')
          .where('category_code', 'in', cats)
          .orderBy('window_ends_at')
          .limit(500)
          .execute()
      : [],
  ]);
  const grabbable = open.filter((o) => mine.some((t) => teamMayGrab(t, o)));
  const boxes: ['directed' | 'open' | 'held' | 'done', VsOrderTable[]][] = [
    ['directed', directed],
    ['open', grabbable],
    ['held', held],
    ['done', done],
  ];
  const all = boxes.flatMap(([, os]) => os);
  const presented = await presentOrders(db, all, (o) => orderActionsFor(input.actor, o, mine));
  const out = [];
  let i = 0;
  for (const [box, orders] of boxes)
    for (const o of orders) {
      const rel = relevantTeams(o, mine);
      out.push({
        ...presented[i++]!,
        box,
        teamNeeds: await teamNeeds(
          db,
          pii,
          o,
          rel.map((t) => t.id),
        ),
        myTeams: rel.map((t) => ({ id: t.id, name: t.name })),
      });
    }
  return out;
}
