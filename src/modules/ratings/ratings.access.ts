/** GS-13: who may do what with ratings (route declarations and service checks share these). */
import type { Role } from '../../shared/roles.ts';

/** Staff who run the window: send rating links, pair devices, work rectification tickets. */
export const RATING_HANDLERS = [
  'admin',
  'supervisor',
  'town_officer',
  'clerk',
] as const satisfies readonly Role[];
/** Who reads ratings, metrics and exports in their scope. */
export const RATING_READERS = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
] as const satisfies readonly Role[];
/** Staff who may appeal a rating of their unit. */
export const APPEAL_FILERS = ['town_officer', 'clerk'] as const satisfies readonly Role[];
/** Who decides appeals. */
export const APPEAL_DECIDERS = ['admin', 'supervisor'] as const satisfies readonly Role[];
/** Who may see the rater of a 差评 (to call back), unless they were rated themselves. */
export const RATER_VISIBLE_TO = [
  'admin',
  'supervisor',
  'town_officer',
] as const satisfies readonly Role[];
/** Residents rate their own services on the light pages. */
export const RATING_RESIDENTS = ['resident', 'guardian'] as const satisfies readonly Role[];
