/**
 * 帮办代办 (GS-6) as pure rules: whether an authorization lets an agent file an item for a
 * resident on a given day, and which cases an agent may see. No I/O.
 */
import type { Grant } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';

export interface AuthorizationFacts {
  allItems: boolean;
  itemCodes: readonly string[];
  /** YYYY-MM-DD (China date), valid through that day. */
  expiresOn: string;
  revokedAt: string | null;
}

export type AuthorizationStatus = 'active' | 'expired' | 'revoked';

export type AuthorizationRefusal =
  'AUTHORIZATION_MISSING' | 'AUTHORIZATION_EXPIRED' | 'AUTHORIZATION_OUT_OF_SCOPE';

export function authorizationStatus(a: AuthorizationFacts, today: string): AuthorizationStatus {
  if (a.revokedAt !== null) return 'revoked';
  return today > a.expiresOn ? 'expired' : 'active';
}

export function coversItem(a: AuthorizationFacts, itemCode: string): boolean {
  return a.allItems || a.itemCodes.includes(itemCode);
}

/**
 * The verdict over all of a resident's authorizations of one agent: allowed when one is active and
 * covers the item; otherwise the most useful reason — one covering it has expired, one is active
 * but for other items, or there is none (revoked ones count as none).
 */
export function checkAuthorizations(
  auths: readonly AuthorizationFacts[],
  itemCode: string,
  today: string,
): { ok: true } | { ok: false; code: AuthorizationRefusal } {
  const live = auths.filter((a) => authorizationStatus(a, today) !== 'revoked');
  const status = (a: AuthorizationFacts) => authorizationStatus(a, today);
  if (live.some((a) => status(a) === 'active' && coversItem(a, itemCode))) return { ok: true };
  if (live.some((a) => status(a) === 'expired' && coversItem(a, itemCode)))
    return { ok: false, code: 'AUTHORIZATION_EXPIRED' };
  if (live.some((a) => status(a) === 'active'))
    return { ok: false, code: 'AUTHORIZATION_OUT_OF_SCOPE' };
  return { ok: false, code: 'AUTHORIZATION_MISSING' };
}

/**
 * Whether an agent may see a resident at all (list, view, reveal): one authorization of any items,
 * neither revoked nor expired. Otherwise EXPIRED when one has lapsed, else MISSING.
 */
export function residentAccessVerdict(
  auths: readonly AuthorizationFacts[],
  today: string,
): { ok: true } | { ok: false; code: 'AUTHORIZATION_MISSING' | 'AUTHORIZATION_EXPIRED' } {
  const statuses = auths.map((a) => authorizationStatus(a, today));
  if (statuses.includes('active')) return { ok: true };
  if (statuses.includes('expired')) return { ok: false, code: 'AUTHORIZATION_EXPIRED' };
  return { ok: false, code: 'AUTHORIZATION_MISSING' };
}

/** The roles that see cases at all (the case routes' staff). */
const CASE_ROLES: readonly Role[] = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
];

/** A caller whose only case-relevant grants are 'agent' sees only the cases they filed as agent. */
export function isAgentOnly(grants: readonly Grant[]): boolean {
  const caseGrants = grants.filter((g) => CASE_ROLES.includes(g.role));
  return caseGrants.length > 0 && caseGrants.every((g) => g.role === 'agent');
}

/** Whether the agent rule lets this caller see the case (always true for everyone else). */
export function agentMaySee(
  actor: { accountId: string; grants: readonly Grant[] },
  c: { agent_account_id: string | null },
): boolean {
  return !isAgentOnly(actor.grants) || c.agent_account_id === actor.accountId;
}
