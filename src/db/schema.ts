/**
 * Row types as the application sees them, identical on both dialects: timestamps are ISO-8601 UTC
 * strings, flags are 0/1 integers, JSON is text (see db/connection.ts for the PostgreSQL mapping).
 */
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
  state: 'pending' | 'done';
  status_code: number | null;
  response_body: string | null;
  created_at: string;
  completed_at: string | null;
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

export interface SupplementRequestTable {
  id: string;
  case_id: string;
  material_key: string;
  kind: 'missing' | 'defective';
  reason: string | null;
  second_request: number;
  accepting_station_id: string;
  requested_by: string;
  requested_at: string;
}

export interface CounterTable {
  name: string;
  value: number;
}

export interface Database {
  regions: RegionTable;
  stations: StationTable;
  residents: ResidentTable;
  accounts: AccountTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_head: AuditHeadTable;
  audit_events: AuditEventTable;
  idempotency_keys: IdempotencyKeyTable;
  calendar_overrides: CalendarOverrideTable;
  catalog_items: CatalogItemTable;
  catalog_item_versions: CatalogItemVersionTable;
  cases: CaseTable;
  case_actions: CaseActionTable;
  case_pauses: CasePauseTable;
  supplement_requests: SupplementRequestTable;
  counters: CounterTable;
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
