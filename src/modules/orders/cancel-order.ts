/** VS-5 取消: the centre cancels a live order with a reason; requesters and the team are told. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../../shared/actor.ts';
import { loadOrder, type Meta } from './order-access.ts';
import { transition } from './order-transition.ts';
import { CENTRE_ROLES, notifyRequesters, notifyTeamLeader } from './orders.common.ts';

export async function cancelOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; reason: string },
) {
  const order = await loadOrder(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, order.region_code);
  const msg = {
    kind: 'vs_order_cancelled',
    params: { orderNumber: order.order_number, title: order.title, reason: input.reason },
  } as const;
  await transition(db, {
    ...input,
    order,
    grant,
    action: 'cancel',
    party: 'centre',
    timelineAction: 'cancelled',
    note: input.reason,
    set: {
      cancelled_at: input.now.toISOString(),
      cancel_reason: input.reason,
      window_ends_at: null,
    },
    after: async (trx) => {
      await notifyRequesters(trx, order.id, msg, input.now);
      const holder = order.team_id ?? order.directed_team_id;
      if (holder) await notifyTeamLeader(trx, holder, order.id, msg, input.now);
    },
  });
}
