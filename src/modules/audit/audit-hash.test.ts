import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, verifyChain, type HashedAuditFields } from './audit-hash.ts';

function chain(n: number) {
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
    const hash = auditHash(prev, e);
    events.push({ ...e, prev_hash: prev, hash });
    prev = hash;
  }
  return events;
}

describe('audit hash chain (X-4)', () => {
  it('an untouched chain verifies', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, checked: 5, firstBrokenSeq: null });
  });
  it('an edited payload is named as the first broken link', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, after_json: JSON.stringify({ n: 999 }) };
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'hash_mismatch',
      checked: 2,
    });
  });
  it('an edited and re-hashed event breaks the link of the next one', () => {
    const events = chain(5);
    const e = { ...events[1]!, actor_id: 'someone-else' };
    events[1] = { ...e, hash: auditHash(e.prev_hash, e) };
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'link_mismatch',
    });
  });
  it('a deleted event is a sequence gap', () => {
    const events = chain(5);
    events.splice(3, 1);
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      firstBrokenSeq: 5,
      reason: 'sequence_gap',
    });
  });
  it('the hash covers every field', () => {
    const [e] = chain(1);
    const fields = Object.keys(e!).filter(
      (k) => k !== 'hash' && k !== 'prev_hash',
    ) as (keyof HashedAuditFields)[];
    for (const f of fields) {
      const changed = { ...e!, [f]: f === 'seq' ? 2 : `${String(e![f])}x` };
      expect(auditHash(GENESIS_HASH, changed), f).not.toBe(e!.hash);
    }
  });
});
