import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from './problem.ts';

const POLL_MS = 20;
const WAIT_MS = 10_000;
/** A pending claim older than this belongs to a request that died; the key is released. */
const STALE_MS = 2 * 60_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

function bodyHash(method: string, path: string, body: unknown): string {
  return crypto
    .createHash('sha256')
    .update(`${method} ${path}\n${stableJson(body)}`)
    .digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Idempotency-Key on creating POSTs (X-9). The key is claimed with an insert that only one request
 * can win (primary key per account); the winner runs the handler and stores its response; others
 * with the same body wait for and replay it; a different body under the same key is a 422.
 * Responses of 5xx release the key so the client may retry.
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key))
      throw new AppError('IDEMPOTENCY_KEY_INVALID');
    const accountId = request.actor?.accountId ?? 'anonymous';
    const path = request.routeOptions.url ?? request.url;
    const hash = bodyHash(request.method, request.url, request.body);
    const db = app.kysely;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const claimed = await db
        .insertInto('idempotency_keys')
        .values({
          account_id: accountId,
          key,
          method: request.method,
          path,
          body_hash: hash,
          state: 'pending',
          status_code: null,
          response_body: null,
          created_at: app.deps.now().toISOString(),
          completed_at: null,
        })
        .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 1) {
        request.idempotency = { accountId, key };
        return;
      }
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) continue; // released after a 5xx: claim it again
      if (row.body_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      if (row.state === 'done' && row.status_code !== null) {
        return reply
          .status(row.status_code)
          .header('idempotent-replayed', 'true')
          .type(row.status_code >= 400 ? 'application/problem+json' : 'application/json')
          .send(row.response_body ?? '');
      }
      if (Date.parse(row.created_at) < app.deps.now().getTime() - STALE_MS) {
        // Its first request died mid-way (a crashed node): release the key; one claimant wins it.
        await db
          .deleteFrom('idempotency_keys')
          .where('account_id', '=', accountId)
          .where('key', '=', key)
          .where('state', '=', 'pending')
          .where('created_at', '=', row.created_at)
          .execute();
        continue;
      }
      if (Date.now() > deadline) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    const where = app.kysely
      .updateTable('idempotency_keys')
      .where('account_id', '=', claim.accountId)
      .where('key', '=', claim.key);
    if (reply.statusCode >= 500) {
      await app.kysely
        .deleteFrom('idempotency_keys')
        .where('account_id', '=', claim.accountId)
        .where('key', '=', claim.key)
        .execute();
    } else {
      await where
        .set({
          state: 'done',
          status_code: reply.statusCode,
          response_body: typeof payload === 'string' ? payload : JSON.stringify(payload ?? null),
          completed_at: app.deps.now().toISOString(),
        })
        .execute();
    }
    return payload;
  });
}
