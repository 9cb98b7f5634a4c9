/**
 * VS-4 the one write behind accepting and merging: a new order awaiting dispatch, its needs moved
 * submitted → accepted and linked to it (all or none), the timeline row, each requester told.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, VsNeedTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor } from '../../shared/actor.ts';
import { notify } from '../notifications/notification.service.ts';
import type { Meta } from './order-access.ts';
import { addAction } from './orders.common.ts';
import { humanNumber } from './order.rules.ts';

export async function createOrderFromNeeds(
  trx: Transaction<Database>,
  input: Meta & {
    needs: VsNeedTable[];
    order: {
      title: string;
      description: string;
      place: string;
      regionCode: string;
      categoryCode: string;
      wantedFrom: string | null;
      wantedTo: string | null;
    };
    grant: Parameters<typeof auditActor>[1];
    merged: boolean;
  },
): Promise<string> {
  const { now, actor } = input;
  const nowIso = now.toISOString();
  const id = crypto.randomUUID();
  const orderNumber = humanNumber('PD', now);
  await trx
    .insertInto('vs_orders')
    .values({
      id,
      order_number: orderNumber,
      title: input.order.title,
      description: input.order.description,
      category_code: input.order.categoryCode,
      region_code: input.order.regionCode,
      place: input.order.place,
      wanted_from: input.order.wantedFrom,
      wanted_to: input.order.wantedTo,
      state: 'awaiting_dispatch',
      version: 1,
      directed_team_id: null,
      team_id: null,
      grab_region_code: null,
      escalation_level: 0,
      window_ends_at: null,
      dispatched_at: null,
      accepted_at: null,
      completed_at: null,
      cancelled_at: null,
      cancel_reason: null,
      created_by: actor.accountId,
      is_demo: 0,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  const ids = input.needs.map((n) => n.id);
  const r = await trx
    .updateTable('vs_needs')
    .set({
      status: 'accepted',
      order_id: id,
      reviewed_by: actor.accountId,
      reviewed_at: nowIso,
      updated_at: nowIso,
    })
    .where('id', 'in', ids)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== ids.length) throw new AppError('VS_NEED_ALREADY_REVIEWED');
  await addAction(trx, {
    orderId: id,
    action: input.merged ? 'merged' : 'created',
    from: null,
    to: 'awaiting_dispatch',
    note: input.needs.map((n) => n.need_number).join(', '),
    actorId: actor.accountId,
    now,
  });
  for (const n of input.needs) {
    if (n.requester_account_id)
      await notify(trx, {
        accountId: n.requester_account_id,
        kind: 'vs_need_accepted',
        params: { needNumber: n.need_number, orderNumber, title: input.order.title },
        entityType: 'vs_need',
        entityId: n.id,
        now,
      });
    await recordAudit(trx, {
      actor: auditActor(actor, input.grant),
      action: 'vs_need.accepted',
      entityType: 'vs_need',
      entityId: n.id,
      regionCode: n.region_code,
      before: { status: 'submitted' },
      after: { status: 'accepted', orderId: id, orderNumber },
      requestId: input.requestId,
      now,
    });
  }
  await recordAudit(trx, {
    actor: auditActor(actor, input.grant),
    action: 'vs_order.created',
    entityType: 'vs_order',
    entityId: id,
    regionCode: input.order.regionCode,
    after: {
      orderNumber,
      title: input.order.title,
      categoryCode: input.order.categoryCode,
      needIds: ids,
      merged: input.merged,
    },
    requestId: input.requestId,
    now,
  });
  return id;
}
