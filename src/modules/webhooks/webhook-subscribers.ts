/**
 * X-9 (issue #15 point 6): webhook subscribers. An administrator registers an integrator's URL for
 * one town and the events it wants; the signing secret is answered once and stored encrypted (the
 * sender needs it to sign). Revoking is final. Deliveries are outbox messages of channel `webhook`
 * (retries with backoff, states, the delivery log); the test button queues a `webhook.test`.
 * Creating and revoking are audited.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { parseJsonColumn } from '../../db/json-column.ts';
import type { Database, WebhookSubscriberTable } from '../../db/schema.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import { scopePrefix } from '../../shared/region-code.ts';
import type { Role } from '../../shared/roles.ts';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueMessage } from '../notifications/outbox.ts';
import './webhooks.problems.ts';
import { isWebhookEvent, type WebhookEvent } from './webhooks.events.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export const WEBHOOK_MANAGERS = ['admin'] as const satisfies readonly Role[];

const EventList = z.array(z.string());

/** https, or http to localhost outside production. */
export function acceptableUrl(url: string, production: boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:') return true;
  return (
    !production &&
    u.protocol === 'http:' &&
    (u.hostname === 'localhost' || u.hostname === '127.0.0.1')
  );
}

async function town(db: Kysely<Database>, code: string) {
  const t = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', '=', code)
    .where('level', '=', 'town')
    .executeTakeFirst();
  if (!t) throw new AppError('WEBHOOK_REGION_NOT_TOWN');
  return t;
}

function view(row: WebhookSubscriberTable) {
  return {
    id: row.id,
    name: row.name,
    regionCode: row.region_code,
    url: row.url,
    events: parseJsonColumn(EventList, row.events, 'webhook_subscribers.events'),
    secretHint: row.secret_hint,
    createdAt: String(row.created_at),
    revokedAt: row.revoked_at === null ? null : String(row.revoked_at),
  };
}
export type WebhookSubscriberView = ReturnType<typeof view>;

export async function createSubscriber(
  db: Kysely<Database>,
  input: {
    body: { name: string; regionCode: string; url: string; events: WebhookEvent[] };
    actor: Actor;
    pii: PiiCipher;
    production: boolean;
    requestId: string;
    now: Date;
  },
) {
  const { body, actor, now } = input;
  if (!acceptableUrl(body.url, input.production)) throw new AppError('WEBHOOK_URL_INVALID');
  const t = await town(db, body.regionCode);
  const grant = authorize(actor, WEBHOOK_MANAGERS, t.code);
  const id = crypto.randomUUID();
  const secret = `whsec_${crypto.randomBytes(32).toString('base64url')}`;
  const hint = secret.slice(0, 10);
  const events = [...new Set(body.events)];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_subscribers')
      .values({
        id,
        name: body.name,
        region_code: t.code,
        url: body.url,
        events: JSON.stringify(events),
        secret_cipher: input.pii.encrypt(secret),
        secret_hint: hint,
        created_by: actor.accountId,
        created_at: now.toISOString(),
        revoked_by: null,
        revoked_at: null,
      })
      .execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'webhook.created',
      entityType: 'webhook_subscriber',
      entityId: id,
      regionCode: t.code,
      after: { name: body.name, url: body.url, events, hint },
      requestId: input.requestId,
      now,
    });
  });
  const row = await db
    .selectFrom('webhook_subscribers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...view(row), secret };
}

export async function subscriberInReach(db: Kysely<Database>, id: string, actor: Actor) {
  const row = await db
    .selectFrom('webhook_subscribers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('WEBHOOK_NOT_FOUND');
  const grant = authorize(actor, WEBHOOK_MANAGERS, row.region_code);
  return { row, grant };
}

export async function listSubscribers(db: Kysely<Database>, input: { actor: Actor }) {
  const prefixes = input.actor.grants
    .filter((g) => (WEBHOOK_MANAGERS as readonly Role[]).includes(g.role))
    .map((g) => g.reachPrefix);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  const rows = await db
    .selectFrom('webhook_subscribers')
    .selectAll()
    .where(underAnyPrefix('region_code', prefixes))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(view);
}

export async function revokeSubscriber(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; requestId: string; now: Date },
) {
  const { row, grant } = await subscriberInReach(db, input.id, input.actor);
  if (row.revoked_at === null)
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('webhook_subscribers')
        .set({ revoked_at: input.now.toISOString(), revoked_by: input.actor.accountId })
        .where('id', '=', row.id)
        .where('revoked_at', 'is', null)
        .execute();
      await recordAudit(trx, {
        actor: auditActor(input.actor, grant),
        action: 'webhook.revoked',
        entityType: 'webhook_subscriber',
        entityId: row.id,
        regionCode: row.region_code,
        after: { revoked: true },
        requestId: input.requestId,
        now: input.now,
      });
    });
  const after = await db
    .selectFrom('webhook_subscribers')
    .selectAll()
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  return view(after);
}

/** The payload every delivery carries (the body that is signed). */
export function webhookBody(e: {
  id: string;
  event: string;
  occurredAt: string;
  data: Record<string, unknown>;
}) {
  return { id: e.id, event: e.event, occurredAt: e.occurredAt, data: e.data };
}

/**
 * Queues one event for every active subscriber of its town that chose it — inside the business
 * transaction that caused it. The dedupe key (subscriber + event id) queues each delivery once.
 */
export async function emitWebhookEvent(
  trx: Transaction<Database> | Kysely<Database>,
  pii: PiiCipher,
  e: {
    event: WebhookEvent;
    eventId: string;
    regionCode: string;
    data: Record<string, unknown>;
    now: Date;
    /** Only this subscriber (the test button). */
    subscriberId?: string;
  },
): Promise<string[]> {
  let q = trx
    .selectFrom('webhook_subscribers')
    .select(['id', 'region_code', 'events'])
    .where('revoked_at', 'is', null);
  q = e.subscriberId ? q.where('id', '=', e.subscriberId) : q;
  const subs = await q.execute();
  const ids: string[] = [];
  const run = async (t: Transaction<Database>) => {
    for (const s of subs) {
      if (!e.regionCode.startsWith(scopePrefix(s.region_code, 'town'))) continue;
      const chosen = parseJsonColumn(EventList, s.events, 'webhook_subscribers.events');
      if (e.event !== 'webhook.test' && !chosen.includes(e.event)) continue;
      ids.push(
        await enqueueMessage(t, pii, {
          channel: 'webhook',
          to: s.id,
          template: e.event,
          params: webhookBody({
            id: e.eventId,
            event: e.event,
            occurredAt: e.now.toISOString(),
            data: e.data,
          }),
          now: e.now,
          dedupeKey: `hook:${s.id}:${e.eventId}`,
          subject: { type: 'webhook_subscriber', id: s.id },
          regionCode: e.regionCode,
        }),
      );
    }
  };
  if ('isTransaction' in trx && trx.isTransaction) await run(trx as Transaction<Database>);
  else await trx.transaction().execute(run);
  return ids;
}

/** The test button: a `webhook.test` delivery to this subscriber now. */
export async function testSubscriber(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; pii: PiiCipher; now: Date },
) {
  const { row } = await subscriberInReach(db, input.id, input.actor);
  if (row.revoked_at !== null) throw new AppError('WEBHOOK_REVOKED');
  const [messageId] = await emitWebhookEvent(db, input.pii, {
    event: 'webhook.test',
    eventId: crypto.randomUUID(),
    regionCode: row.region_code,
    data: { subscriber: row.name },
    now: input.now,
    subscriberId: row.id,
  });
  return { messageId: messageId! };
}

export { isWebhookEvent };
