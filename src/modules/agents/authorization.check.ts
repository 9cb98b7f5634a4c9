/** The gates for agents (GS-6): a valid authorization, or a refusal with its reason. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { chinaDate } from '../../shared/china-time.ts';
import {
  checkAuthorizations,
  residentAccessVerdict,
  type AuthorizationFacts,
} from './authorization.rules.ts';
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';

/** authorizations.item_codes: the catalog codes an agent may act for ([] when all items). */
export const parseItemCodes = (value: string) =>
  parseJsonColumn(z.array(z.string()), value, 'authorizations.item_codes');

async function authorizationFacts(
  db: Kysely<Database>,
  agentAccountId: string,
  residentId: string,
): Promise<AuthorizationFacts[]> {
  const rows = await db
    .selectFrom('authorizations')
    .select(['all_items', 'item_codes', 'expires_on', 'revoked_at'])
    .where('agent_account_id', '=', agentAccountId)
    .where('resident_id', '=', residentId)
    .execute();
  return rows.map((r) => ({
    allItems: r.all_items === 1,
    itemCodes: parseItemCodes(r.item_codes),
    expiresOn: r.expires_on,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Throws AUTHORIZATION_MISSING / _EXPIRED / _OUT_OF_SCOPE unless the resident has authorized this
 * agent for the item, not revoked and not expired at `now`. Reads only; call it before writing.
 */
export async function assertAgentAuthorized(
  db: Kysely<Database>,
  input: { agentAccountId: string; residentId: string; itemCode: string; now: Date },
): Promise<void> {
  const facts = await authorizationFacts(db, input.agentAccountId, input.residentId);
  const verdict = checkAuthorizations(facts, input.itemCode, chinaDate(input.now));
  if (!verdict.ok) throw new AppError(verdict.code);
}

/**
 * Throws AUTHORIZATION_MISSING / _EXPIRED unless the resident has a live authorization of this
 * agent (any items): the gate for an agent seeing, revealing or naming a resident.
 */
export async function assertAgentMaySeeResident(
  db: Kysely<Database>,
  input: { agentAccountId: string; residentId: string; now: Date },
): Promise<void> {
  const facts = await authorizationFacts(db, input.agentAccountId, input.residentId);
  const verdict = residentAccessVerdict(facts, chinaDate(input.now));
  if (!verdict.ok) throw new AppError(verdict.code);
}

/** The ids of residents with a live authorization of this agent, as a sub-query for list filters. */
export function liveAuthorizedResidentIds(
  db: Kysely<Database>,
  input: { agentAccountId: string; now: Date },
) {
  return db
    .selectFrom('authorizations as za')
    .select('za.resident_id')
    .where('za.agent_account_id', '=', input.agentAccountId)
    .where('za.revoked_at', 'is', null)
    .where('za.expires_on', '>=', chinaDate(input.now));
}
