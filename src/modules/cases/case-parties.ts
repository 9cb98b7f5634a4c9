/**
 * Who stands where on a case: staff of the accepting side (any station staff whose reach covers
 * the accepting station — 通办 lets any station of the town carry it on) and of the deciding unit
 * (the station itself, the town centre or the district department the item's route names). Pure.
 */
import type { Grant } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import {
  TRANSITIONS,
  type ActorStanding,
  type CaseAction,
  type CaseParty,
} from './case.workflow.ts';

export interface CaseSides {
  accepting_region_code: string;
  decided_by: 'station' | 'town_centre' | 'district_department';
}

const ACCEPTING_ROLES: readonly Role[] = ['clerk', 'agent', 'town_officer'];
export const DECIDING_ROLES: Record<CaseSides['decided_by'], readonly Role[]> = {
  station: ['clerk', 'town_officer'],
  town_centre: ['town_officer'],
  district_department: ['district_officer'],
};

function covers(g: Grant, c: CaseSides): boolean {
  return c.accepting_region_code.startsWith(g.reachPrefix);
}

function partiesOfGrant(g: Grant, c: CaseSides): CaseParty[] {
  const parties: CaseParty[] = [];
  if (!covers(g, c)) return parties;
  if (ACCEPTING_ROLES.includes(g.role)) parties.push('accepting');
  if (DECIDING_ROLES[c.decided_by].includes(g.role)) parties.push('deciding');
  return parties;
}

export function standingOn(grants: readonly Grant[], c: CaseSides): ActorStanding {
  const roles = new Set<Role>();
  const parties = new Set<CaseParty>();
  for (const g of grants) {
    const p = partiesOfGrant(g, c);
    if (p.length === 0) continue;
    roles.add(g.role);
    p.forEach((x) => parties.add(x));
  }
  return { roles: [...roles], parties: [...parties] };
}

/** A grant the caller holds on the accepting side of the case (e.g. to upload scans), if any. */
export function acceptingGrant(grants: readonly Grant[], c: CaseSides): Grant | null {
  return grants.find((g) => partiesOfGrant(g, c).includes('accepting')) ?? null;
}

/** The grant an action is taken under (for the audit trail): right role and right side. */
export function grantForAction(
  grants: readonly Grant[],
  c: CaseSides,
  action: CaseAction,
): Grant | null {
  const t = TRANSITIONS[action];
  return (
    grants.find(
      (g) =>
        (t.roles as readonly Role[]).includes(g.role) && partiesOfGrant(g, c).includes(t.party),
    ) ?? null
  );
}

/** Whether the actor may see the case at all: any side of it, or a supervisor/admin in reach. */
export function canSeeCase(
  grants: readonly Grant[],
  c: CaseSides & { home_region_code: string },
): boolean {
  return grants.some(
    (g) =>
      partiesOfGrant(g, c).length > 0 ||
      (['admin', 'supervisor'].includes(g.role) &&
        (c.accepting_region_code.startsWith(g.reachPrefix) ||
          c.home_region_code.startsWith(g.reachPrefix))),
  );
}
