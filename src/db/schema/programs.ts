/**
 * Row types of CP-1/CP-2 community programs (migration 0020): programs, their classes, the
 * children guardians register and the children's enrolments. Joined into `Database` (schema.ts).
 */
import type { JsonText, Timestamp } from './columns.ts';

export type ProgramKind = 'summer_care' | 'lecture' | 'training' | 'event';
export type ProgramStatus = 'published' | 'cancelled';
export type ClassMode = 'first_come' | 'lottery';
export type OutsideCatchment = 'refuse' | 'rank_after';
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
  /** Migration 0032, JSON: string[] — 小区 names of the venue's community (empty: no such limit). */
  catchment_neighbourhoods: JsonText;
  /** Outside the catchment: refused, or ranked after the catchment's children. */
  outside_catchment: OutsideCatchment;
  /** Seats held: enrolled plus outstanding offers; never above capacity. */
  confirmed_count: number;
  /** Outstanding offers (part of confirmed_count). */
  offered_count: number;
  /** Last waitlist/application number handed out. */
  queue_seq: number;
  created_at: Timestamp;
  /** Lottery mode: when the draw ran (0021); afterwards the class is first-come. */
  drawn_at: Timestamp | null;
  /** Migration 0022 (CP-3/CP-4, see schema/program-day.ts): local (China) start time, 'HH:MM'. */
  day_starts: string;
  day_ends: string;
  /** JSON: number[] — ISO weekdays (1 = Monday) the class meets. */
  weekdays: JsonText;
  /** JSON: string[] — dates inside the season without a session. */
  days_off: JsonText;
  /** A pickup after the end plus this many minutes is late. */
  late_grace_minutes: number;
  /** Late pickups plus unexcused absences that make the system propose withdrawal. */
  strike_limit: number;
  /** The ratio: at most this many present children per present staff member. */
  children_per_staff: number;
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
  /** Migration 0032: the school grade (1 = 小学一年级 … 12 = 高三) as stated, or null. */
  school_grade: number | null;
  /** The school year the grade was stated for (2026 = 2026–27, starting 1 September). */
  grade_school_year: number | null;
  /** The child's 小区, one of the named neighbourhoods of their community, or null. */
  neighbourhood: string | null;
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
  /** Siblings who applied together share it (0021): placed together or not at all. */
  sibling_group: string | null;
}

/** CP-2 a lottery's recorded draw (0021): everything needed to re-run it. */
export interface LotteryDrawTable {
  class_id: string;
  region_code: string;
  seed: number;
  /** Seats the draw filled (capacity less seats already held). */
  places: number;
  /** JSON: { id, siblingGroup, priorityRank }[] — the applications drawn among. */
  inputs: JsonText;
  /** JSON: string[] — every application id in drawn order. */
  drawn_order: JsonText;
  enrolled: JsonText;
  waitlisted: JsonText;
  /** null: drawn by the sweep after the window closed. */
  drawn_by_account_id: string | null;
  drawn_at: Timestamp;
}

/** The named neighbourhoods (小区) of a community (0032): the region tree stops at the community. */
export interface ProgramNeighbourhoodTable {
  region_code: string;
  name: string;
  sort_order: number;
  updated_by_account_id: string | null;
  updated_at: Timestamp;
}

export interface ProgramsDatabase {
  programs: ProgramTable;
  program_classes: ProgramClassTable;
  children: ChildTable;
  enrolments: EnrolmentTable;
  program_lottery_draws: LotteryDrawTable;
  program_neighbourhoods: ProgramNeighbourhoodTable;
}
