/**
 * Issue #16 point 5: rollup tables behind the figures (migration 0053). Kept by triggers on their
 * source tables in the writer's own transaction; `doorstep rollups rebuild` recomputes them.
 */
import type { Generated } from 'kysely';

/** Each station's case counters (migration 0062): filed, accepted, open, paused, 通办. */
export interface CaseStationTotalsTable {
  accepting_region_code: string;
  accepting_station_id: string;
  filed: number;
  accepted: number;
  open: number;
  paused: number;
  tongban: number;
}

/** Running cases (accepted, in progress) per station and due date; no row at 0 (migration 0062). */
export interface CaseDueRollupTable {
  accepting_region_code: string;
  accepting_station_id: string;
  /** YYYY-MM-DD */
  due_date: string;
  cases: number;
}

/** Cases with at least one defective request (二次补正), per station. */
export interface CaseSecondRequestRollupTable {
  accepting_region_code: string;
  accepting_station_id: string;
  cases: number;
}

/**
 * VS-10's amounts per area and period (migration 0064): a measure — registered volunteers, active
 * volunteers, activity capacity and sign-ups, confirmed half hours — summed at each level a figure
 * groups by and each grain.
 */
export interface VsAreaRollupTable {
  measure: 'registered' | 'active' | 'capacity' | 'signups' | 'half_hours';
  /** The area's code length: 4 (city), 6 (district), 9 (town) or 12 (village). */
  len: number;
  /** The first `len` digits of the region code. */
  area: string;
  /** The period's length: 4 (a year), 7 (a month) or 10 (a day). */
  grain: number;
  /** YYYY, YYYY-MM or YYYY-MM-DD (China days). */
  period: string;
  /**
   * Which of a key's rows (migration 0066): on PostgreSQL the writer's connection spreads a key over
   * up to 16 rows so a city's writers do not queue on one; a key's amount is the sum of its slots.
   * Always 0 on SQLite (one writer) and from a rebuild.
   */
  slot: Generated<number>;
  n: number;
}

/** A volunteer's first day with confirmed hours (> 0) in a calendar year. */
export interface VsVolunteerYearTable {
  volunteer_id: string;
  /** YYYY */
  year: string;
  first_day: string;
  home_region_code: string;
  /** The China day the volunteer registered (vs_volunteers.created_at). */
  registered_day: string;
}

export interface RollupsDatabase {
  case_station_totals: CaseStationTotalsTable;
  case_due_rollups: CaseDueRollupTable;
  case_second_request_rollups: CaseSecondRequestRollupTable;
  vs_area_rollups: VsAreaRollupTable;
  vs_volunteer_years: VsVolunteerYearTable;
}
