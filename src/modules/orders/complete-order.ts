/** VS-5 完成: centre staff in scope, or the leader of the team holding the order; requesters then rate. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { centreGrant, loadOrder, type Meta } from './order-access.ts';
import { transition } from './order-transition.ts';
import { ledTeams, notifyRequesters } from './orders.common.ts';

export async function completeOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; note?: string | undefined },
) {
  const order = await loadOrder(db, input.id);
  const grant = centreGrant(input.actor, order);
  if (!grant) {
    const mine = await ledTeams(db, input.actor.accountId);
    if (!order.team_id || !mine.some((t) => t.id === order.team_id)) {
      if (input.actor.grants.some((g) => g.role === 'volunteer_staff'))
        throw new AppError('OUT_OF_SCOPE');
      throw new AppError('VS_ORDER_NOT_TEAM_LEADER');
    }
  }
  await transition(db, {
    ...input,
    order,
    grant: grant ?? undefined,
    action: 'complete',
    party: grant ? 'centre' : 'holding_team',
    timelineAction: 'completed',
    teamId: order.team_id,
    note: input.note ?? null,
    set: { completed_at: input.now.toISOString() },
    after: async (trx) => {
      await notifyRequesters(
        trx,
        order.id,
        {
          kind: 'vs_order_completed',
          params: { orderNumber: order.order_number, title: order.title },
        },
        input.now,
      );
    },
  });
}
