/**
 * Issue #10 point 16: the audit chain against someone with database access — a keyed chain,
 * signed checkpoints outside the database, append-only triggers; a legacy prefix stays verifiable.
 * Since #16 point 3 the chain is per shard and the checkpoints sign the head of the seal chain.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { auditHash } from '../../src/modules/audit/audit-hash.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import {
  recordAudit,
  verifyAuditChain,
  writeAuditCheckpoint,
} from '../../src/modules/audit/audit.service.ts';
import { sealClosedShards } from '../../src/modules/audit/audit-seal.ts';
import { appendCheckpoint } from '../../src/modules/audit/audit-checkpoint.ts';
import { asIntruder, rechainWithoutKey } from '../helpers/audit-tamper.ts';
import { createTestApp, START, TEST_KEY, type Client, type TestApp } from '../helpers/test-app.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const sealHeadOf = (k: Kysely<Database>) =>
  k.selectFrom('audit_seal_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
const DAY = 86_400_000;

async function writeSomething(admin: Client, phone: string) {
  const station = (await admin.call('GET', '/api/v1/stations?regionCode=110115110207')).json<
    { id: string }[]
  >()[0]!;
  const res = await admin.call('PATCH', `/api/v1/stations/${station.id}`, { phone });
  expect(res.statusCode).toBe(200);
}

describe('X-4 append-only audit table and checkpoints', () => {
  let t: TestApp;
  let admin: Client;
  let file: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    file = t.app.deps.config.auditCheckpointFile;
  });
  afterAll(async () => t.close());

  it('UPDATE and DELETE of audit events are refused (TRUNCATE too on PostgreSQL)', async () => {
    const k = t.testDb.db.kysely;
    await expect(
      sql`update audit_events set actor_id = 'x' where seq = 1`.execute(k),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = 1`.execute(k)).rejects.toThrow(
      /append-only/,
    );
    if (t.testDb.db.dialect === 'postgres')
      await expect(sql`truncate audit_events`.execute(k)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(k)).toMatchObject({ ok: true, legacyEvents: 0 });
  });

  it('verify signs a checkpoint of the seal head, once per head', async () => {
    t.clock.advance(DAY);
    admin = await t.login('admin');
    expect(
      (await sealClosedShards(t.testDb.db.kysely, { now: t.clock.now })).sealed,
    ).toBeGreaterThan(1);
    const first = await admin.call('POST', '/api/v1/audit/verify');
    expect(first.json()).toMatchObject({ ok: true, checkpointWritten: true, checkpoints: 0 });
    const again = await admin.call('POST', '/api/v1/audit/verify');
    expect(again.json()).toMatchObject({ ok: true, checkpointWritten: false, checkpoints: 1 });
    const line = JSON.parse(fs.readFileSync(file, 'utf8').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({
      v: 2,
      chain: 'seals',
      seq: first.json<{ sealHeadSeq: number }>().sealHeadSeq,
    });
    expect(first.json<{ sealHeadSeq: number }>().sealHeadSeq).toBeGreaterThan(1);
    expect(line.sig).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the periodic checkpoint signs each new seal head once', async () => {
    await writeSomething(admin, '010-20000001');
    // Not sealed yet (the day is open): nothing new to sign.
    expect(await writeAuditCheckpoint(t.testDb.db.kysely, { file, now: t.clock.now })).toEqual({
      written: false,
      unchanged: true,
    });
    t.clock.advance(DAY);
    admin = await t.login('admin');
    await sealClosedShards(t.testDb.db.kysely, { now: t.clock.now });
    const r = await writeAuditCheckpoint(t.testDb.db.kysely, { file, now: t.clock.now });
    expect(r).toMatchObject({ written: true });
    expect(await writeAuditCheckpoint(t.testDb.db.kysely, { file, now: t.clock.now })).toEqual({
      written: false,
      unchanged: true,
    });
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('cutting the seal chain and rewinding its head passes the chain alone but not the checkpoints', async () => {
    await writeSomething(admin, '010-20000002');
    await writeSomething(admin, '010-20000003');
    t.clock.advance(DAY);
    admin = await t.login('admin');
    await sealClosedShards(t.testDb.db.kysely, { now: t.clock.now });
    await writeAuditCheckpoint(t.testDb.db.kysely, { file, now: t.clock.now });
    const head = await sealHeadOf(t.testDb.db.kysely);
    const keep = Number(head.seq) - 1;
    await asIntruder(t.testDb.db, async (k) => {
      const cut = await k
        .selectFrom('audit_seals')
        .select('shard')
        .where('seq', '>', keep)
        .execute();
      const kept = await k
        .selectFrom('audit_seals')
        .select('hash')
        .where('seq', '=', keep)
        .executeTakeFirstOrThrow();
      await k.deleteFrom('audit_seals').where('seq', '>', keep).execute();
      await k
        .updateTable('audit_shard_heads')
        .set({ sealed_seq: null })
        .where(
          'shard',
          'in',
          cut.map((c) => c.shard),
        )
        .execute();
      await k
        .updateTable('audit_seal_head')
        .set({ seq: keep, hash: kept.hash })
        .where('id', '=', 1)
        .execute();
    });
    // Every remaining link still holds: only the checkpoints outside the database can tell.
    expect(await verifyAuditChain(t.testDb.db.kysely)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(t.testDb.db.kysely, { checkpointFile: file })).toMatchObject({
      ok: false,
      firstBrokenSeq: keep + 1,
      reason: 'checkpoint_beyond_head',
    });
    const api = await admin.call('POST', '/api/v1/audit/verify');
    expect(api.json()).toMatchObject({
      ok: false,
      reason: 'checkpoint_beyond_head',
      checkpointWritten: false,
    });
    // The periodic job refuses to sign the rewound head.
    expect(
      await writeAuditCheckpoint(t.testDb.db.kysely, { file, now: t.clock.now }),
    ).toMatchObject({
      written: false,
      unchanged: false,
      problem: { reason: 'checkpoint_beyond_head' },
    });
  });
});

describe('X-4 re-chaining without the key', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
  });
  afterAll(async () => t.close());

  it('an edit with every later hash recomputed is detected and the edited event named', async () => {
    const target = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['seq', 'shard'])
      .where('action', '=', 'resident.registered')
      .orderBy('seq')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    await asIntruder(t.testDb.db, async (k) => {
      await k
        .updateTable('audit_events')
        .set({ after_json: JSON.stringify({ fullName: '篡改' }) })
        .where('seq', '=', target.seq)
        .execute();
      await rechainWithoutKey(k, Number(target.seq), { onlyShard: target.shard! });
    });
    const res = await admin.call('POST', '/api/v1/audit/verify');
    expect(res.json()).toMatchObject({
      ok: false,
      firstBrokenSeq: Number(target.seq),
      reason: 'hash_mismatch',
      shard: target.shard,
    });
  });
});

describe('X-4 moving the legacy boundary', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('a whole chain re-made unkeyed is refused: shards are always keyed, the checkpoints pin the boundary', async () => {
    const file = t.app.deps.config.auditCheckpointFile;
    const k = t.testDb.db.kysely;
    expect(await writeAuditCheckpoint(k, { file, now: t.clock.now })).toMatchObject({
      written: true,
    });
    const total = Number(
      (
        await k
          .selectFrom('audit_events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );
    await asIntruder(t.testDb.db, async (kk) => {
      await kk.updateTable('audit_events').set({ actor_id: null }).where('seq', '=', 2).execute();
      await kk
        .updateTable('audit_head')
        .set({ legacy_through: total })
        .where('id', '=', 1)
        .execute();
      await rechainWithoutKey(kk, 1);
    });
    const alone = await verifyAuditChain(k);
    expect(alone).toMatchObject({ ok: false, reason: 'hash_mismatch' });
    expect(await verifyAuditChain(k, { checkpointFile: file })).toMatchObject({
      ok: false,
      reason: 'legacy_boundary_moved',
      firstBrokenSeq: 1,
    });
  });

  it('an edited checkpoint line is refused', async () => {
    const file = t.app.deps.config.auditCheckpointFile;
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text.replace(/"seq":(\d+)/, (_m, n: string) => `"seq":${Number(n) + 5}`),
    );
    expect(await verifyAuditChain(t.testDb.db.kysely, { checkpointFile: file })).toMatchObject({
      ok: false,
      reason: 'checkpoint_forged',
    });
  });
});

describe('X-4 a database from before the keyed chain', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb(undefined, { migrateUpTo: '0011_star_packs' });
  });
  afterAll(async () => testDb.drop());

  /** The append of the older release: plain SHA-256 links. */
  async function appendLegacy(k: Kysely<Database>, n: number) {
    for (let i = 0; i < n; i++) {
      await k.transaction().execute(async (trx) => {
        const head = await sql<{ seq: number; hash: string }>`
          update audit_head set seq = seq + 1 where id = 1 returning seq, hash`.execute(trx);
        const h = head.rows[0]!;
        const e = {
          seq: Number(h.seq),
          occurred_at: START.toISOString(),
          actor_id: null,
          actor_role: 'cli',
          station_id: null,
          action: 'region.imported',
          entity_type: 'region',
          entity_id: `r${i}`,
          region_code: null,
          before_json: null,
          after_json: JSON.stringify({ i }),
          request_id: null,
        };
        const hash = auditHash(h.hash, e);
        await trx
          .insertInto('audit_events')
          .values({ ...e, prev_hash: h.hash, hash })
          .execute();
        await sql`update audit_head set hash = ${hash} where id = 1`.execute(trx);
      });
    }
  }

  it('old events verify as a legacy prefix and new ones chain on with the key', async () => {
    const k = testDb.db.kysely;
    await appendLegacy(k, 3);
    await migrateToLatest(testDb.db);
    installAuditKeys(deriveAuditKeys({ dataKey: TEST_KEY }));
    for (const id of ['a', 'b'])
      await k.transaction().execute((trx) =>
        recordAudit(trx, {
          actor: { accountId: null, role: 'cli', stationId: null },
          action: 'region.imported',
          entityType: 'region',
          entityId: id,
          now: START,
        }),
      );
    expect(await verifyAuditChain(k)).toMatchObject({ ok: true, checked: 5, legacyEvents: 3 });
    // #16: the old global chain is the legacy shard. A checkpoint line the older release signed
    // (v1, the global head) still verifies against it; the sealing job seals it first.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cp-legacy-')), 'cp.log');
    const legacyHead = await k
      .selectFrom('audit_head')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    appendCheckpoint(file, deriveAuditKeys({ dataKey: TEST_KEY }).checkpoint, {
      seq: 3,
      hash: legacyHead.hash,
      at: START.toISOString(),
      legacyThrough: 3,
      chain: 'legacy',
    });
    expect(await verifyAuditChain(k, { checkpointFile: file })).toMatchObject({
      ok: true,
      checkpoints: 1,
    });
    await sealClosedShards(k, { now: new Date(START.getTime() + 86_400_000) });
    expect(
      await k.selectFrom('audit_seals').selectAll().where('seq', '=', 1).executeTakeFirst(),
    ).toMatchObject({ shard: 'legacy', last_seq: 3, last_hash: legacyHead.hash });
    expect(await verifyAuditChain(k, { checkpointFile: file })).toMatchObject({
      ok: true,
      seals: 2,
    });
    await asIntruder(testDb.db, async (kk) => {
      await kk.updateTable('audit_events').set({ entity_id: 'zz' }).where('seq', '=', 4).execute();
      await rechainWithoutKey(kk, 4);
    });
    expect(await verifyAuditChain(k)).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      reason: 'hash_mismatch',
      legacyEvents: 3,
    });
  });
});
