/**
 * Issue #12: what the signed-in user may do comes from the server (`/auth/me` capabilities, derived
 * from the role groups its routes declare). The web never keeps role lists of its own.
 */
import type { Capability, Grant, Me } from '../api/types';

export type { Capability };

/** Whether any grant of the user gives this capability. */
export const can = (me: Me, capability: Capability): boolean =>
  me.capabilities.includes(capability);

/** The grants that give this capability (e.g. the stations a case may be filed at). */
export const grantsWith = (me: Me, capability: Capability): Grant[] =>
  me.grants.filter((g) => g.capabilities.includes(capability));

const byReach = (a: Grant, b: Grant) => a.reachPrefix.length - b.reachPrefix.length;

/** The widest grant (shortest reach prefix) that gives this capability. */
export const widestGrant = (me: Me, capability: Capability): Grant | undefined =>
  grantsWith(me, capability).sort(byReach)[0];

/** The region of the widest grant that gives this capability. */
export const widestRegionOf = (me: Me, capability: Capability): string | undefined =>
  widestGrant(me, capability)?.regionCode;

/** The region a reach prefix stands for: 110115110 → 110115110000 (a grid keeps its 15 digits). */
export function regionOfPrefix(prefix: string): string {
  return prefix.length >= 12 ? prefix : prefix.padEnd(12, '0');
}

/** The district (6-digit prefix, padded) of the caller's widest grant: the default area shown. */
export function homeDistrictOf(me: Me): string | undefined {
  const widest = [...me.grants].sort(byReach)[0];
  if (!widest) return undefined;
  const code = widest.regionCode;
  return widest.reachPrefix.length <= 6 ? code : `${code.slice(0, 6)}000000`;
}

/** The station grants a case may be filed under (the server gives 'cases.intake' at a station). */
export const intakeGrants = (me: Me): Grant[] => grantsWith(me, 'cases.intake');
