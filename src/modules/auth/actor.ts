import type { RegionLevel, StationKind } from '../../db/schema.ts';
import { AppError } from '../../server/problem.ts';
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

export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  residentId: string | null;
  grants: Grant[];
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

/** The audit actor for a grant. */
export function auditActor(actor: Actor | null, grant?: Grant) {
  return {
    accountId: actor?.accountId ?? null,
    role: grant?.role ?? actor?.grants[0]?.role ?? null,
    stationId: grant?.stationId ?? null,
  };
}
