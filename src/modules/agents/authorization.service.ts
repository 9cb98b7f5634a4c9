/**
 * 帮办代办 authorizations (GS-6): a resident authorizes an agent for listed items or all items,
 * until a date, with how consent was given; recorded by station staff or the agent; revocable.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AuthorizationTable, Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  auditActor,
  authorize,
  reachPrefixes,
  type Actor,
  type Grant,
} from '../../shared/actor.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import { loadGrants } from '../auth/session.service.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { authorizationStatus, isAgentOnly } from './authorization.rules.ts';
import type { NewAuthorization } from './authorization.schema.ts';
import { parseItemCodes } from './authorization.check.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

const STAFF_RECORDERS = ['clerk', 'town_officer'] as const;

/** The grant a write is made under: station staff in reach, or the agent acting for themselves. */
export function writerGrant(actor: Actor, regionCode: string, agentAccountId: string): Grant {
  const staff = actor.grants.find(
    (g) =>
      (STAFF_RECORDERS as readonly string[]).includes(g.role) &&
      regionCode.startsWith(g.reachPrefix),
  );
  if (staff) return staff;
  if (agentAccountId === actor.accountId) return authorize(actor, ['agent'], regionCode);
  authorize(actor, [...STAFF_RECORDERS, 'agent'], regionCode); // FORBIDDEN or OUT_OF_SCOPE
  throw new AppError('OUT_OF_SCOPE'); // an agent acting for another agent
}

function authorizationQuery(db: Kysely<Database>) {
  return db
    .selectFrom('authorizations as z')
    .innerJoin('residents as p', 'p.id', 'z.resident_id')
    .innerJoin('accounts as ag', 'ag.id', 'z.agent_account_id')
    .innerJoin('accounts as rb', 'rb.id', 'z.recorded_by')
    .leftJoin('authorization_scans as sc', (j) =>
      j.onRef('sc.id', '=', 'z.consent_attachment_id').onRef('sc.authorization_id', '=', 'z.id'),
    )
    .selectAll('z')
    .select([
      'p.full_name as resident_name',
      'p.id_masked as resident_id_masked',
      'ag.display_name as agent_name',
      'rb.display_name as recorder_name',
      'sc.id as scan_id',
    ]);
}

type Row = AuthorizationTable & {
  resident_name: string;
  resident_id_masked: string;
  agent_name: string;
  recorder_name: string;
  scan_id: string | null;
};

