/** Every reason a row of any import is refused, in both languages (the API answers with words). */
import { HOURS_REASONS } from './hours-rows.rules.ts';
import { ROW_REASONS } from './resident-rows.rules.ts';
import { STATION_REASONS } from './station-rows.rules.ts';

import { STAFF_REASONS } from './staff-rows.rules.ts';
import { TEAM_REASONS } from './team-rows.rules.ts';
import { VOLUNTEER_REASONS } from './volunteer-rows.rules.ts';

export const IMPORT_REASONS = {
  ...ROW_REASONS,
  ...HOURS_REASONS,
  ...STATION_REASONS,
  ...STAFF_REASONS,
  ...TEAM_REASONS,
  ...VOLUNTEER_REASONS,
} as const;
export type ImportReasonCode = keyof typeof IMPORT_REASONS;

export interface ImportReason {
  code: ImportReasonCode;
  /** e.g. the other row of a duplicate. */
  detail?: string;
}
