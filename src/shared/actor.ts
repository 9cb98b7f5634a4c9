import type { RegionLevel, StationKind } from '../db/schema.ts';
import { AppError } from './problem.ts';
import { scopePrefix } from './region-code.ts';
import type { Role } from './roles.ts';

/** One role held over one scope. */
export interface Grant {
  role: Role;
  regionCode: string;
  regionLevel: RegionLevel;
  regionName: string;
  stationId: string | null;
  stationName: string | null;
  stationKind: StationKind | null;
  /** Every row whose region code starts with this prefix is inside the grant. */
  reachPrefix: string;
}

/**
 * The system itself — demo seeding and the operator's CLI (imports, sweeps): never an HTTP caller.
 * Services take a `Caller`; only an explicit system actor skips the caller's scope checks (a route
 * always hands over a logged-in `Actor`, see `server/route-actor.ts`).
 */
export interface SystemActor {
  readonly system: 'seed' | 'cli' | 'sweep';
}
export const SEED_CALLER: SystemActor = Object.freeze({ system: 'seed' });
export type Caller = Actor | SystemActor;

export function isSystemActor(caller: Caller): caller is SystemActor {
  return 'system' in caller;
}

/** The logged-in actor behind a caller; a system caller here is a programming error. */
export function personOf(caller: Caller): Actor {
  if (isSystemActor(caller))
    throw new Error(`a ${caller.system} caller cannot act as a person here`);
  return caller;
}

export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  residentId: string | null;
  grants: Grant[];
  /** Issue #15 point 4: the account holds a one-time password; only changing it is allowed. */
  mustChangePassword?: boolean;
}

/**
 * What a grant reaches. A region grant reaches its region. A village station reaches its whole
 * town: any resident of the town may be served at any of its stations (GS-3 default scope).
 */
export function reachOf(
  regionCode: string,
  level: RegionLevel,
  stationKind: StationKind | null,
): string {
  if (stationKind === 'village_station' && (level === 'village' || level === 'grid')) {
    return scopePrefix(regionCode, 'town');
  }
  return scopePrefix(regionCode, level);
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

/**
 * Deny by default: returns the first grant whose role is allowed and whose reach covers the row's
 * region; otherwise FORBIDDEN (no such role) or OUT_OF_SCOPE (role, but not here).
 */
export function authorize(actor: Actor, roles: readonly Role[], regionCode?: string): Grant {
  const withRole = actor.grants.filter((g) => roles.includes(g.role));
  if (withRole.length === 0) throw new AppError('FORBIDDEN');
  if (regionCode === undefined) return withRole[0]!;
  const inScope = withRole.find((g) => regionCode.startsWith(g.reachPrefix));
  if (!inScope) throw new AppError('OUT_OF_SCOPE');
  return inScope;
}

/** The prefixes an actor may read for a set of roles (for list queries). */
export function reachPrefixes(actor: Actor, roles: readonly Role[]): string[] {
  return actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.reachPrefix);
}

/**
 * Roles whose grant reaches only the people and matters its holder is party to, not every row of
 * its region: an agent (代办员) sees the residents who authorized them and the cases, inquiries
 * and hand-offs they are party to (GS-6, X-2). Their region still bounds what they may reach.
 */
export const PARTY_BOUND_ROLES: readonly Role[] = ['agent'];

export function isPartyBound(g: Grant): boolean {
  return PARTY_BOUND_ROLES.includes(g.role);
}

/** The prefixes in which these roles' grants read every row (party-bound grants left out). */
export function regionReach(actor: Actor, roles: readonly Role[]): string[] {
  return actor.grants
    .filter((g) => roles.includes(g.role) && !isPartyBound(g))
    .map((g) => g.reachPrefix);
}

/** The prefixes in which these roles' party-bound grants read only the rows the actor is party to. */
export function partyReach(actor: Actor, roles: readonly Role[]): string[] {
  return actor.grants
    .filter((g) => roles.includes(g.role) && isPartyBound(g))
    .map((g) => g.reachPrefix);
}

/**
 * Where a row stands for an actor: `region` when a full grant reaches it, `party` when only a
 * party-bound grant does (the caller must then be a party to it), `none` otherwise.
 */
export function standingIn(
  actor: Actor,
  roles: readonly Role[],
  regionCode: string,
): 'region' | 'party' | 'none' {
  if (regionReach(actor, roles).some((p) => regionCode.startsWith(p))) return 'region';
  if (partyReach(actor, roles).some((p) => regionCode.startsWith(p))) return 'party';
  return 'none';
}

/**
 * Shared reference data: the grants of these roles (party-bound ones never count) whose
 * reaches together cover every region code given — everyone who uses the datum. Empty when the
 * actor's scope leaves anyone out; the caller then refuses with its own code.
 */
export function grantsCoveringAll(
  actor: Actor,
  roles: readonly Role[],
  regionCodes: readonly string[],
): Grant[] {
  const grants = actor.grants.filter((g) => roles.includes(g.role) && !isPartyBound(g));
  const covered = regionCodes.every((code) => grants.some((g) => code.startsWith(g.reachPrefix)));
  return covered ? grants : [];
}

/**
 * The grant a change to shared reference data is made under: FORBIDDEN without any of the roles,
 * REFERENCE_DATA_OUT_OF_SCOPE when someone who uses the datum lies outside the actor's scope.
 */
export function referenceDataGrant(
  actor: Actor,
  roles: readonly Role[],
  userRegionCodes: readonly string[],
): Grant {
  if (!hasAnyRole(actor, roles)) throw new AppError('FORBIDDEN');
  const grants = grantsCoveringAll(actor, roles, userRegionCodes);
  if (grants.length === 0) throw new AppError('REFERENCE_DATA_OUT_OF_SCOPE');
  return grants[0]!;
}

/** The audit actor for a grant. */
export function auditActor(caller: Caller, grant?: Grant) {
  const actor = isSystemActor(caller) ? null : caller;
  return {
    accountId: actor?.accountId ?? null,
    role: grant?.role ?? actor?.grants[0]?.role ?? null,
    stationId: grant?.stationId ?? null,
  };
}
