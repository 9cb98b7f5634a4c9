/** The audit chain, idempotency keys, counters and instance facts (0001, 0014, 0016, 0017). */
import type { JsonText, Timestamp } from './columns.ts';

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** 0017: events up to this seq were chained unkeyed (plain SHA-256), later ones with HMAC. */
  legacy_through: number;
}

export interface AuditEventTable {
  seq: number;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_role: string | null;
  station_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  region_code: string | null;
  before_json: JsonText | null;
  after_json: JsonText | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  /** 0048: `<town>:<YYYYMMDD>` or `system:<YYYYMMDD>`; null for the legacy (global) chain. */
  shard: string | null;
  /** 0048: the event's place in its shard's chain (1, 2, …); null in the legacy chain. */
  shard_seq: number | null;
}

/** 0048: the head of one shard's chain (a town's or the system's events of one China day). */
export interface AuditShardHeadTable {
  shard: string;
  /** The 9-digit town code, or `system`. */
  town: string;
  /** The China day, YYYY-MM-DD. */
  day: string;
  seq: number;
  hash: string;
  /** The seal that closed this shard; no event joins it after. */
  sealed_seq: number | null;
}

/** 0048: one seal per closed shard-day, chained in the order they were sealed. */
export interface AuditSealTable {
  seq: number;
  /** `legacy` for the chain before 0048 (sealed first). */
  shard: string;
  day: string;
  last_seq: number;
  last_hash: string;
  sealed_at: Timestamp;
  prev_hash: string;
  hash: string;
}

export interface AuditSealHeadTable {
  id: number;
  seq: number;
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
  created_at: Timestamp;
  completed_at: Timestamp | null;
  /** Migration 0016: the claiming request (a random id); null on rows older than 0016. */
  claim_id: string | null;
  /** Migration 0016: the first audited entity of the committed write (what it created). */
  resource_type: string | null;
  resource_id: string | null;
}

export interface CounterTable {
  name: string;
  value: number;
}

/** 0014: facts about this deployment (the data key's fingerprint). */
export interface InstanceMetaTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}