export function presentAuthorization(r: Row, now: Date) {
  return {
    id: r.id,
    resident: { id: r.resident_id, fullName: r.resident_name, idMasked: r.resident_id_masked },
    agent: { id: r.agent_account_id, displayName: r.agent_name },
    items: r.all_items === 1 ? ('all' as const) : parseItemCodes(r.item_codes),
    expiresOn: r.expires_on,
    consent: {
      method: r.consent_method,
      attachmentId: r.consent_attachment_id,
      callRecordRef: r.consent_call_ref,
      scanUrl: r.scan_id ? `/api/v1/authorizations/${r.id}/scan` : null,
    },
    status: authorizationStatus(
      { allItems: false, itemCodes: [], expiresOn: r.expires_on, revokedAt: r.revoked_at },
      chinaDate(now),
    ),
    recordedBy: { id: r.recorded_by, displayName: r.recorder_name },
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}

export async function viewOf(db: Kysely<Database>, id: string, now: Date) {
  const row = await authorizationQuery(db).where('z.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('AUTHORIZATION_NOT_FOUND');
  return presentAuthorization(row, now);
}

/** The named agent: an active account with an agent grant whose reach covers the resident. */
async function assertAgentAccount(db: Kysely<Database>, accountId: string, regionCode: string) {
  const account = await db
    .selectFrom('accounts')
    .select('status')
    .where('id', '=', accountId)
    .executeTakeFirst();
  const grants = account?.status === 'active' ? await loadGrants(db, accountId) : [];
  if (!grants.some((g) => g.role === 'agent' && regionCode.startsWith(g.reachPrefix)))
    throw new AppError('AUTHORIZATION_AGENT_INVALID');
}

async function assertItemsExist(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return;
  const found = await db
    .selectFrom('catalog_items')
    .select('code')
    .where('code', 'in', codes)
    .execute();
  const missing = codes.filter((c) => !found.some((f) => f.code === c));
  if (missing.length) throw new AppError('CATALOG_ITEM_NOT_FOUND', { detail: missing.join(', ') });
}

export async function recordAuthorization(
  db: Kysely<Database>,
  input: { body: z.infer<typeof NewAuthorization>; actor: Actor; requestId: string; now: Date },
) {
  const { body, actor, now } = input;
  const resident = await db
    .selectFrom('residents')
    .select(['id', 'home_region_code'])
    .where('id', '=', body.residentId)
    .executeTakeFirst();
  if (!resident) throw new AppError('RESIDENT_NOT_FOUND');
  const grant = writerGrant(actor, resident.home_region_code, body.agentAccountId);
  await assertAgentAccount(db, body.agentAccountId, resident.home_region_code);
  if (body.expiresOn < chinaDate(now)) throw new AppError('AUTHORIZATION_EXPIRY_PAST');
  const codes = body.items === 'all' ? [] : [...new Set(body.items)];
  await assertItemsExist(db, codes);
  const callRef = body.consent.method === 'phone' ? body.consent.callRecordRef : null;

  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('authorizations')
      .values({
        id,
        resident_id: resident.id,
        agent_account_id: body.agentAccountId,
        region_code: resident.home_region_code,
        all_items: body.items === 'all' ? 1 : 0,
        item_codes: JSON.stringify(codes),
        expires_on: body.expiresOn,
        consent_method: body.consent.method,
        consent_attachment_id:
          body.consent.method === 'signed_form' ? (body.consent.attachmentId ?? null) : null,
        consent_call_ref: callRef,
        recorded_by: actor.accountId,
        recorded_role: grant.role,
        created_at: now.toISOString(),
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
      })
      .execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'authorization.recorded',
      entityType: 'authorization',
      entityId: id,
      regionCode: resident.home_region_code,
      after: {
        residentId: resident.id,
        agentAccountId: body.agentAccountId,
        items: body.items === 'all' ? 'all' : codes,
        expiresOn: body.expiresOn,
        consentMethod: body.consent.method,
      },
      requestId: input.requestId,
      now,
    });
  });
  return viewOf(db, id, now);
}

export interface AuthorizationFilter {
  actor: Actor;
  residentId?: string | undefined;
  agentAccountId?: string | undefined;
  now: Date;
}

/**
 * Staff read those in their reach; an agent (and nobody else) only their own. The filtered rows,
 * unordered and unpaged (the offset and the keyset list both read them).
 */
export function filteredAuthorizations(db: Kysely<Database>, input: AuthorizationFilter) {
  const { actor } = input;
  let q = authorizationQuery(db);
  if (isAgentOnly(actor.grants)) {
    q = q.where('z.agent_account_id', '=', actor.accountId);
  } else {
    const prefixes = reachPrefixes(actor, STAFF_ROLES);
    if (prefixes.length === 0) throw new AppError('FORBIDDEN');
    q = q.where(underAnyPrefix('z.region_code', prefixes));
  }
  if (input.residentId) q = q.where('z.resident_id', '=', input.residentId);
  if (input.agentAccountId) q = q.where('z.agent_account_id', '=', input.agentAccountId);
  return q;
}

/** Newest first (created_at desc, id asc; the keyset list orders the same way). */
export async function listAuthorizations(
  db: Kysely<Database>,
  input: AuthorizationFilter & { limit: number; offset: number },
) {
  const rows = await filteredAuthorizations(db, input)
    .orderBy('z.created_at', 'desc')
    .orderBy('z.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map((r) => presentAuthorization(r, input.now));
}

export async function revokeAuthorization(
  db: Kysely<Database>,
  input: { id: string; reason: string; actor: Actor; requestId: string; now: Date },
) {
  const { actor, now } = input;
  const row = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!row) throw new AppError('AUTHORIZATION_NOT_FOUND');
  const grant = writerGrant(actor, row.region_code, row.agent_account_id);
  if (row.revoked_at) throw new AppError('AUTHORIZATION_REVOKED');
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('authorizations')
      .set({
        revoked_at: now.toISOString(),
        revoked_by: actor.accountId,
        revoke_reason: input.reason,
      })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('AUTHORIZATION_REVOKED');
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'authorization.revoked',
      entityType: 'authorization',
      entityId: row.id,
      regionCode: row.region_code,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), reason: input.reason },
      requestId: input.requestId,
      now,
    });
  });
  return viewOf(db, row.id, now);
}
