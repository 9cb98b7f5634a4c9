/**
 * VS-6 服务: an activity for a held order. The orders module owns `vs_orders`; the activities
 * module asks here whether an order may be served and, inside its own transaction, starts the
 * service — the first activity moves the order accepted → in_service (a conditional update and
 * the order's timeline row); later ones leave it in service.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { addAction } from './orders.common.ts';
import { smsOrderRequesters } from './order-sms.ts';
import { ORDER_TRANSITIONS, stateRefusal } from './order.workflow.ts';

export interface ServableOrder {
  id: string;
  state: 'accepted' | 'in_service';
  /** The team holding the order: it runs the activities. */
  teamId: string;
  regionCode: string;
}

/** The order an activity may be created for, or VS_ORDER_NOT_SERVABLE. */
export async function servableOrder(db: Kysely<Database>, id: string): Promise<ServableOrder> {
  const order = await db
    .selectFrom('vs_orders')
    .select(['id', 'state', 'team_id', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!order || !order.team_id || stateRefusal('start_service', order.state))
    throw new AppError('VS_ORDER_NOT_SERVABLE');
  return {
    id: order.id,
    state: order.state as ServableOrder['state'],
    teamId: order.team_id,
    regionCode: order.region_code,
  };
}

/**
 * Inside the caller's transaction: moves an accepted order into service (once; a parallel start
 * or a later activity finds it already in service). Returns whether this call started it.
 */
export async function startOrderService(
  trx: Transaction<Database>,
  input: {
    orderId: string;
    teamId: string;
    activityId: string;
    actorId: string;
    now: Date;
    pii: PiiCipher;
  },
): Promise<boolean> {
  const rule = ORDER_TRANSITIONS.start_service;
  const r = await trx
    .updateTable('vs_orders')
    .set((eb) => ({
      state: rule.to,
      version: eb('version', '+', 1),
      updated_at: input.now.toISOString(),
    }))
    .where('id', '=', input.orderId)
    .where('state', '=', 'accepted')
    .returning(['id', 'order_number', 'title', 'region_code', 'version'])
    .executeTakeFirst();
  if (!r) return false;
  await smsOrderRequesters(trx, input.pii, {
    order: r,
    to: rule.to,
    version: r.version,
    now: input.now,
  });
  await addAction(trx, {
    orderId: input.orderId,
    action: 'service_started',
    from: 'accepted',
    to: rule.to,
    teamId: input.teamId,
    note: `activity ${input.activityId}`,
    actorId: input.actorId,
    now: input.now,
  });
  return true;
}
