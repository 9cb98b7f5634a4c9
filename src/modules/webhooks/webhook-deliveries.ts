/**
 * X-9 the delivery log of a subscriber: its outbox messages, newest first (time, then id) — the
 * latest 100 (GET …/deliveries), or all of them by keyset (issue #16 p5, …/deliveries/page).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { subscriberInReach } from './webhook-subscribers.ts';

/** The subscriber's messages, when it is in the caller's reach (unordered, unpaged). */
async function subscriberDeliveries(db: Kysely<Database>, input: { id: string; actor: Actor }) {
  const { row } = await subscriberInReach(db, input.id, input.actor);
  return db
    .selectFrom('outbox_messages as o')
    .select([
      'o.id',
      'o.template_kind',
      'o.status',
      'o.attempts',
      'o.last_error',
      'o.error_kind',
      'o.created_at',
      'o.sent_at',
      'o.delivered_at',
      'o.next_attempt_at',
    ])
    .where('o.channel', '=', 'webhook')
    .where('o.subject_type', '=', 'webhook_subscriber')
    .where('o.subject_id', '=', row.id);
}

type DeliveryRow = Awaited<
  ReturnType<Awaited<ReturnType<typeof subscriberDeliveries>>['execute']>
>[number];

function present(r: DeliveryRow) {
  return {
    id: r.id,
    event: r.template_kind,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    errorKind: r.error_kind,
    createdAt: String(r.created_at),
    sentAt: r.sent_at === null ? null : String(r.sent_at),
    deliveredAt: r.delivered_at === null ? null : String(r.delivered_at),
    nextAttemptAt: String(r.next_attempt_at),
  };
}

/** The delivery log: this subscriber's messages, newest first. */
export async function listDeliveries(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; limit?: number },
) {
  const rows = await (
    await subscriberDeliveries(db, input)
  )
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id')
    .limit(input.limit ?? 100)
    .execute();
  return rows.map(present);
}

export const DELIVERY_ORDER: KeysetOrder = {
  list: 'webhook-deliveries',
  key: 'o.created_at',
  keyKind: 'timestamp',
  id: 'o.id',
  direction: 'desc',
};

export async function pageDeliveries(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; limit: number; after?: string | undefined },
) {
  const after = cursorAfter(DELIVERY_ORDER, input.after);
  const q = await subscriberDeliveries(db, input);
  const rows = await keysetQuery(q, DELIVERY_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, DELIVERY_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('o.id'));
  return { items: shown.map(present), nextCursor, total, totalExact };
}
