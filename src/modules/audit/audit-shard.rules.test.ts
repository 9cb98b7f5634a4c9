import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from './audit-hash.ts';
import {
  checkShardAgainstSeal,
  dayAfter,
  isClosedDay,
  sealHash,
  shardLinkHash,
  shardOf,
  verifySealChain,
  verifyShardEvents,
  type ShardEvent,
  type StoredSeal,
} from './audit-shard.rules.ts';

const KEY = Buffer.alloc(32, 7);

function chain(shard: string, n: number): ShardEvent[] {
  const out: ShardEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = {
      seq: i,
      globalSeq: 100 + i,
      occurred_at: `2026-12-05T0${i}:00:00.000Z`,
      actor_id: null,
      actor_role: 'cli',
      station_id: null,
      action: 'case.filed',
      entity_type: 'case',
      entity_id: `c${i}`,
      region_code: '330106001002',
      before_json: null,
      after_json: `{"i":${i}}`,
      request_id: null,
    };
    const hash = shardLinkHash(KEY, shard, prev, e);
    out.push({ ...e, prev_hash: prev, hash });
    prev = hash;
  }
  return out;
}

function seals(n: number): StoredSeal[] {
  const out: StoredSeal[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const s = {
      seq: i,
      shard: `33010600${i}:20261204`,
      day: '2026-12-04',
      last_seq: i * 3,
      last_hash: 'a'.repeat(64),
      sealed_at: '2026-12-05T00:10:00.000Z',
    };
    const hash = sealHash(KEY, prev, s);
    out.push({ ...s, prev_hash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit shards (#16 point 3)', () => {
  it('puts an event in its town’s shard of the China day, or the system’s', () => {
    expect(shardOf('330106001002', '2026-12-05')).toEqual({
      shard: '330106001:20261205',
      town: '330106001',
      day: '2026-12-05',
    });
    expect(shardOf('330106001002003', '2026-12-05').shard).toBe('330106001:20261205');
    expect(shardOf(null, '2026-12-05').shard).toBe('system:20261205');
    expect(shardOf('33', '2026-12-05').town).toBe('system');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
    expect(isClosedDay('2026-12-04', '2026-12-05')).toBe(true);
    expect(isClosedDay('2026-12-05', '2026-12-05')).toBe(false);
  });

  it('a shard chain verifies; an edit, a gap or a moved event is named', () => {
    const events = chain('330106001:20261205', 4);
    expect(verifyShardEvents(KEY, '330106001:20261205', events)).toMatchObject({
      ok: true,
      checked: 4,
      tail: { seq: 4, hash: events[3]!.hash },
    });
    const edited = events.map((e, i) => (i === 2 ? { ...e, entity_id: 'x' } : e));
    expect(verifyShardEvents(KEY, '330106001:20261205', edited)).toMatchObject({
      ok: false,
      reason: 'hash_mismatch',
      at: 103,
      checked: 2,
    });
    expect(
      verifyShardEvents(KEY, '330106001:20261205', [events[0]!, events[2]!, events[3]!]),
    ).toMatchObject({ ok: false, reason: 'sequence_gap', at: 103 });
    // The same events under another shard's name (moved between towns) do not verify.
    expect(verifyShardEvents(KEY, '330106002:20261205', events)).toMatchObject({
      ok: false,
      reason: 'hash_mismatch',
      at: 101,
    });
    expect(verifyShardEvents(Buffer.alloc(32, 8), '330106001:20261205', events).ok).toBe(false);
  });

  it('the seal chain verifies; a dropped or edited seal is named', () => {
    const all = seals(4);
    expect(verifySealChain(KEY, all)).toMatchObject({ ok: true, checked: 4 });
    expect(verifySealChain(KEY, [all[0]!, all[2]!, all[3]!])).toMatchObject({
      ok: false,
      reason: 'seal_gap',
      at: 3,
    });
    expect(
      verifySealChain(
        KEY,
        all.map((s, i) => (i === 1 ? { ...s, last_seq: s.last_seq - 1 } : s)),
      ),
    ).toMatchObject({ ok: false, reason: 'seal_hash_mismatch', at: 2 });
  });

  it('a shard must end at its head, match its seal, and not be skipped by the sealing', () => {
    const tail = { seq: 5, hash: 'b'.repeat(64) };
    const head = { shard: 's', day: '2026-12-04', seq: 5, hash: tail.hash, sealed_seq: 9 };
    const seal = { seq: 9, last_seq: 5, last_hash: tail.hash };
    expect(checkShardAgainstSeal(head, tail, seal, '2026-12-04')).toBeNull();
    expect(checkShardAgainstSeal(head, { seq: 4, hash: 'c'.repeat(64) }, seal, null)).toBe(
      'head_mismatch',
    );
    // the tail cut and the head rewound: the seal still names the real last event
    const rewound = { ...head, seq: 4, hash: 'c'.repeat(64) };
    expect(checkShardAgainstSeal(rewound, { seq: 4, hash: 'c'.repeat(64) }, seal, null)).toBe(
      'seal_mismatch',
    );
    expect(checkShardAgainstSeal(head, tail, undefined, null)).toBe('seal_missing');
    const unsealed = { ...head, sealed_seq: null };
    expect(checkShardAgainstSeal(unsealed, tail, undefined, '2026-12-05')).toBe('seal_missing');
    expect(checkShardAgainstSeal(unsealed, tail, undefined, '2026-12-04')).toBeNull();
  });
});
