/**
 * recordAudit's chain step for the benches' floors (src/modules/audit/audit.service.ts): the same
 * three statements on the sharded chain of issue #16 point 3 — take the next place in the event's
 * town-and-day shard (creating its head), insert the event with the global row number (a sequence
 * on PostgreSQL, max + 1 under SQLite's one writer), then move the shard's head hash. A floor that
 * still bumped the old global head would take a lock the app no longer takes (flattering the app)
 * and, on SQLite, collide with the app's row numbers.
 */
import type { DatabaseConfig } from '../../src/config.ts';
import { GENESIS_HASH, type HashedAuditFields } from '../../src/modules/audit/audit-hash.ts';
import { currentAuditKeys } from '../../src/modules/audit/audit-key.ts';
import {
  shardLinkHash,
  shardOf,
  type ShardKey,
} from '../../src/modules/audit/audit-shard.rules.ts';
import { chinaDate } from '../../src/shared/china-time.ts';

/** What an audited write describes; the chain adds the place, the hashes and the shard. */
export type FloorAuditEvent = Omit<HashedAuditFields, 'seq'>;

const EVENT_COLUMNS = [
  'occurred_at',
  'actor_id',
  'actor_role',
  'station_id',
  'action',
  'entity_type',
  'entity_id',
  'region_code',
  'before_json',
  'after_json',
  'request_id',
] as const satisfies readonly (keyof FloorAuditEvent)[];

/** The three statements, written with `?` (a PostgreSQL floor numbers them). */
export function floorAuditSql(dialect: DatabaseConfig['dialect']) {
  const rowSeq =
    dialect === 'postgres'
      ? "nextval('audit_events_seq')"
      : '(select coalesce(max(seq), 0) + 1 from audit_events)';
  const columns = [...EVENT_COLUMNS, 'prev_hash', 'hash', 'shard', 'shard_seq'];
  return {
    bumpShard:
      'insert into audit_shard_heads (shard, town, day, seq, hash) values (?, ?, ?, 1, ?) ' +
      'on conflict (shard) do update set seq = audit_shard_heads.seq + 1 ' +
      'where audit_shard_heads.sealed_seq is null returning seq, hash',
    insertEvent: `insert into audit_events (seq, ${columns.join(', ')}) values (${rowSeq}, ${columns.map(() => '?').join(', ')})`,
    setShardHash: 'update audit_shard_heads set hash = ? where shard = ?',
  } as const;
}

/** The shard `event` joins, and the parameters of `bumpShard` for it. */
export function floorShard(event: FloorAuditEvent): { key: ShardKey; bumpParams: unknown[] } {
  const key = shardOf(event.region_code, chinaDate(new Date(event.occurred_at)));
  return { key, bumpParams: [key.shard, key.town, key.day, GENESIS_HASH] };
}

/**
 * The parameters of `insertEvent` and `setShardHash` once `bumpShard` answered `head` (none: the
 * shard-day is sealed, which a floor's fresh clock never meets; the app then moves to the next day).
 */
export function floorChained(
  key: ShardKey,
  head: { seq: number | string; hash: string } | undefined,
  event: FloorAuditEvent,
): { insertParams: unknown[]; setParams: unknown[] } {
  if (!head) throw new Error(`floor: audit shard ${key.shard} is sealed`);
  const shardSeq = Number(head.seq);
  const hash = shardLinkHash(currentAuditKeys().chain, key.shard, head.hash, {
    ...event,
    seq: shardSeq,
  });
  return {
    insertParams: [...EVENT_COLUMNS.map((c) => event[c]), head.hash, hash, key.shard, shardSeq],
    setParams: [hash, key.shard],
  };
}

/** The names of the three statements (keys of `floorAuditSql`), for a floor's statement map. */
export type FloorAuditStatement = keyof ReturnType<typeof floorAuditSql>;

/** A floor's handle on its open transaction: `get` answers the first row (or none). */
export interface FloorAuditTx {
  get(name: FloorAuditStatement, params: unknown[]): Promise<unknown>;
  run(name: FloorAuditStatement, params: unknown[]): Promise<unknown>;
}

/** recordAudit's three statements on a floor whose map holds `floorAuditSql(dialect)`. */
export async function floorAppendAudit(tx: FloorAuditTx, event: FloorAuditEvent): Promise<void> {
  const { key, bumpParams } = floorShard(event);
  const head = (await tx.get('bumpShard', bumpParams)) as { seq: number; hash: string } | undefined;
  const { insertParams, setParams } = floorChained(key, head, event);
  await tx.run('insertEvent', insertParams);
  await tx.run('setShardHash', setParams);
}
