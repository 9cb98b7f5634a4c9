import type { Role } from '../../shared/roles.ts';
import type { ImportKind } from './import-columns.ts';

/** Who imports people by Excel: administrators and town centre officers, within their scope. */
export const IMPORTERS = ['admin', 'town_officer'] as const satisfies readonly Role[];

/** Stations are opened by administrators (as POST /stations); people by importers. */
export const IMPORTERS_OF: Record<ImportKind, readonly Role[]> = {
  residents: IMPORTERS,
  hours: IMPORTERS,
  stations: ['admin'],
  staff: IMPORTERS,
};
