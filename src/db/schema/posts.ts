/**
 * Row types of GS-11 AB posts (migration 0024): posts with their A and B holders, the holders'
 * absences, the post a hand-off was addressed to, and the coverage warnings sent. Joined into
 * `Database` (schema.ts).
 */
import type { JsonText, Timestamp } from './columns.ts';

export type PostAbsenceKind = 'planned_leave' | 'absent_today' | 'training' | 'other';
export type PostAbsenceStatus = 'active' | 'cancelled';
export type CoverageNotice = 'day_before' | 'morning';

export interface PostTable {
  id: string;
  station_id: string;
  /** The station's region. */
  region_code: string;
  name: string;
  /** JSON OpeningHours; NULL: the station's opening hours. */
  opening_hours: JsonText | null;
  a_account_id: string;
  b_account_id: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PostAbsenceTable {
  id: string;
  account_id: string;
  /** The region of the holder's station (for scope). */
  region_code: string;
  kind: PostAbsenceKind;
  starts_at: Timestamp;
  /** Exclusive: the holder is back at this instant. */
  ends_at: Timestamp;
  note: string | null;
  status: PostAbsenceStatus;
  recorded_by: string;
  created_at: Timestamp;
  cancelled_by: string | null;
  cancelled_at: Timestamp | null;
}

export interface PostHandoffTable {
  handoff_id: string;
  post_id: string;
  /** Whom it landed with when it was sent (handoffs.to_account_id is where it is now). */
  landed_with: string;
  reroutes: number;
  created_at: Timestamp;
}

export interface PostCoverageWarningTable {
  id: string;
  post_id: string;
  region_code: string;
  day: string;
  gap_from: string;
  gap_to: string;
  notice: CoverageNotice;
  swept_by: string;
  created_at: Timestamp;
}

export interface PostsDatabase {
  posts: PostTable;
  post_absences: PostAbsenceTable;
  post_handoffs: PostHandoffTable;
  post_coverage_warnings: PostCoverageWarningTable;
}
