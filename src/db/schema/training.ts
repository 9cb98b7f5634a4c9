/**
 * Row types of GS-12 training and competence (migration 0025). Joined into `Database` (schema.ts).
 */
import type { Timestamp } from './columns.ts';

export type TrainingSessionKind = 'town_centre' | 'point_to_point';
export type TrainingAttendanceStatus = 'present' | 'absent';

export interface TrainingSessionTable {
  id: string;
  kind: TrainingSessionKind;
  /** The town (12-digit region code, ends in 000) the session belongs to. */
  town_code: string;
  /** Where it was held: the town centre, or the station visited point-to-point. */
  station_id: string;
  /** China date YYYY-MM-DD. */
  held_on: string;
  trainer_name: string;
  topic_text: string;
  created_by: string;
  created_at: Timestamp;
}

export interface TrainingSessionTopicTable {
  session_id: string;
  item_code: string;
}

export interface TrainingAttendanceTable {
  session_id: string;
  account_id: string;
  status: TrainingAttendanceStatus;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface CompetenceTable {
  id: string;
  account_id: string;
  item_code: string;
  town_code: string;
  session_id: string | null;
  certified_by: string;
  /** China dates; valid from certified_on through expires_on, both inclusive. */
  certified_on: string;
  expires_on: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CompetenceRequirementTable {
  town_code: string;
  item_code: string;
  /** 0/1 */
  required: number;
  set_by: string;
  set_at: Timestamp;
}

export interface TrainingDatabase {
  training_sessions: TrainingSessionTable;
  training_session_topics: TrainingSessionTopicTable;
  training_attendance: TrainingAttendanceTable;
  competences: CompetenceTable;
  competence_requirements: CompetenceRequirementTable;
}
