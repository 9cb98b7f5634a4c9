/** VS-5 接单: the leader of the team an order is directed to accepts it. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize } from '../../shared/actor.ts';
import { loadOrder, pickTeam, type Meta } from './order-access.ts';
import { msgTaken } from './order-messages.ts';
import { transition } from './order-transition.ts';
import { ledTeams, notifyRequesters } from './orders.common.ts';
import { stateRefusal } from './order.workflow.ts';

export async function acceptOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; teamId?: string | undefined },
) {
  const order = await loadOrder(db, input.id);
  authorize(input.actor, ['team_leader']);
  const mine = await ledTeams(db, input.actor.accountId);
  const refused = stateRefusal('accept', order.state);
  if (refused) throw new AppError(refused);
  const team = pickTeam(
    mine.filter((t) => t.id === order.directed_team_id),
    input.teamId,
  );
  await transition(db, {
    ...input,
    order,
    action: 'accept',
    party: 'directed_team',
    timelineAction: 'accepted',
    teamId: team.id,
    set: { team_id: team.id, accepted_at: input.now.toISOString(), window_ends_at: null },
    after: async (trx) => {
      await notifyRequesters(trx, order.id, msgTaken(order, team.name), input.now);
    },
  });
}
