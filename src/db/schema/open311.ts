/**
 * Row types of Open311 GeoReport v2 (issue #15 point 7, migration 0039): the API keys an
 * administrator issues (hashed, one town each) and the requests filed through them. Joined into
 * `Database` (schema.ts).
 */
import type { Timestamp } from './columns.ts';

export type Open311TargetKind = 'inquiry' | 'need';

export interface Open311ApiKeyTable {
  id: string;
  /** Who the key was issued to, e.g. "12345 热线". */
  name: string;
  /** The town (region code) the key files in: Open311's jurisdiction_id. */
  jurisdiction_code: string;
  /** sha256 of the key; the key itself is shown once, when issued. */
  key_hash: string;
  /** The key's first characters, so staff can tell keys apart. */
  key_hint: string;
  /** The staff account whose station grant records what the key files (first responder). */
  acting_account_id: string;
  created_by: string;
  created_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface Open311RequestTable {
  /** Open311's service_request_id. */
  id: string;
  api_key_id: string;
  jurisdiction_code: string;
  service_code: string;
  /** "key:<Idempotency-Key>" or "body:<sha256>:<window>" — unique per API key. */
  dedupe_key: string;
  /** sha256 of the request's fields: a reused Idempotency-Key with another body is refused. */
  body_hash: string;
  target_kind: Open311TargetKind;
  inquiry_id: string | null;
  need_id: string | null;
  /** The description as filed (free text, checked for personal numbers). */
  description: string;
  address: string | null;
  /** WGS84 decimal degrees, kept as sent (text: no float rounding on either dialect). */
  lat: string | null;
  long: string | null;
  created_at: Timestamp;
}

export interface Open311Database {
  open311_api_keys: Open311ApiKeyTable;
  open311_requests: Open311RequestTable;
}
