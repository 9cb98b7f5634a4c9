import crypto from 'node:crypto';
import { databaseFault } from '../shared/db-errors.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { IdempotencyKeyTable } from '../db/schema.ts';
import type { PiiCipher } from '../shared/pii-crypto.ts';
import { currentIdempotencyScope, runInIdempotencyScope } from '../shared/idempotency-commit.ts';
import { AppError } from '../shared/problem.ts';
import { replayCommitted, type IdempotentRoute } from './idempotency-replay.ts';

const POLL_MS = 20;
const WAIT_MS = 10_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

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

/** Keyed (HMAC) hash of a request: bodies hold ID numbers and passwords, never hashed bare. */
export function idempotencyBodyHash(
  pii: Pick<PiiCipher, 'lookupHash'>,
  method: string,
  url: string,
  body: unknown,
): string {
  return pii.lookupHash(`idempotency\n${method} ${url}\n${stableJson(body)}`);
}

/** Every POST route of an app and whether it honours Idempotency-Key (read by tests). */
const declared = new WeakMap<FastifyInstance, IdempotentRoute[]>();

export function idempotencyDeclarations(app: FastifyInstance): readonly IdempotentRoute[] {
  return declared.get(app) ?? [];
}

/**
 * Idempotency-Key on creating POSTs (X-9), crash-safe (issue #10 point 14).
 *
 * 1. preHandler: the key is claimed with an insert only one request can win (primary key per
 *    account), carrying a random claim id; others with the same body wait for the answer.
 * 2. The business transaction marks the key `committed` with what it created, in that same
 *    transaction (recordAudit → markIdempotentCommit): rows and "key used" are one commit.
 * 3. onSend stores the answer (`done`); a 5xx releases only a key that never committed.
 *
 * A retry that finds `committed` without an answer (the node died between commit and answer) is
 * never given the key again: it gets the created resource (replayed through its GET, or a 409
 * naming it). Only a `pending` key — nothing committed — is released after the stale window.
 * Body hashes are keyed (HMAC): bodies hold ID numbers and passwords. Routes whose answer is a
 * secret (`idempotent: 'secret-answer'`, e.g. a Bearer token) do not store it: a repeat is a 409.
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotency', null);
  const routes: IdempotentRoute[] = [];
  declared.set(app, routes);
  const staleMs = () => app.deps.config.idempotencyStaleSeconds * 1000;

  const getSchemas = new Map<string, unknown>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const responses = (route.schema?.response ?? {}) as Record<string, unknown>;
    if (methods.includes('GET')) getSchemas.set(route.url, responses['200']);
    if (!methods.includes('POST')) return;
    const success = Object.keys(responses).find((s) => /^2\d\d$/.test(s));
    routes.push({
      url: route.url,
      idempotent: route.config?.idempotent ?? false,
      successStatus: success ? Number(success) : 200,
      successSchema: success ? responses[success] : undefined,
    });
  });

  // The scope the business transaction marks the key in; entered after the body is parsed, so
  // the handler and every service it calls run inside it.
  app.addHook('preValidation', (request, _reply, done) => {
    if (!request.routeOptions.config.idempotent || !request.headers['idempotency-key'])
      return done();
    runInIdempotencyScope(done);
  });

  app.addHook('preHandler', async (request, reply) => {
    const mode = request.routeOptions.config.idempotent;
    if (!mode) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key))
      throw new AppError('IDEMPOTENCY_KEY_INVALID');
    const accountId = request.actor?.accountId ?? 'anonymous';
    const path = request.routeOptions.url ?? request.url;
    const hash = idempotencyBodyHash(app.deps.pii, request.method, request.url, request.body);
    const db = app.kysely;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const claimId = crypto.randomUUID();
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
          claim_id: claimId,
          resource_type: null,
          resource_id: null,
        })
        .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 1) {
        const claim = { accountId, key, claimId };
        request.idempotency = claim;
        const scope = currentIdempotencyScope();
        if (scope) scope.claim = claim;
        else request.log.warn('idempotency scope missing: the key is not marked on commit');
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
      if (row.state === 'done' && row.status_code !== null && mode !== 'secret-answer') {
        return replayStored(reply, row.status_code, row.response_body);
      }
      if (row.state === 'done' || row.state === 'committed') {
        return replayCommitted(app, request, reply, row, {
          secret: mode === 'secret-answer',
          route: routes.find((r) => r.url === path),
          getSchema: (url) => getSchemas.get(url),
        });
      }
      if (Date.parse(row.created_at) < app.deps.now().getTime() - staleMs()) {
        // Its first request died before committing anything: release the key; one claimant wins.
        await releasePending(app, row);
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
    const mine = app.kysely
      .updateTable('idempotency_keys')
      .where('account_id', '=', claim.accountId)
      .where('key', '=', claim.key)
      .where('claim_id', '=', claim.claimId);
    const fault = app.deps.config.fault;
    if (fault && currentIdempotencyScope()?.committed) {
      // Test-only (refused in production): the node "dies" (or dawdles) after commit, before the answer.
      if (fault === 'after-commit')
        throw new Error('fault injected: after commit, before the answer');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      if (reply.statusCode >= 500) {
        // Nothing committed: the client may retry at once. Committed: the key stays spent.
        await app.kysely
          .deleteFrom('idempotency_keys')
          .where('account_id', '=', claim.accountId)
          .where('key', '=', claim.key)
          .where('claim_id', '=', claim.claimId)
          .where('state', '=', 'pending')
          .execute();
        return payload;
      }
      const secret = request.routeOptions.config.idempotent === 'secret-answer';
      await mine
        .set({
          state: 'done',
          status_code: reply.statusCode,
          response_body: secret
            ? null
            : typeof payload === 'string'
              ? payload
              : JSON.stringify(payload ?? null),
          completed_at: app.deps.now().toISOString(),
        })
        .execute();
    } catch (err) {
      // Issue #16: the database went away after the answer was decided (a failover). The answer
      // stands — a 503 stays the 503 the client can retry on; a success did commit (the key is
      // `committed` with it, so a retry is replayed, never applied twice) — rather than a raw
      // driver error replacing it. A pending key left behind is released after the stale window.
      if (!databaseFault(err)) throw err;
      request.log.warn(
        { dbFault: databaseFault(err)?.reason, status: reply.statusCode },
        'idempotency key not updated: database unavailable',
      );
    }
    return payload;
  });
}

function replayStored(reply: FastifyReply, status: number, body: string | null) {
  return reply
    .status(status)
    .header('idempotent-replayed', 'true')
    .type(status >= 400 ? 'application/problem+json' : 'application/json')
    .send(body ?? '');
}

async function releasePending(app: FastifyInstance, row: IdempotencyKeyTable): Promise<void> {
  let release = app.kysely
    .deleteFrom('idempotency_keys')
    .where('account_id', '=', row.account_id)
    .where('key', '=', row.key)
    .where('state', '=', 'pending');
  release =
    row.claim_id === null
      ? release.where('created_at', '=', row.created_at)
      : release.where('claim_id', '=', row.claim_id);
  await release.execute();
}
