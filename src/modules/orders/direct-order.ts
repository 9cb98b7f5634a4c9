/** VS-5 指派: the centre directs an awaiting order to a team, for a window. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../../shared/actor.ts';
import { assertDirectable, loadOrder, loadTeam, type Meta } from './order-access.ts';
import { msgDirected } from './order-messages.ts';
import { transition } from './order-transition.ts';
import { notifyTeamLeader, CENTRE_ROLES } from './orders.common.ts';
import { DEFAULT_WINDOW_HOURS, windowEnd } from './order.rules.ts';

export async function directOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; teamId: string; windowHours?: number | undefined },
) {
  const order = await loadOrder(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, order.region_code);
  const team = await loadTeam(db, input.teamId);
  assertDirectable(team, order);
  await transition(db, {
    ...input,
    order,
    grant,
    action: 'direct',
    party: 'centre',
    timelineAction: 'directed',
    teamId: team.id,
    set: {
      directed_team_id: team.id,
      window_ends_at: windowEnd(input.now, input.windowHours ?? DEFAULT_WINDOW_HOURS),
      dispatched_at: order.dispatched_at ?? input.now.toISOString(),
    },
    after: (trx) => notifyTeamLeader(trx, team.id, order.id, msgDirected(order), input.now),
  });
}
