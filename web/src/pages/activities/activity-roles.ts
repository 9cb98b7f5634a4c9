import type { Me, Role } from '../../api/types';

/** Role groups as src/modules/activities declares them. */
export const ACTIVITY_MANAGERS: readonly Role[] = ['team_leader', 'volunteer_staff'];

export interface ActivityCapabilities {
  /** Creates activities, runs the code screen, roster and hours. */
  manage: boolean;
  /** Signs up, checks in with a code. */
  volunteer: boolean;
  navigation: boolean;
}

const has = (me: Me, roles: readonly Role[]) => me.grants.some((g) => roles.includes(g.role));

export function activityCapabilitiesOf(me: Me): ActivityCapabilities {
  const manage = has(me, ACTIVITY_MANAGERS);
  const volunteer = has(me, ['volunteer']);
  return { manage, volunteer, navigation: manage || volunteer };
}
