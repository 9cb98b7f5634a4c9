/**
 * Row types of CP-3/CP-4, the program day (migration 0022): sessions, pickup codes, pickup
 * persons, attendance and its release log, withdrawal proposals, the staff roster. Joined into
 * `Database` (schema.ts); the class's day settings are columns of ProgramClassTable (schema/programs.ts).
 */
import type { Timestamp } from './columns.ts';

export type SessionStatus = 'open' | 'closed';
export type AttendanceStatus = 'expected' | 'present' | 'released' | 'absent' | 'auto_closed';
export type AbsenceKind = 'sick' | 'informed' | 'unexcused';
export type PickupPersonKind = 'authorised' | 'blocked';
export type ProposalStatus = 'proposed' | 'confirmed' | 'dismissed';

export interface ProgramSessionTable {
  id: string;
  class_id: string;
  program_id: string;
  region_code: string;
  day: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** The end of the session's day: open sign-ins are closed and flagged from then on. */
  closes_at: Timestamp;
  status: SessionStatus;
  closed_at: Timestamp | null;
  hours_confirmed_at: Timestamp | null;
  hours_confirmed_by: string | null;
  created_at: Timestamp;
}

export interface ProgramPickupCodeTable {
  id: string;
  program_id: string;
  child_id: string;
  day: string;
  code: string;
  /** The 2 characters printed on the child's tag (the code's first two). */
  tag: string;
  created_at: Timestamp;
}

export interface ProgramPickupPersonTable {
  id: string;
  child_id: string;
  guardian_account_id: string;
  kind: PickupPersonKind;
  name: string;
  relation: string;
  phone_cipher: string | null;
  phone_masked: string | null;
  photo_ref: string | null;
  valid_from: string;
  /** null: open-ended; equal to valid_from: that day only. */
  valid_until: string | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ProgramAttendanceTable {
  id: string;
  session_id: string;
  enrolment_id: string;
  child_id: string;
  class_id: string;
  region_code: string;
  day: string;
  status: AttendanceStatus;
  absence_kind: AbsenceKind | null;
  signed_in_at: Timestamp | null;
  signed_in_by: string | null;
  released_at: Timestamp | null;
  released_by: string | null;
  released_to_person_id: string | null;
  /** 1: released after the end plus the grace. */
  late: number;
  /** 1: closed by the day-end sweep (never counted as present). */
  flagged: number;
  updated_at: Timestamp;
}

export interface ProgramReleaseLogTable {
  id: string;
  attendance_id: string;
  session_id: string;
  child_id: string;
  outcome: 'released' | 'refused';
  refusal: string | null;
  /** The name the person at the door gave. */
  presented_by: string;
  person_id: string | null;
  staff_account_id: string;
  at: Timestamp;
}

export interface ProgramWithdrawalProposalTable {
  id: string;
  enrolment_id: string;
  class_id: string;
  region_code: string;
  late_count: number;
  absence_count: number;
  status: ProposalStatus;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ProgramStaffTable {
  id: string;
  session_id: string;
  volunteer_id: string;
  team_id: string;
  /** The volunteer's account (a rostered volunteer may sign children in and out). */
  account_id: string | null;
  checked_in_at: Timestamp | null;
  checked_out_at: Timestamp | null;
  /** 1: left checked in at the day's end; the sweep closed it at the session's end (0030). */
  flagged: number;
  service_record_id: string | null;
  /** The record's service date: with the id, the key of the partitioned hour records (0054). */
  service_record_date: string | null;
  /** The record's region: with the id and the date, the hour records' key (0060). */
  service_record_region_code: string | null;
  created_at: Timestamp;
}

export interface ProgramDayDatabase {
  program_sessions: ProgramSessionTable;
  program_pickup_codes: ProgramPickupCodeTable;
  program_pickup_persons: ProgramPickupPersonTable;
  program_attendance: ProgramAttendanceTable;
  program_release_log: ProgramReleaseLogTable;
  program_withdrawal_proposals: ProgramWithdrawalProposalTable;
  program_staff: ProgramStaffTable;
}
