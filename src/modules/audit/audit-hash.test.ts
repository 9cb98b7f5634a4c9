import { describe, expect, it } from 'vitest';
import {
  auditHash,
  auditMac,
  GENESIS_HASH,
  linkHash,
  verifyChain,
  type ChainRule,
  type HashedAuditFields,
} from './audit-hash.ts';

const KEY = Buffer.alloc(32, 9);
const keyed: ChainRule = { key: KEY, legacyThrough: 0 };

function chain(n: number, rule: ChainRule = keyed) {
  const events = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: HashedAuditFields = {
      seq,
      occurred_at: `2026-03-02T01:00:0${seq % 10}.000Z`,
      actor_id: 'a1',
      actor_role: 'clerk',
      station_id: 's1',
      action: 'resident.registered',
      entity_type: 'resident',
      entity_id: `r${seq}`,
      region_code: '110115110207',
      before_json: null,
      after_json: JSON.stringify({ n: seq }),
      request_id: `q${seq}`,
    };
    const hash = linkHash(rule, prev, e);
    events.push({ ...e, prev_hash: prev, hash });
    prev = hash;
  }
  return events;
}

/** What someone with database access but without the key can do: re-chain with plain SHA-256. */
function rechainUnkeyed(events: ReturnType<typeof chain>, from: number) {
  let prev = from > 1 ? events[from - 2]!.hash : GENESIS_HASH;
  return events.map((e) => {
    if (e.seq < from) return e;
    const hash = auditHash(prev, e);
    const out = { ...e, prev_hash: prev, hash };
    prev = hash;
    return out;
  });
}

describe('audit hash chain (X-4)', () => {
  it('an untouched chain verifies', () => {
    expect(verifyChain(chain(5), keyed)).toMatchObject({
      ok: true,
      checked: 5,
      firstBrokenSeq: null,
    });
  });
  it('an edited payload is named as the first broken link', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, after_json: JSON.stringify({ n: 999 }) };
    expect(verifyChain(events, keyed)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'hash_mismatch',
      checked: 2,
    });
  });
  it('an edited event re-chained without the key (every later hash recomputed) is named', () => {
    const events = chain(6);
    events[2] = { ...events[2]!, actor_id: 'someone-else' };
    const rechained = rechainUnkeyed(events, 3);
    expect(verifyChain(rechained, keyed)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'hash_mismatch',
    });
  });
  it('a re-chain with another key is named too', () => {
    const events = chain(4);
    const forged = chain(4, { key: Buffer.alloc(32, 1), legacyThrough: 0 });
    expect(verifyChain([events[0]!, ...forged.slice(1)], keyed)).toMatchObject({
      ok: false,
      firstBrokenSeq: 2,
    });
  });
  it('an edited and re-hashed (with the key) event breaks the link of the next one', () => {
    const events = chain(5);
    const e = { ...events[1]!, actor_id: 'someone-else' };
    events[1] = { ...e, hash: auditMac(KEY, e.prev_hash, e) };
    expect(verifyChain(events, keyed)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'link_mismatch',
    });
  });
  it('a deleted event is a sequence gap', () => {
    const events = chain(5);
    events.splice(3, 1);
    expect(verifyChain(events, keyed)).toMatchObject({
      ok: false,
      firstBrokenSeq: 5,
      reason: 'sequence_gap',
    });
  });
  it('the MAC covers every field', () => {
    const [e] = chain(1);
    const fields = Object.keys(e!).filter(
      (k) => k !== 'hash' && k !== 'prev_hash',
    ) as (keyof HashedAuditFields)[];
    for (const f of fields) {
      const changed = { ...e!, [f]: f === 'seq' ? 2 : `${String(e![f])}x` };
      expect(auditMac(KEY, GENESIS_HASH, changed), f).not.toBe(e!.hash);
    }
  });
  it('an unkeyed legacy prefix verifies, and keyed events chain on from it', () => {
    const rule = { key: KEY, legacyThrough: 3 };
    const events = chain(6, rule);
    expect(events[2]!.hash).toBe(auditHash(events[2]!.prev_hash, events[2]!));
    expect(events[3]!.hash).toBe(auditMac(KEY, events[3]!.prev_hash, events[3]!));
    expect(verifyChain(events, rule)).toMatchObject({ ok: true, checked: 6 });
    // Past the boundary an unkeyed link is refused.
    expect(verifyChain(rechainUnkeyed(events, 5), rule)).toMatchObject({
      ok: false,
      firstBrokenSeq: 5,
      reason: 'hash_mismatch',
    });
  });
  it('a signed checkpoint with another hash at its seq is named', () => {
    const events = chain(5);
    const signed = new Map([[4, 'f'.repeat(64)]]);
    expect(verifyChain(events, keyed, undefined, signed)).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      reason: 'checkpoint_mismatch',
    });
    expect(verifyChain(events, keyed, undefined, new Map([[4, events[3]!.hash]]))).toMatchObject({
      ok: true,
    });
  });
});
