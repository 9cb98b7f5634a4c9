/**
 * The one write of every order transition (VS-5): the workflow table decides, then a conditional
 * update on (id, state, version), the timeline row and the audit event in one transaction. Losing
 * a race → the table's conflict code (409), nothing written.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsOrderState, VsOrderTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Grant } from '../../shared/actor.ts';
import type { Meta } from './order-access.ts';
import { addAction } from './orders.common.ts';
import { smsOrderRequesters } from './order-sms.ts';
import {
  ORDER_TRANSITIONS,
  orderRefusal,
  type OrderAction,
  type OrderParty,
} from './order.workflow.ts';

export async function transition(
  db: Kysely<Database>,
  t: Meta & {
    order: VsOrderTable;
    action: OrderAction;
    /** The party the use-case established the caller to be (its own checks answer who-codes). */
    party: OrderParty;
    timelineAction: string;
    /** Only where the table leaves it open (reassign: another team, or back to the centre). */
    to?: VsOrderState;
    set: Partial<VsOrderTable>;
    teamId?: string | null;
    reasonCode?: string | null;
    note?: string | null;
    grant?: Grant | undefined;
    after?: (trx: Transaction<Database>) => Promise<void>;
  },
): Promise<void> {
  const { order, now } = t;
  const rule = ORDER_TRANSITIONS[t.action];
  const refusal = orderRefusal(t.action, order.state, [t.party]);
  if (refusal === 'NOT_PARTY') throw new AppError('FORBIDDEN');
  if (refusal) throw new AppError(refusal);
  const to: VsOrderState | undefined = rule.to === 'directed_or_awaiting' ? t.to : rule.to;
  if (!to) throw new Error(`${t.action}: the target state must be given`);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('vs_orders')
      .set({ ...t.set, state: to, version: order.version + 1, updated_at: now.toISOString() })
      .where('id', '=', order.id)
      .where('state', 'in', [...rule.from])
      .where('version', '=', order.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError(rule.conflict);
    await addAction(trx, {
      orderId: order.id,
      action: t.timelineAction,
      from: order.state,
      to,
      teamId: t.teamId ?? null,
      reasonCode: t.reasonCode ?? null,
      note: t.note ?? null,
      actorId: t.actor.accountId,
      now,
    });
    await t.after?.(trx);
    await smsOrderRequesters(trx, t.pii, { order, to, version: order.version + 1, now });
    await recordAudit(trx, {
      actor: auditActor(t.actor, t.grant),
      action: 'vs_order.transitioned',
      entityType: 'vs_order',
      entityId: order.id,
      regionCode: order.region_code,
      before: { state: order.state, version: order.version },
      after: {
        action: t.timelineAction,
        state: to,
        teamId: t.teamId ?? null,
        reasonCode: t.reasonCode ?? null,
        note: t.note ?? null,
      },
      requestId: t.requestId,
      now,
    });
  });
}
