/** VS-5 拒单: the directed team declines with a coded reason; the order goes back to the centre. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize } from '../../shared/actor.ts';
import { loadOrder, pickTeam, type Meta } from './order-access.ts';
import { transition } from './order-transition.ts';
import { ledTeams } from './orders.common.ts';
import type { DeclineOrder } from './orders.schema.ts';
import { stateRefusal } from './order.workflow.ts';

export async function declineOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; body: z.infer<typeof DeclineOrder> },
) {
  const { body } = input;
  if (body.reasonCode === 'other' && !body.note) throw new AppError('VS_DECLINE_NOTE_REQUIRED');
  authorize(input.actor, ['team_leader']);
  const order = await loadOrder(db, input.id);
  const mine = await ledTeams(db, input.actor.accountId);
  const refused = stateRefusal('decline', order.state);
  if (refused) throw new AppError(refused);
  const team = pickTeam(
    mine.filter((t) => t.id === order.directed_team_id),
    body.teamId,
  );
  await transition(db, {
    ...input,
    order,
    action: 'decline',
    party: 'directed_team',
    timelineAction: 'declined',
    teamId: team.id,
    reasonCode: body.reasonCode,
    note: body.note ?? null,
    set: { directed_team_id: null, window_ends_at: null },
  });
}
