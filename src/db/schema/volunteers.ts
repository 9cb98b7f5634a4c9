/** VS: volunteer service orders, activities and records (0008, 0010, 0011). */
import type { JsonText, Timestamp } from './columns.ts';

export interface VsCategoryTable {
  code: string;
  name_zh: string;
  name_en: string;
  colour: string | null;
  sort_order: number;
  active: number;
  is_demo: number;
  created_at: Timestamp;
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
  skills: JsonText;
  /** JSON: string[] of region codes */
  service_region_codes: JsonText;
  /** JSON: availability (weekdays and day parts) */
  availability: JsonText;
  /** JSON: guardian consent, required for volunteers aged 14–17; null otherwise */
  guardian_consent: JsonText | null;
  status: 'active' | 'suspended';
  registered_by: string | null;
  is_demo: number;
  created_at: Timestamp;
  updated_at: Timestamp;
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
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VsTeamMemberTable {
  id: string;
  team_id: string;
  volunteer_id: string;
  status: 'pending' | 'approved' | 'rejected' | 'left';
  note: string | null;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
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
  created_at: Timestamp;
  updated_at: Timestamp;
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
  created_at: Timestamp;
  updated_at: Timestamp;
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
  wanted_from: Timestamp | null;
  wanted_to: Timestamp | null;
  state: VsOrderState;
  version: number;
  directed_team_id: string | null;
  team_id: string | null;
  grab_region_code: string | null;
  escalation_level: number;
  window_ends_at: Timestamp | null;
  dispatched_at: Timestamp | null;
  accepted_at: Timestamp | null;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  created_by: string;
  is_demo: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VsNeedTable {
  id: string;
  need_number: string;
  region_code: string;
  category_code: string;
  project_id: string | null;
  description: string;
  place: string;
  wanted_from: Timestamp | null;
  wanted_to: Timestamp | null;
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
  reviewed_at: Timestamp | null;
  is_demo: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VsOrderActionTable {
  id: string;
  order_id: string;
  action: string;
  from_state: VsOrderState | null;
  to_state: VsOrderState;
  team_id: string | null;
  reason_code: string | null;
  note: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface VsOrderSweepTable {
  order_id: string;
  step: string;
  swept_by: string;
  at: Timestamp;
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
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  confirmed_count: number;
  queue_seq: number;
  /** JSON: string[] */
  skills: JsonText;
  lead_account_id: string;
  code_secret_cipher: string;
  status: 'open' | 'cancelled' | 'completed';
  /** Migration 0010. */
  cancel_reason: string | null;
  version: number;
  created_by: string;
  is_demo: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VsSignupTable {
  id: string;
  activity_id: string;
  volunteer_id: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  queue_position: number | null;
  created_at: Timestamp;
  promoted_at: Timestamp | null;
  cancelled_at: Timestamp | null;
}

export interface VsCodeUseTable {
  activity_id: string;
  volunteer_id: string;
  direction: 'in' | 'out';
  code_window: number;
  used_at: Timestamp;
}

export interface VsServiceRecordTable {
  /**
   * Migration 0060 (#16 p5): the region the hour was served in — its activity's region — first in
   * the keys, so the hour records can be distributed by region. Set by hourRecordRow only.
   */
  region_code: string;
  id: string;
  volunteer_id: string;
  activity_id: string;
  team_id: string;
  service_date: string;
  checked_in_at: Timestamp;
  checked_out_at: Timestamp | null;
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
  confirmed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
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
  created_at: Timestamp;
}

export interface VsRatingTable {
  id: string;
  need_id: string;
  order_id: string;
  team_id: string;
  stars: number;
  comment: string;
  rated_by: string | null;
  created_at: Timestamp;
}

export interface VsCertificateTable {
  id: string;
  certificate_number: string;
  volunteer_id: string;
  team_id: string;
  /** JSON: every printed field as issued */
  snapshot: JsonText;
  half_hours: number;
  issued_by: string;
  issued_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface VsStarPackTable {
  code: string;
  name_zh: string;
  name_en: string;
  /** JSON: number[] hours for 1★ … 5★, ascending */
  thresholds: JsonText;
  created_at: Timestamp;
  /** Migration 0011: regions with this code prefix use the pack unless assigned ('' = all). */
  default_prefix: string | null;
}

export interface VsRegionStarPackTable {
  region_code: string;
  pack_code: string;
  set_by: string | null;
  set_at: Timestamp;
}
