/**
 * Row types as the application sees them, identical on both dialects: timestamps are ISO-8601 UTC
 * strings, flags are 0/1 integers, JSON is text (see db/connection.ts for the PostgreSQL mapping).
 */
import type { ProgramsDatabase } from './schema-programs.ts';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type RegionLevel = 'province' | 'city' | 'district' | 'town' | 'village' | 'grid';
export type StationKind = 'district_centre' | 'town_centre' | 'village_station';

export interface RegionTable {
  code: string;
  name: string;
  parent_code: string | null;
  level: RegionLevel;
  created_at: string;
}

export interface StationTable {
  id: string;
  code: string;
  name: string;
  kind: StationKind;
  region_code: string;
  address: string;
  phone: string;
  /** JSON: OpeningHours */
  opening_hours: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface ResidentTable {
  id: string;
  full_name: string;
  sex: 'male' | 'female';
  birth_date: string;
  id_hash: string;
  id_cipher: string;
  id_masked: string;
  phone_cipher: string | null;
  phone_masked: string | null;
  home_region_code: string;
  address: string;
  registered_station_id: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface AccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  status: 'active' | 'disabled';
  resident_id: string | null;
  /** JSON: AccountPreferences */
  preferences: string;
  is_demo: number;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
  /** the TOTP secret (base32), encrypted with the data key; null until enrolment starts. */
  totp_secret_cipher: string | null;
  /** When the second factor was confirmed; login asks for a code only after that. */
  totp_enabled_at: string | null;
  /** The last accepted TOTP time step: a code is accepted once. */
  totp_last_step: number | null;
  /** Issue #11: the mobile for SMS-code login, encrypted; its keyed hash for lookup; masked. */
  phone_cipher: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
}

/** Issue #11: a message to send (SMS), written in the business transaction, sent by the sweep. */
export interface OutboxMessageTable {
  id: string;
  channel: 'sms';
  recipient_cipher: string;
  recipient_masked: string;
  template_kind: string;
  /** JSON params, encrypted with the data key (a login code may be among them). */
  params_cipher: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  provider_message_id: string | null;
  created_at: string;
}

/** Issue #11: a login code sent by SMS, kept as a keyed hash. */
export interface SmsLoginCodeTable {
  id: string;
  phone_hash: string;
  /** null when the phone belongs to no account (nothing is sent; the answer is the same). */
  account_id: string | null;
  code_hash: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AccountRecoveryCodeTable {
  account_id: string;
  /** sha256 of a one-time recovery code */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface RoleGrantTable {
  id: string;
  account_id: string;
  role: string;
  /** The region the grant reaches; for a station grant, the station's region. */
  region_code: string;
  station_id: string | null;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the token; the token itself is never stored. */
  id: string;
  account_id: string;
  kind: 'cookie' | 'bearer';
  label: string | null;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  /** Issue #11: a sliding session (SMS login on one's own phone): each use extends it this long. */
  sliding_hours: number | null;
}

export interface LoginThrottleTable {
  bucket: string;
  window_start: string;
  failures: number;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** 0017: events up to this seq were chained unkeyed (plain SHA-256), later ones with HMAC. */
  legacy_through: number;
}

export interface AuditEventTable {
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string | null;
  station_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  region_code: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface IdempotencyKeyTable {
  account_id: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  /** committed: the business write is in (same transaction), its answer not yet stored. */
  state: 'pending' | 'committed' | 'done';
  status_code: number | null;
  response_body: string | null;
  created_at: string;
  completed_at: string | null;
  /** Migration 0016: the claiming request (a random id); null on rows older than 0016. */
  claim_id: string | null;
  /** Migration 0016: the first audited entity of the committed write (what it created). */
  resource_type: string | null;
  resource_id: string | null;
}

export interface CatalogItemTable {
  code: string;
  current_version: number;
  tier: 'base' | 'extra';
  category: string;
  name_zh: string;
  name_en: string;
  /** Names, aliases, pinyin and initials, lower-case, for LIKE search. */
  search_text: string;
  is_demo: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CatalogItemVersionTable {
  code: string;
  version: number;
  /** JSON: CatalogItem (never changed once written). */
  definition: string;
  created_by: string | null;
  created_at: string;
}

export interface CalendarOverrideTable {
  /** YYYY-MM-DD, a calendar date in China. */
  date: string;
  kind: 'workday' | 'holiday';
  note: string;
  updated_by: string | null;
  updated_at: string;
}

/** GS-8: a year whose State Council holiday notice an administrator entered. */
export interface CalendarYearTable {
  year: number;
  note: string;
  entered_by: string | null;
  entered_at: string;
}

/** GS-8: one day off or make-up working day of an entered notice. */
export interface CalendarNoticeDayTable {
  /** YYYY-MM-DD, a calendar date in China. */
  date: string;
  year: number;
  kind: 'workday' | 'holiday';
  name_zh: string | null;
  name_en: string | null;
}

export interface CaseTable {
  id: string;
  number: string;
  item_code: string;
  item_version: number;
  applicant_id: string;
  agent_account_id: string | null;
  home_region_code: string;
  accepting_station_id: string;
  accepting_region_code: string;
  is_tongban: number;
  decided_by: 'station' | 'town_centre' | 'district_department';
  deciding_station_id: string | null;
  state: string;
  state_before_suspension: string | null;
  first_responder_id: string;
  /** JSON: string[] of material keys */
  presented: string;
  /** JSON: OneTimeNotice */
  notice: string;
  accepted_at: string | null;
  due_date: string | null;
  result: 'approved' | 'not_approved' | null;
  result_text: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** the random 8-digit 查询码 printed on the receipt; tracking needs it. */
  tracking_code?: string | null;
}

export interface CaseActionTable {
  id: string;
  case_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: string;
  actor_role: string;
  station_id: string | null;
  reason: string | null;
  payload: string | null;
  at: string;
}

export interface CasePauseTable {
  id: string;
  case_id: string;
  kind: 'supplement' | 'suspension';
  paused_at: string;
  resumed_at: string | null;
}

/** A material asked of the applicant (GS-5): by the one-time notice or later; open until brought. */
export interface CaseRequestTable {
  id: string;
  case_id: string;
  material_key: string;
  kind: 'notice' | 'missing' | 'defective';
  /** 1: the case cannot be accepted until it is brought. */
  blocking: number;
  reason: string | null;
  requested_by: string;
  requested_at: string;
  satisfied_at: string | null;
  satisfied_by: string | null;
}

export interface EscalationTable {
  id: string;
  entity_type: 'case' | 'handoff';
  entity_id: string;
  reason: 'overdue';
  region_code: string;
  station_id: string | null;
  due_date: string;
  escalated_at: string;
  swept_by: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

/** GS-4: an inquiry (咨询登记); whoever records it is its first responder, permanently. */
export interface InquiryTable {
  id: string;
  channel: 'walk_in' | 'phone';
  resident_id: string | null;
  caller_description: string | null;
  question: string;
  item_code: string | null;
  answer: string;
  station_id: string;
  region_code: string;
  first_responder_id: string;
  first_responder_role: string;
  case_id: string | null;
  status: 'open' | 'closed';
  closing_note: string | null;
  closed_by: string | null;
  closed_at: string | null;
  created_at: string;
}

/** GS-4: a hand-off (转办) of a case or an inquiry, with its own deadline. */
export interface HandoffTable {
  id: string;
  entity_type: 'case' | 'inquiry';
  entity_id: string;
  seq: number;
  region_code: string;
  first_responder_id: string;
  from_account_id: string;
  to_account_id: string;
  reason: string;
  /** YYYY-MM-DD (China date): overdue once a later day starts while still pending. */
  due_date: string;
  status: 'pending' | 'accepted' | 'declined';
  decline_reason: string | null;
  created_at: string;
  decided_at: string | null;
}

/** the local outbox staff see; delivery channels come later. */
export interface NotificationTable {
  id: string;
  account_id: string;
  /** Issue #11: what happened (src/modules/notifications/kinds.ts); `legacy` for older rows. */
  kind: string;
  /** JSON: the kind's parameters. */
  params: string;
  entity_type: string | null;
  entity_id: string | null;
  created_at: string;
  read_at: string | null;
}

/** GS-6: a resident's authorization of an agent. */
export interface AuthorizationTable {
  id: string;
  resident_id: string;
  agent_account_id: string;
  region_code: string;
  all_items: number;
  /** JSON: string[] of item codes ([] when all_items = 1) */
  item_codes: string;
  /** YYYY-MM-DD (China date), valid through that day. */
  expires_on: string;
  consent_method: 'signed_form' | 'in_person' | 'phone';
  consent_attachment_id: string | null;
  consent_call_ref: string | null;
  recorded_by: string;
  recorded_role: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface AttachmentTable {
  id: string;
  case_id: string;
  material_key: string;
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size_bytes: number;
  /** hex; with case_id and material_key unique (the same bytes are stored once). */
  sha256: string;
  data: Buffer;
  uploaded_by: string;
  uploaded_at: string;
}

/** GS-6: the scan of a signed authorization form (migration 0009). */
export interface AuthorizationScanTable {
  id: string;
  authorization_id: string;
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size_bytes: number;
  sha256: string;
  data: Buffer;
  uploaded_by: string;
  uploaded_at: string;
}

export interface CounterTable {
  name: string;
  value: number;
}

/* ---------- VS: volunteer service orders (migration 0008_volunteers) ---------- */

export interface VsCategoryTable {
  code: string;
  name_zh: string;
  name_en: string;
  colour: string | null;
  sort_order: number;
  active: number;
  is_demo: number;
  created_at: string;
  /** The owner region (a centre's own category); NULL = national (issue #10 point 9). */
  region_code: string | null;
}

export interface VsVolunteerTable {
  id: string;
  volunteer_number: string;
  account_id: string | null;
  full_name: string;
  sex: 'male' | 'female';
  birth_date: string;
  id_hash: string;
  id_cipher: string;
  id_masked: string;
  phone_cipher: string | null;
  phone_masked: string | null;
  home_region_code: string;
  /** JSON: string[] */
  skills: string;
  /** JSON: string[] of region codes */
  service_region_codes: string;
  /** JSON: availability (weekdays and day parts) */
  availability: string;
  /** JSON: guardian consent, required for volunteers aged 14–17; null otherwise */
  guardian_consent: string | null;
  status: 'active' | 'suspended';
  registered_by: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface VsTeamTable {
  id: string;
  parent_id: string | null;
  kind: 'corps' | 'team' | 'subteam';
  name: string;
  region_code: string;
  category_code: string | null;
  colour: string | null;
  leader_account_id: string | null;
  organisation_name: string;
  person_in_charge: string;
  contact_phone: string;
  description: string;
  active: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface VsTeamMemberTable {
  id: string;
  team_id: string;
  volunteer_id: string;
  status: 'pending' | 'approved' | 'rejected' | 'left';
  note: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface VsResourceTable {
  id: string;
  name: string;
  kind: 'venue' | 'goods' | 'skill' | 'service' | 'other';
  description: string;
  category_code: string;
  region_code: string;
  provider_team_id: string | null;
  provider_name: string;
  contact: string;
  active: number;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface VsProjectTable {
  id: string;
  name: string;
  description: string;
  category_code: string;
  region_code: string;
  team_id: string | null;
  schedule: string;
  on_menu: number;
  active: number;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type VsOrderState =
  'awaiting_dispatch' | 'directed' | 'open' | 'accepted' | 'in_service' | 'completed' | 'cancelled';

export interface VsOrderTable {
  id: string;
  order_number: string;
  title: string;
  description: string;
  category_code: string;
  region_code: string;
  place: string;
  wanted_from: string | null;
  wanted_to: string | null;
  state: VsOrderState;
  version: number;
  directed_team_id: string | null;
  team_id: string | null;
  grab_region_code: string | null;
  escalation_level: number;
  window_ends_at: string | null;
  dispatched_at: string | null;
  accepted_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  created_by: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface VsNeedTable {
  id: string;
  need_number: string;
  region_code: string;
  category_code: string;
  project_id: string | null;
  description: string;
  place: string;
  wanted_from: string | null;
  wanted_to: string | null;
  contact_name: string;
  contact_phone_cipher: string;
  contact_phone_masked: string;
  requester_account_id: string | null;
  resident_id: string | null;
  channel: 'self' | 'phone' | 'wechat' | 'walk_in';
  recorded_by: string | null;
  status: 'submitted' | 'accepted' | 'rejected';
  reject_reason: string | null;
  order_id: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface VsOrderActionTable {
  id: string;
  order_id: string;
  action: string;
  from_state: string | null;
  to_state: string;
  team_id: string | null;
  reason_code: string | null;
  note: string | null;
  actor_id: string | null;
  at: string;
}

export interface VsOrderSweepTable {
  order_id: string;
  step: string;
  swept_by: string;
  at: string;
}

export interface VsActivityTable {
  id: string;
  order_id: string | null;
  project_id: string | null;
  team_id: string;
  title: string;
  description: string;
  place: string;
  region_code: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  confirmed_count: number;
  queue_seq: number;
  /** JSON: string[] */
  skills: string;
  lead_account_id: string;
  code_secret_cipher: string;
  status: 'open' | 'cancelled' | 'completed';
  /** Migration 0010. */
  cancel_reason: string | null;
  version: number;
  created_by: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface VsSignupTable {
  id: string;
  activity_id: string;
  volunteer_id: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  queue_position: number | null;
  created_at: string;
  promoted_at: string | null;
  cancelled_at: string | null;
}

export interface VsCodeUseTable {
  activity_id: string;
  volunteer_id: string;
  direction: 'in' | 'out';
  code_window: number;
  used_at: string;
}

export interface VsServiceRecordTable {
  id: string;
  volunteer_id: string;
  activity_id: string;
  team_id: string;
  service_date: string;
  checked_in_at: string;
  checked_out_at: string | null;
  check_in_method: 'code' | 'lead';
  check_out_method: 'code' | 'lead' | null;
  travel_minutes: number;
  half_hours: number;
  content: string;
  place: string;
  status: 'checked_in' | 'pending_confirmation' | 'confirmed' | 'rejected';
  evaluation: string | null;
  /** Migration 0010. */
  reject_reason: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface VsRecordEntryTable {
  id: string;
  volunteer_id: string;
  team_id: string;
  kind: 'training' | 'award';
  title: string;
  on_date: string;
  half_hours: number;
  note: string;
  recorded_by: string;
  created_at: string;
}

export interface VsRatingTable {
  id: string;
  need_id: string;
  order_id: string;
  team_id: string;
  stars: number;
  comment: string;
  rated_by: string | null;
  created_at: string;
}

export interface VsCertificateTable {
  id: string;
  certificate_number: string;
  volunteer_id: string;
  team_id: string;
  /** JSON: every printed field as issued */
  snapshot: string;
  half_hours: number;
  issued_by: string;
  issued_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface VsStarPackTable {
  code: string;
  name_zh: string;
  name_en: string;
  /** JSON: number[] hours for 1★ … 5★, ascending */
  thresholds: string;
  created_at: string;
  /** Migration 0011: regions with this code prefix use the pack unless assigned ('' = all). */
  default_prefix: string | null;
}

export interface VsRegionStarPackTable {
  region_code: string;
  pack_code: string;
  set_by: string | null;
  set_at: string;
}

export interface Database extends ProgramsDatabase {
  regions: RegionTable;
  stations: StationTable;
  residents: ResidentTable;
  accounts: AccountTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  outbox_messages: OutboxMessageTable;
  sms_login_codes: SmsLoginCodeTable;
  login_throttle: LoginThrottleTable;
  account_recovery_codes: AccountRecoveryCodeTable;
  audit_head: AuditHeadTable;
  audit_events: AuditEventTable;
  idempotency_keys: IdempotencyKeyTable;
  calendar_overrides: CalendarOverrideTable;
  calendar_years: CalendarYearTable;
  calendar_notice_days: CalendarNoticeDayTable;
  catalog_items: CatalogItemTable;
  catalog_item_versions: CatalogItemVersionTable;
  cases: CaseTable;
  case_actions: CaseActionTable;
  case_pauses: CasePauseTable;
  case_requests: CaseRequestTable;
  counters: CounterTable;
  inquiries: InquiryTable;
  handoffs: HandoffTable;
  notifications: NotificationTable;
  authorizations: AuthorizationTable;
  escalations: EscalationTable;
  attachments: AttachmentTable;
  authorization_scans: AuthorizationScanTable;
  vs_categories: VsCategoryTable;
  vs_volunteers: VsVolunteerTable;
  vs_teams: VsTeamTable;
  vs_team_members: VsTeamMemberTable;
  vs_resources: VsResourceTable;
  vs_projects: VsProjectTable;
  vs_orders: VsOrderTable;
  vs_needs: VsNeedTable;
  vs_order_actions: VsOrderActionTable;
  vs_order_sweeps: VsOrderSweepTable;
  vs_activities: VsActivityTable;
  vs_signups: VsSignupTable;
  vs_code_uses: VsCodeUseTable;
  vs_service_records: VsServiceRecordTable;
  vs_record_entries: VsRecordEntryTable;
  vs_ratings: VsRatingTable;
  vs_certificates: VsCertificateTable;
  vs_star_packs: VsStarPackTable;
  vs_region_star_packs: VsRegionStarPackTable;
  instance_meta: InstanceMetaTable;
  case_deliveries: CaseDeliveryTable;
}

/** 0014: facts about this deployment (the data key's fingerprint). */
export interface InstanceMetaTable {
  key: string;
  value: string;
  updated_at: string;
}

/** 0014: how a case's result went out; address and phone only encrypted. */
export interface CaseDeliveryTable {
  case_id: string;
  method: 'station' | 'post';
  station_id: string | null;
  address_cipher: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  delivered_by: string | null;
  delivered_at: string;
}

export type Region = Selectable<RegionTable>;
export type Station = Selectable<StationTable>;
export type Resident = Selectable<ResidentTable>;
export type Account = Selectable<AccountTable>;
export type RoleGrant = Selectable<RoleGrantTable>;
export type NewStation = Insertable<StationTable>;
export type StationUpdate = Updateable<StationTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type { Generated };
