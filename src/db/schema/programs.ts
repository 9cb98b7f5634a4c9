/**
 * Row types of CP-1/CP-2 community programs (migration 0020): programs, their classes, the
 * children guardians register and the children's enrolments. Joined into `Database` (schema.ts).
 */
import type { JsonText, Timestamp } from './columns.ts';

export type ProgramKind = 'summer_care' | 'lecture' | 'training' | 'event';
export type ProgramStatus = 'published' | 'cancelled';
export type ClassMode = 'first_come' | 'lottery';
export type EnrolmentStatus =
  'applied' | 'enrolled' | 'waitlisted' | 'offered' | 'expired' | 'declined' | 'withdrawn';

export interface ProgramTable {
  id: string;
  organiser_account_id: string;
  /** The organising body as shown to families (e.g. 黄河社区妇联). */
  organiser_name: string;
  title: string;
  kind: ProgramKind;
  venue_name: string;
  /** The venue's place on the region tree: scope of every row below. */
  region_code: string;
  season_starts_on: string;
  season_ends_on: string;
  fee_fen: number;
  waiver_note: string | null;
  status: ProgramStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProgramClassTable {
  id: string;
  program_id: string;
  region_code: string;
  name: string;
  capacity: number;
  hard_max: number;
  min_age: number | null;
  max_age: number | null;
  min_grade: number | null;
  max_grade: number | null;
  /** JSON: string[] — region codes whose children may apply (empty: anyone). */
  catchment_codes: JsonText;
  mode: ClassMode;
  opens_at: Timestamp;
  /** Lottery mode: applications are collected until then. */
  closes_at: Timestamp | null;
  offer_hours: number;
  /** Seats held: enrolled plus outstanding offers; never above capacity. */
  confirmed_count: number;
  /** Outstanding offers (part of confirmed_count). */
  offered_count: number;
  /** Last waitlist/application number handed out. */
  queue_seq: number;
  created_at: Timestamp;
}

export interface ChildTable {
  id: string;
  guardian_account_id: string;
  real_name: string;
  id_cipher: string;
  id_hash: string;
  id_masked: string;
  birth_date: string;
  /** 父亲 | 母亲 | 祖父母 …, as the guardian states it. */
  relation: string;
  /** Where the child lives (catchment checks). */
  region_code: string;
  created_at: Timestamp;
}

export interface EnrolmentTable {
  id: string;
  class_id: string;
  child_id: string;
  guardian_account_id: string;
  region_code: string;
  status: EnrolmentStatus;
  /** JSON: { group, evidence }[] as the guardian declared them. */
  priority_groups: JsonText;
  /** 0 when any priority group is declared, 1 otherwise: the waitlist orders by it, then position. */
  priority_rank: number;
  position: number | null;
  applied_at: Timestamp;
  offer_expires_at: Timestamp | null;
  /** JSON: { at, action, reason }[] — why it moved (hand promotion, expiry …). */
  reasons: JsonText;
  updated_at: Timestamp;
}

export interface ProgramsDatabase {
  programs: ProgramTable;
  program_classes: ProgramClassTable;
  children: ChildTable;
  enrolments: EnrolmentTable;
}
