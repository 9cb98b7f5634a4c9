/**
 * VS-5 抢单: the first eligible team wins. Every grab reads the order's version and updates on
 * (id, state 'open', version): under any number of parallel grabs exactly one update matches; the
 * others get ORDER_ALREADY_TAKEN (409) and write nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize } from '../../shared/actor.ts';
import { loadOrder, pickTeam, type Meta } from './order-access.ts';
import { msgTaken } from './order-messages.ts';
import { transition } from './order-transition.ts';
import { ledTeams, notifyRequesters } from './orders.common.ts';
import { teamMayGrab } from './order.rules.ts';
import { stateRefusal } from './order.workflow.ts';

export async function grabOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; teamId?: string | undefined },
) {
  authorize(input.actor, ['team_leader']);
  const order = await loadOrder(db, input.id);
  const refused = stateRefusal('grab', order.state);
  if (refused) throw new AppError(refused);
  const mine = await ledTeams(db, input.actor.accountId);
  const eligible = mine.filter((t) => teamMayGrab(t, order));
  if (
    input.teamId &&
    mine.some((t) => t.id === input.teamId) &&
    !eligible.some((t) => t.id === input.teamId)
  )
    throw new AppError('VS_TEAM_NOT_ELIGIBLE');
  if (!input.teamId && eligible.length === 0 && mine.length > 0)
    throw new AppError('VS_TEAM_NOT_ELIGIBLE');
  const team = pickTeam(eligible, input.teamId);
  await transition(db, {
    ...input,
    order,
    action: 'grab',
    party: 'eligible_team',
    timelineAction: 'grabbed',
    teamId: team.id,
    set: { team_id: team.id, accepted_at: input.now.toISOString(), window_ends_at: null },
    after: async (trx) => {
      await notifyRequesters(trx, order.id, msgTaken(order, team.name), input.now);
    },
  });
}
