/**
 * Issue #15 point 5: an order's requesters hear of it by SMS (order_update) when a team
 * takes it (accepted or grabbed), when its service starts, and when it is closed (completed or
 * cancelled) — every need merged into it has its own contact phone. Written in the transaction of
 * the transition (so the message exists exactly when it committed); the dedupe key names the
 * order's version, so a replayed write queues nothing twice. The contact phone is decrypted only
 * to hand it to the outbox, which encrypts it again; a demo need's message is kept suppressed.
 */
import type { Transaction } from 'kysely';
import type { Database, VsOrderState, VsOrderTable } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import { fitVar } from '../notifications/templates.rules.ts';

/** The states a requester is told of, in words (read after the order's title). */
export const ORDER_STATE_WORDS: Partial<Record<VsOrderState, string>> = {
  accepted: '已有志愿服务队接单',
  in_service: '已开始服务',
  completed: '已完成，欢迎评价',
  cancelled: '已取消',
};

export async function smsOrderRequesters(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: {
    order: Pick<VsOrderTable, 'id' | 'order_number' | 'title' | 'region_code'>;
    to: VsOrderState;
    /** The order's version after the transition. */
    version: number;
    now: Date;
  },
): Promise<number> {
  const state = ORDER_STATE_WORDS[input.to];
  if (!state) return 0;
  const needs = await trx
    .selectFrom('vs_needs')
    .select(['id', 'contact_phone_cipher', 'is_demo'])
    .where('order_id', '=', input.order.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const seen = new Set<string>();
  for (const need of needs) {
    const to = pii.decrypt(need.contact_phone_cipher);
    if (!to || seen.has(to)) continue; // one requester with two needs in the order: one message
    seen.add(to);
    await enqueueSms(trx, pii, {
      to,
      template: 'order_update',
      params: {
        orderNumber: input.order.order_number,
        title: fitVar(input.order.title),
        state,
      },
      now: input.now,
      demo: need.is_demo === 1,
      dedupeKey: `order_update:${input.order.id}:${input.version}:${need.id}`,
      subject: { type: 'order', id: input.order.id },
      regionCode: input.order.region_code,
    });
  }
  return seen.size;
}
