import type { Role } from '../../shared/roles.ts';
import { VS_STAFF } from '../volunteers/vs.scope.ts';
import type { ImportKind } from './import-columns.ts';

/** Who imports people by Excel: administrators and town centre officers, within their scope. */
export const IMPORTERS = ['admin', 'town_officer'] as const satisfies readonly Role[];

/**
 * Stations are opened by administrators (as POST /stations); people by importers; volunteer teams
 * and volunteers by the volunteer centre's staff (as POST /vs/teams and staff registration).
 */
export const IMPORTERS_OF: Record<ImportKind, readonly Role[]> = {
  residents: IMPORTERS,
  hours: IMPORTERS,
  stations: ['admin'],
  staff: IMPORTERS,
  teams: VS_STAFF,
  volunteers: VS_STAFF,
};

/** Whoever may import some kind: the routes' declared access (each kind checks its own). */
export const ANY_IMPORTER: readonly Role[] = [...new Set(Object.values(IMPORTERS_OF).flat())];
