/** The intake gate for agents (GS-6): a valid authorization, or a refusal with its reason. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../server/problem.ts';
import { chinaDate } from '../calendar/working-days.ts';
import { checkAuthorizations } from './authorization.rules.ts';

/**
 * Throws AUTHORIZATION_MISSING / _EXPIRED / _OUT_OF_SCOPE unless the resident has authorized this
 * agent for the item, not revoked and not expired at `now`. Reads only; call it before writing.
 */
export async function assertAgentAuthorized(
  db: Kysely<Database>,
  input: { agentAccountId: string; residentId: string; itemCode: string; now: Date },
): Promise<void> {
  const rows = await db
    .selectFrom('authorizations')
    .select(['all_items', 'item_codes', 'expires_on', 'revoked_at'])
    .where('agent_account_id', '=', input.agentAccountId)
    .where('resident_id', '=', input.residentId)
    .execute();
  const verdict = checkAuthorizations(
    rows.map((r) => ({
      allItems: r.all_items === 1,
      itemCodes: JSON.parse(r.item_codes) as string[],
      expiresOn: r.expires_on,
      revokedAt: r.revoked_at,
    })),
    input.itemCode,
    chinaDate(input.now),
  );
  if (!verdict.ok) throw new AppError(verdict.code);
}
