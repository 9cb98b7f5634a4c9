import type { Me, Role } from '../../api/types';

/** As src/modules/agents/agents.routes.ts declares them. */
const WRITERS: readonly Role[] = ['clerk', 'town_officer', 'agent'];
const READERS: readonly Role[] = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
];

export interface AuthorizationCapabilities {
  /** May list authorizations (an agent: only their own). */
  read: boolean;
  /** May record and revoke them (station staff in reach, or the agent for themselves). */
  write: boolean;
}

export function authorizationCapabilitiesOf(me: Me): AuthorizationCapabilities {
  return {
    read: me.grants.some((g) => READERS.includes(g.role)),
    write: me.grants.some((g) => WRITERS.includes(g.role)),
  };
}
