/**
 * Open311 API keys (issue #15 point 7, X-9): an administrator issues one to an integrator (a 12345
 * hotline, 首都之窗, a FixMyStreet install) for one town — Open311's jurisdiction — naming the staff
 * account whose station grant records what the key files (that account becomes the inquiries' first
 * responder and the needs' recorder). The key is shown once and stored as sha256; revoking is
 * final. Issuing and revoking are audited.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Open311ApiKeyTable } from '../../db/schema.ts';
import { auditActor, authorize, type Actor, type Grant } from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { scopePrefix } from '../../shared/region-code.ts';
import type { Role } from '../../shared/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadGrants } from '../auth/session.service.ts';
import { HANDLER_ROLES } from '../first-response/matter.ts';
import { RECORDER_ROLES } from '../orders/orders.common.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

/** Who manages Open311 keys. */
export const OPEN311_KEY_MANAGERS = ['admin'] as const satisfies readonly Role[];

/** Roles that both record inquiries and order on a resident's behalf, not bound to a party. */
export const OPEN311_ACTING_ROLES = HANDLER_ROLES.filter(
  (r): r is 'clerk' | 'town_officer' =>
    (RECORDER_ROLES as readonly Role[]).includes(r) && r !== 'agent',
);

export function keyHash(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

/** The town a jurisdiction_id names; OPEN311_JURISDICTION_NOT_FOUND unless a known town. */
export async function jurisdictionTown(db: Kysely<Database>, code: string) {
  const town = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', '=', code)
    .where('level', '=', 'town')
    .executeTakeFirst();
  if (!town) throw new AppError('OPEN311_JURISDICTION_NOT_FOUND');
  return town;
}

/** The acting account's grants inside the town, the station one first; [] when it may not act. */
export function actingGrants(grants: Grant[], town: string): Grant[] {
  const prefix = scopePrefix(town, 'town');
  return grants.filter(
    (g) =>
      g.stationId !== null &&
      g.regionCode.startsWith(prefix) &&
      (OPEN311_ACTING_ROLES as readonly Role[]).includes(g.role),
  );
}

function keyView(
  row: Open311ApiKeyTable & { acting_name: string | null; town_name: string | null },
) {
  return {
    id: row.id,
    name: row.name,
    jurisdictionId: row.jurisdiction_code,
    jurisdictionName: row.town_name,
    keyHint: row.key_hint,
    actingAccount: { id: row.acting_account_id, displayName: row.acting_name ?? '' },
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export type Open311KeyView = ReturnType<typeof keyView>;

function keysQuery(db: Kysely<Database>) {
  return db
    .selectFrom('open311_api_keys as k')
    .leftJoin('accounts as a', 'a.id', 'k.acting_account_id')
    .leftJoin('regions as r', 'r.code', 'k.jurisdiction_code')
    .selectAll('k')
    .select(['a.display_name as acting_name', 'r.name as town_name']);
}

export async function issueKey(
  db: Kysely<Database>,
  input: {
    body: { name: string; jurisdictionId: string; actingAccountId: string };
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { body, actor, now } = input;
  const town = await jurisdictionTown(db, body.jurisdictionId);
  const grant = authorize(actor, OPEN311_KEY_MANAGERS, town.code);
  const acting = await db
    .selectFrom('accounts')
    .select(['id', 'status', 'resident_id'])
    .where('id', '=', body.actingAccountId)
    .executeTakeFirst();
  if (
    !acting ||
    acting.status !== 'active' ||
    acting.resident_id !== null ||
    actingGrants(await loadGrants(db, acting.id), town.code).length === 0
  )
    throw new AppError('OPEN311_ACTING_ACCOUNT_INVALID');

  const id = crypto.randomUUID();
  const key = `o311_${crypto.randomBytes(32).toString('base64url')}`;
  const hint = key.slice(0, 9);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('open311_api_keys')
      .values({
        id,
        name: body.name,
        jurisdiction_code: town.code,
        key_hash: keyHash(key),
        key_hint: hint,
        acting_account_id: acting.id,
        created_by: actor.accountId,
        created_at: now.toISOString(),
        revoked_by: null,
        revoked_at: null,
        last_used_at: null,
      })
      .execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'open311_key.issued',
      entityType: 'open311_key',
      entityId: id,
      regionCode: town.code,
      after: { name: body.name, jurisdiction: town.code, actingAccountId: acting.id, hint },
      requestId: input.requestId,
      now,
    });
  });
  const row = await keysQuery(db).where('k.id', '=', id).executeTakeFirstOrThrow();
  return { ...keyView(row), key };
}

/** The keys of the towns in the caller's reach, newest first. */
export async function listKeys(db: Kysely<Database>, input: { actor: Actor }) {
  const prefixes = input.actor.grants
    .filter((g) => (OPEN311_KEY_MANAGERS as readonly Role[]).includes(g.role))
    .map((g) => g.reachPrefix);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  const rows = await keysQuery(db)
    .where(underAnyPrefix('k.jurisdiction_code', prefixes))
    .orderBy('k.created_at', 'desc')
    .execute();
  return rows.map(keyView);
}

export async function revokeKey(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; requestId: string; now: Date },
) {
  const row = await db
    .selectFrom('open311_api_keys')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!row) throw new AppError('OPEN311_KEY_NOT_FOUND');
  const grant = authorize(input.actor, OPEN311_KEY_MANAGERS, row.jurisdiction_code);
  if (row.revoked_at) throw new AppError('OPEN311_KEY_REVOKED');
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('open311_api_keys')
      .set({ revoked_at: nowIso, revoked_by: input.actor.accountId })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('OPEN311_KEY_REVOKED');
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'open311_key.revoked',
      entityType: 'open311_key',
      entityId: row.id,
      regionCode: row.jurisdiction_code,
      before: { revokedAt: null },
      after: { revokedAt: nowIso },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return keyView({
    ...(await keysQuery(db).where('k.id', '=', row.id).executeTakeFirstOrThrow()),
  });
}

/**
 * The live key a client sent and the actor it files as: the acting account with only its grants
 * at the key's town's stations. OPEN311_API_KEY_INVALID when missing, unknown, revoked, or its
 * account can no longer act there.
 */
export async function keyActor(db: Kysely<Database>, apiKey: string | undefined) {
  if (!apiKey) throw new AppError('OPEN311_API_KEY_INVALID');
  const key = await db
    .selectFrom('open311_api_keys as k')
    .innerJoin('accounts as a', 'a.id', 'k.acting_account_id')
    .select([
      'k.id',
      'k.name',
      'k.jurisdiction_code',
      'k.revoked_at',
      'a.id as account_id',
      'a.username',
      'a.display_name',
      'a.status',
    ])
    .where('k.key_hash', '=', keyHash(apiKey))
    .executeTakeFirst();
  if (!key || key.revoked_at || key.status !== 'active')
    throw new AppError('OPEN311_API_KEY_INVALID');
  const grants = actingGrants(await loadGrants(db, key.account_id), key.jurisdiction_code);
  if (grants.length === 0) throw new AppError('OPEN311_API_KEY_INVALID');
  const actor: Actor = {
    accountId: key.account_id,
    username: key.username,
    displayName: key.display_name,
    residentId: null,
    grants,
  };
  return { keyId: key.id, keyName: key.name, jurisdiction: key.jurisdiction_code, actor };
}
