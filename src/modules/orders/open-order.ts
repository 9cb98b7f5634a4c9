/** VS-5 开放抢单: the centre opens an order for grabbing in its town (see initialGrabRegion). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../../shared/actor.ts';
import { loadOrder, type Meta } from './order-access.ts';
import { transition } from './order-transition.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import { DEFAULT_WINDOW_HOURS, initialGrabRegion, windowEnd } from './order.rules.ts';

/** Opens for grabbing in the order's town, for a window. */
export async function openOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; windowHours?: number | undefined },
) {
  const order = await loadOrder(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, order.region_code);
  await transition(db, {
    ...input,
    order,
    grant,
    action: 'open',
    party: 'centre',
    timelineAction: 'opened',
    set: {
      directed_team_id: null,
      grab_region_code: initialGrabRegion(order.region_code),
      escalation_level: 0,
      window_ends_at: windowEnd(input.now, input.windowHours ?? DEFAULT_WINDOW_HOURS),
      dispatched_at: order.dispatched_at ?? input.now.toISOString(),
    },
  });
}
