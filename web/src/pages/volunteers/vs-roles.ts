import type { Me, Role } from '../../api/types';

/** Role groups as src/modules/volunteers declares them. */
export const VS_STAFF: readonly Role[] = ['admin', 'volunteer_staff'];
export const VS_LIST_EDITORS: readonly Role[] = ['admin', 'volunteer_staff', 'team_leader'];

export interface VolunteerCapabilities {
  /** Centre staff: the registry, registering on someone's behalf, teams. */
  staff: boolean;
  /** May decide join requests of teams they lead. */
  leader: boolean;
  /** Holds the volunteer role: may ask to join teams. */
  volunteer: boolean;
  /** May add resources and projects. */
  editLists: boolean;
  /** Gets the volunteer pages in the menu. */
  navigation: boolean;
}

const has = (me: Me, roles: readonly Role[]) => me.grants.some((g) => roles.includes(g.role));

export function volunteerCapabilitiesOf(me: Me): VolunteerCapabilities {
  const staff = has(me, VS_STAFF);
  const leader = has(me, ['team_leader']);
  const volunteer = has(me, ['volunteer']);
  return {
    staff,
    leader,
    volunteer,
    editLists: staff || leader,
    navigation: staff || leader || volunteer,
  };
}

/** The district (6-digit prefix, padded) of the caller's widest grant: the default area shown. */
export function homeDistrictOf(me: Me): string | undefined {
  const widest = [...me.grants].sort((a, b) => a.reachPrefix.length - b.reachPrefix.length)[0];
  if (!widest) return undefined;
  const code = widest.regionCode;
  return widest.reachPrefix.length <= 6 ? code : `${code.slice(0, 6)}000000`;
}

/** The region of the widest grant among these roles. */
export function widestRegionOf(me: Me, roles: readonly Role[]): string | undefined {
  return [...me.grants]
    .filter((g) => roles.includes(g.role))
    .sort((a, b) => a.reachPrefix.length - b.reachPrefix.length)[0]?.regionCode;
}
