import type { Me, Role } from '../../api/types';

/** Role groups as src/modules/first-response declares them. */
export const FR_HANDLERS: readonly Role[] = ['clerk', 'agent', 'town_officer', 'district_officer'];
export const FR_STAFF: readonly Role[] = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
];
export const FR_OVERSEERS: readonly Role[] = ['town_officer', 'supervisor', 'admin'];

export interface FirstResponseCapabilities {
  /** May log inquiries and hand matters on. */
  handle: boolean;
  /** May open the hand-off boxes. */
  readHandoffs: boolean;
  /** May see the overdue box. */
  overdue: boolean;
}

const has = (me: Me, roles: readonly Role[]) => me.grants.some((g) => roles.includes(g.role));

export function firstResponseCapabilitiesOf(me: Me): FirstResponseCapabilities {
  return {
    handle: has(me, FR_HANDLERS),
    readHandoffs: has(me, FR_STAFF),
    overdue: has(me, FR_OVERSEERS),
  };
}
