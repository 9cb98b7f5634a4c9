import type { Role } from '../../shared/roles.ts';

/** Who imports people by Excel: administrators and town centre officers, within their scope. */
export const IMPORTERS = ['admin', 'town_officer'] as const satisfies readonly Role[];
