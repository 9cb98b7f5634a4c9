/** VS-5 改派: the centre takes an order back from its team (or from grabbing), or on to another team. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../../shared/actor.ts';
import { assertDirectable, loadOrder, loadTeam, type Meta } from './order-access.ts';
import { msgDirected } from './order-messages.ts';
import { transition } from './order-transition.ts';
import { CENTRE_ROLES, notifyTeamLeader } from './orders.common.ts';
import { DEFAULT_WINDOW_HOURS, windowEnd } from './order.rules.ts';

export async function reassignOrder(
  db: Kysely<Database>,
  input: Meta & {
    id: string;
    teamId?: string | undefined;
    note: string;
    windowHours?: number | undefined;
  },
) {
  const order = await loadOrder(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, order.region_code);
  const team = input.teamId ? await loadTeam(db, input.teamId) : null;
  if (team) assertDirectable(team, order);
  const previousTeam = order.team_id ?? order.directed_team_id;
  await transition(db, {
    ...input,
    order,
    grant,
    action: 'reassign',
    party: 'centre',
    timelineAction: 'reassigned',
    to: team ? 'directed' : 'awaiting_dispatch',
    teamId: team?.id ?? null,
    note: input.note,
    set: {
      directed_team_id: team?.id ?? null,
      team_id: null,
      accepted_at: null,
      grab_region_code: null,
      window_ends_at: team ? windowEnd(input.now, input.windowHours ?? DEFAULT_WINDOW_HOURS) : null,
    },
    after: async (trx) => {
      if (previousTeam && previousTeam !== team?.id)
        await notifyTeamLeader(
          trx,
          previousTeam,
          order.id,
          {
            kind: 'vs_order_reassigned',
            params: { orderNumber: order.order_number, title: order.title, note: input.note },
          },
          input.now,
        );
      if (team) await notifyTeamLeader(trx, team.id, order.id, msgDirected(order), input.now);
    },
  });
}
