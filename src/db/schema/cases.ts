/** Government services: cases, first response, agents, attachments (0004–0007, 0009, 0013, 0014). */
import type { JsonText, Timestamp } from './columns.ts';

export type CaseChannel = 'window' | 'appointment' | 'home_visit' | 'agent' | 'online' | 'phone';

/**
 * GS-7: the states of a case. The workflow (src/modules/cases/case.workflow.ts) lists them in
 * CASE_STATES, checked both ways against this union, so the column and the workflow cannot drift.
 */
export type CaseState =
  | 'awaiting_supplement'
  | 'accepted'
  | 'in_progress'
  | 'suspended'
  | 'decided'
  | 'delivered'
  | 'closed'
  | 'refused'
  | 'withdrawn';

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
  state: CaseState;
  state_before_suspension: CaseState | null;
  first_responder_id: string;
  /** JSON: string[] of material keys */
  presented: JsonText;
  /** JSON: OneTimeNotice */
  notice: JsonText;
  accepted_at: Timestamp | null;
  due_date: string | null;
  result: 'approved' | 'not_approved' | null;
  result_text: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** the random 8-digit 查询码 printed on the receipt; tracking needs it. */
  tracking_code?: string | null;
  /** GS-10: window, appointment, home_visit, agent, online or phone (cases/case.channel.ts). */
  channel: CaseChannel;
  /** Issue #16: when the deadline sweep escalated the case as overdue (once); null before. */
  overdue_escalated_at?: Timestamp | null;
}

export interface CaseActionTable {
  id: string;
  case_id: string;
  seq: number;
  action: string;
  from_state: CaseState | null;
  to_state: CaseState;
  actor_id: string;
  actor_role: string;
  station_id: string | null;
  reason: string | null;
  payload: JsonText | null;
  at: Timestamp;
}

export interface CasePauseTable {
  id: string;
  case_id: string;
  kind: 'supplement' | 'suspension';
  paused_at: Timestamp;
  resumed_at: Timestamp | null;
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
  requested_at: Timestamp;
  satisfied_at: Timestamp | null;
  satisfied_by: string | null;
}

export interface EscalationTable {
  id: string;
  entity_type: 'case' | 'handoff' | 'rating_ticket';
  entity_id: string;
  reason: 'overdue';
  region_code: string;
  station_id: string | null;
  due_date: string;
  escalated_at: Timestamp;
  swept_by: string;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
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
  closed_at: Timestamp | null;
  created_at: Timestamp;
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
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

/** the local outbox staff see; delivery channels come later. */
export interface NotificationTable {
  id: string;
  account_id: string;
  /** Issue #11: what happened (src/modules/notifications/kinds.ts); `legacy` for older rows. */
  kind: string;
  /** JSON: the kind's parameters. */
  params: JsonText;
  entity_type: string | null;
  entity_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

/** GS-6: a resident's authorization of an agent. */
export interface AuthorizationTable {
  id: string;
  resident_id: string;
  agent_account_id: string;
  region_code: string;
  all_items: number;
  /** JSON: string[] of item codes ([] when all_items = 1) */
  item_codes: JsonText;
  /** YYYY-MM-DD (China date), valid through that day. */
  expires_on: string;
  consent_method: 'signed_form' | 'in_person' | 'phone';
  consent_attachment_id: string | null;
  consent_call_ref: string | null;
  recorded_by: string;
  recorded_role: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
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
  uploaded_at: Timestamp;
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
  uploaded_at: Timestamp;
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
  delivered_at: Timestamp;
}
