import type { Me, Role } from '../../api/types';

/** Role groups as src/modules/orders declares them (orders.common.ts). */
export const CENTRE_ROLES: readonly Role[] = ['volunteer_staff'];
export const RECORDER_ROLES: readonly Role[] = [
  'volunteer_staff',
  'town_officer',
  'clerk',
  'agent',
];
export const LEADER_ROLES: readonly Role[] = ['team_leader'];

export interface OrderCapabilities {
  /** Orders services (点单): residents — and anyone signed in. */
  order: boolean;
  /** Orders on a resident's behalf (phone, WeChat, walk-in). */
  onBehalf: boolean;
  /** The centre board: review, merge, dispatch. */
  board: boolean;
  /** The team inbox: accept, decline, grab. */
  inbox: boolean;
  /** Shows "order a service" and "my orders" in the navigation (residents). */
  residentNav: boolean;
}

const has = (me: Me, roles: readonly Role[]) => me.grants.some((g) => roles.includes(g.role));

export function orderCapabilitiesOf(me: Me): OrderCapabilities {
  return {
    order: true,
    onBehalf: has(me, RECORDER_ROLES),
    board: has(me, CENTRE_ROLES),
    inbox: has(me, LEADER_ROLES),
    residentNav: has(me, ['resident']),
  };
}
