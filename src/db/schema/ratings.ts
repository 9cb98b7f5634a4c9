/**
 * Row types of GS-13 好差评 (migration 0026): ratings, signed links, window rating devices,
 * rectification tickets and appeals. Joined into `Database` (schema.ts).
 */
import type { JsonText, Timestamp } from './columns.ts';

/** What can be rated: a delivered case, an answered inquiry, a home visit (port for later). */
export type RatingSubjectType = 'case' | 'inquiry' | 'home_visit';
/** The first rating, and one follow-up (追加评价). */
export type RatingKind = 'first' | 'follow_up';
/** The national channel codes (评价渠道), see ratings.rules.ts RATING_CHANNELS. */
export type RatingChannel = 'device' | 'qr' | 'sms' | 'phone_page' | 'callback';
export type TicketState =
  | 'opened'
  | 'called_back'
  | 'classified'
  | 'rectified'
  | 'explained'
  | 'resident_replied'
  | 'closed';
export type TicketClassification = 'fix_now' | 'fix_by_date' | 'explain';
export type AppealState = 'pending' | 'upheld' | 'rejected';

export interface RatingTable {
  id: string;
  subject_type: RatingSubjectType;
  subject_id: string;
  kind: RatingKind;
  /** 5 非常满意 … 1 非常不满意. */
  level: number;
  /** JSON: string[] of reason codes (required for levels 1 and 2). */
  reason_codes: JsonText;
  comment: string | null;
  channel: RatingChannel;
  /** The service's own channel (cases.channel: window/appointment/home_visit/…) when known. */
  service_channel: string | null;
  /** The case number (办件编号) or the inquiry's label. */
  subject_number: string;
  item_code: string | null;
  region_code: string;
  station_id: string | null;
  /** 经办人: who finished the service. Never shown who rated them. */
  staff_account_id: string | null;
  /** 代理人 (帮办代办) where there was one. */
  agent_account_id: string | null;
  /** The rater: stored, never returned to the rated staff. */
  rater_resident_id: string | null;
  rater_account_id: string | null;
  completed_at: Timestamp;
  /** 1: an upheld appeal excludes it from the metrics; it stays in the record. */
  excluded: number;
  rated_at: Timestamp;
}

export interface RatingLinkTable {
  id: string;
  /** sha256 of the short random token; the token itself is only in the SMS / QR. */
  token_hash: string;
  subject_type: RatingSubjectType;
  subject_id: string;
  channel: 'sms' | 'qr';
  region_code: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  /** A printed QR link's token, encrypted (0031): a reprinted receipt shows the same link. */
  token_cipher: string | null;
}

/** The automatic invitation of a finished service (0031): one per subject, whatever retries. */
export interface RatingInviteTable {
  subject_type: RatingSubjectType;
  subject_id: string;
  /** The SMS link, when an SMS went out. */
  link_id: string | null;
  /** 1: the SMS went into the outbox (the applicant has a phone). */
  sms_sent: number;
  /** The applicant's account told in-app, if they have one. */
  notified_account_id: string | null;
  created_at: Timestamp;
}

export interface RatingDeviceTable {
  id: string;
  station_id: string;
  region_code: string;
  name: string;
  pair_code_hash: string | null;
  pair_expires_at: Timestamp | null;
  token_hash: string | null;
  paired_at: Timestamp | null;
  /** Cases finished at the window before this instant are no longer offered. */
  idle_since: Timestamp | null;
  last_seen_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  /** The window it is bound to (migration 0037); null: the station only, as before. */
  window_id: string | null;
}

export interface RatingTicketTable {
  id: string;
  rating_id: string;
  region_code: string;
  station_id: string | null;
  state: TicketState;
  complex: number;
  /** YYYY-MM-DD (China date): the call-back is due by this working day. */
  callback_due: string;
  /** YYYY-MM-DD: the whole ticket is due by this working day; overdue tickets escalate once. */
  due_date: string;
  classification: TicketClassification | null;
  fix_due_date: string | null;
  called_back_at: Timestamp | null;
  callback_note: string | null;
  verify_note: string | null;
  outcome: string | null;
  resident_reply: string | null;
  resident_satisfied: number | null;
  closed_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RatingAppealTable {
  id: string;
  rating_id: string;
  region_code: string;
  appellant_id: string;
  reason: string;
  state: AppealState;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: Timestamp;
}

export interface RatingsDatabase {
  ratings: RatingTable;
  rating_links: RatingLinkTable;
  rating_invites: RatingInviteTable;
  rating_devices: RatingDeviceTable;
  rating_tickets: RatingTicketTable;
  rating_appeals: RatingAppealTable;
}
