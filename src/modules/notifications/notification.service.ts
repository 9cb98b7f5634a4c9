/**
 * The notifications outbox: rows written inside the business transaction, read by their
 * owner. Delivery (SMS, WeChat, e-mail) comes later and never blocks the transaction.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, NotificationTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import type { NotificationKind, NotificationParamsByKind } from './kinds.ts';
import { parseNotificationParams } from './params-json.ts';
import { renderNotification, type Lang } from './render.ts';

export type { NotificationKind } from './kinds.ts';

/** Issue #11: stores a kind and its parameters; each reader sees it in their own language. */
export async function notify<K extends NotificationKind>(
  trx: Transaction<Database>,
  n: {
    accountId: string;
    kind: K;
    params: NotificationParamsByKind[K];
    entityType: string;
    entityId: string;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({
      id: crypto.randomUUID(),
      account_id: n.accountId,
      kind: n.kind,
      params: JSON.stringify(n.params),
      entity_type: n.entityType,
      entity_id: n.entityId,
      created_at: n.now.toISOString(),
      read_at: null,
    })
    .execute();
}

function present(n: NotificationTable, lang: Lang) {
  const params = parseNotificationParams(n.params, 'notifications.params');
  return {
    id: n.id,
    kind: n.kind,
    params,
    text: renderNotification(n.kind, params, lang),
    entityType: n.entity_type,
    entityId: n.entity_id,
    createdAt: n.created_at,
    readAt: n.read_at,
  };
}

export interface NotificationFilter {
  actor: Actor;
  unread?: boolean | undefined;
}

/** The caller's own notifications a filter selects (unordered, unpaged). */
function filteredNotifications(db: Kysely<Database>, input: NotificationFilter) {
  let q = db
    .selectFrom('notifications')
    .selectAll()
    .where('account_id', '=', input.actor.accountId);
  if (input.unread) q = q.where('read_at', 'is', null);
  return q;
}

/** The caller's own notifications, newest first. */
export async function listNotifications(
  db: Kysely<Database>,
  input: NotificationFilter & { limit: number; offset: number; lang: Lang },
) {
  const rows = await filteredNotifications(db, input)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map((r) => present(r, input.lang));
}

/** Issue #16 p5: the same list, newest first, by keyset (shared/keyset.ts). */
export const NOTIFICATION_ORDER: KeysetOrder = {
  list: 'notifications',
  key: 'created_at',
  keyKind: 'timestamp',
  id: 'id',
  direction: 'desc',
};

export async function pageNotifications(
  db: Kysely<Database>,
  input: NotificationFilter & { limit: number; after?: string | undefined; lang: Lang },
) {
  const after = cursorAfter(NOTIFICATION_ORDER, input.after);
  const q = filteredNotifications(db, input);
  const rows = await keysetQuery(q, NOTIFICATION_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, NOTIFICATION_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('id'));
  return { items: shown.map((r) => present(r, input.lang)), nextCursor, total, totalExact };
}

/** Marks one of the caller's own notifications read (once; reading again changes nothing). */
export async function markNotificationRead(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; requestId: string; now: Date; lang: Lang },
) {
  const find = () =>
    db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', input.id)
      .where('account_id', '=', input.actor.accountId)
      .executeTakeFirst();
  const row = await find();
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND');
  if (row.read_at) return present(row, input.lang);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('notifications')
      .set({ read_at: input.now.toISOString() })
      .where('id', '=', row.id)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return; // read meanwhile by another tab
    await recordAudit(trx, {
      actor: auditActor(input.actor),
      action: 'notification.read',
      entityType: 'notification',
      entityId: row.id,
      after: { readAt: input.now.toISOString() },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return present((await find())!, input.lang);
}
