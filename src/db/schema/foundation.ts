/** Regions, stations, residents, accounts and sign-in (migrations 0001, 0015, 0019). */
import type { JsonText, Timestamp } from './columns.ts';
import type { Generated } from 'kysely';

export type RegionLevel = 'province' | 'city' | 'district' | 'town' | 'village' | 'grid';
export type StationKind = 'district_centre' | 'town_centre' | 'village_station';

export interface RegionTable {
  code: string;
  name: string;
  parent_code: string | null;
  level: RegionLevel;
  created_at: Timestamp;
  /** Migration 0040: `|name|full pinyin|initials|`, lower-case (regions/region-search.ts). */
  search_key: string;
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
  opening_hours: JsonText;
  is_demo: number;
  created_at: Timestamp;
  updated_at: Timestamp;
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
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  status: 'active' | 'disabled';
  resident_id: string | null;
  /** JSON: AccountPreferences */
  preferences: JsonText;
  is_demo: number;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** the TOTP secret (base32), encrypted with the data key; null until enrolment starts. */
  totp_secret_cipher: string | null;
  /** When the second factor was confirmed; login asks for a code only after that. */
  totp_enabled_at: Timestamp | null;
  /** The last accepted TOTP time step: a code is accepted once. */
  totp_last_step: number | null;
  /** Issue #11: the mobile for SMS-code login, encrypted; its keyed hash for lookup; masked. */
  phone_cipher: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  /** Issue #15 point 4 (0045): 1 while the account holds a one-time password it must change. */
  must_change_password: Generated<number>;
}

/** Issue #11: a message to send on one channel, written in the business transaction, sent by the
 * sweep. Issue #15 point 5 (0041): any channel, the states queued → sending → submitted →
 * delivered | failed | expired | suppressed, a unique dedupe key, fallback, subject. */
export interface OutboxMessageTable {
  id: string;
  channel: 'sms' | 'wechat' | 'email' | 'webhook' | 'print';
  recipient_cipher: string;
  recipient_masked: string;
  template_kind: string;
  /** JSON params, encrypted with the data key (a login code may be among them). */
  params_cipher: string;
  status: 'queued' | 'sending' | 'submitted' | 'delivered' | 'failed' | 'expired' | 'suppressed';
  attempts: number;
  next_attempt_at: Timestamp;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  provider_message_id: string | null;
  created_at: Timestamp;
  /** 1: a demo message (to a demo resident), written as `suppressed` and never sent (0037). */
  is_demo: number;
  /** 0041: unique; the same message is queued once (null: no dedupe). */
  dedupe_key: string | null;
  /** 0041: keyed hash of the recipient (per-number rate limits, a person's messages). */
  recipient_hash: string | null;
  /** 0041: the provider that took it (log, aliyun, tencent, smtp, webhook, print). */
  provider: string | null;
  /** 0041: the last error's kind. */
  error_kind: 'permanent' | 'transient' | 'refused' | null;
  delivered_at: Timestamp | null;
  /** 0041: not sent after this instant → expired (a reminder after its appointment). */
  expires_at: Timestamp | null;
  /** 0041: WeChat refused → this channel to the fallback recipient (encrypted). */
  fallback_channel: 'sms' | null;
  fallback_recipient_cipher: string | null;
  /** 0041: the message this one is the fallback of. */
  fallback_of: string | null;
  /** 0041: what the message is about (case, resident, order, enrolment, webhook_subscriber). */
  subject_type: string | null;
  subject_id: string | null;
  region_code: string | null;
  /** 0041: the message a staff resend copied. */
  resent_of: string | null;
}

/** Issue #15 point 6 (X-9, 0041): an integrator's webhook for one town. */
export interface WebhookSubscriberTable {
  id: string;
  name: string;
  region_code: string;
  url: string;
  /** JSON: string[] of event names (webhooks.events.ts). */
  events: JsonText;
  /** The HMAC secret, encrypted with the data key; shown once when created. */
  secret_cipher: string;
  secret_hint: string;
  created_by: string;
  created_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
}

/** Issue #11: a login code sent by SMS, kept as a keyed hash. */
export interface SmsLoginCodeTable {
  id: string;
  phone_hash: string;
  /** null when the phone belongs to no account (nothing is sent; the answer is the same). */
  account_id: string | null;
  code_hash: string;
  attempts: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface AccountRecoveryCodeTable {
  account_id: string;
  /** sha256 of a one-time recovery code */
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RoleGrantTable {
  id: string;
  account_id: string;
  role: string;
  /** The region the grant reaches; for a station grant, the station's region. */
  region_code: string;
  station_id: string | null;
  created_at: Timestamp;
}

export interface SessionTable {
  /** sha256 of the token; the token itself is never stored. */
  id: string;
  account_id: string;
  kind: 'cookie' | 'bearer';
  label: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
  /** Issue #11: a sliding session (SMS login on one's own phone): each use extends it this long. */
  sliding_hours: number | null;
}

export interface LoginThrottleTable {
  bucket: string;
  window_start: Timestamp;
  failures: number;
}
