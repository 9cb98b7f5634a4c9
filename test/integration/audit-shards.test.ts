/**
 * Issue #16 point 3: no global serialisation point. Case numbers come from one daily counter per
 * town; the audit chain is chained per shard (town or system, China day) and sealed by a job that
 * chains the seals. Two towns filing at once never touch the same counter or head row; verify
 * still catches an edited event, a deleted event and a missing seal; two nodes seal once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealClosedShards } from '../../src/modules/audit/audit-seal.ts';
import { recordAudit, verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { asIntruder } from '../helpers/audit-tamper.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { TEST_DIALECT } from '../helpers/test-db.ts';
import { LI } from './cases.fixtures.ts';

const DAY = 86_400_000;
const WSZ = '110115110'; // 魏善庄镇 (clerk, 伊庄村)
const QYD = '110115103'; // 青云店镇 (clerk-qyd)

describe('#16 point 3: per-town case numbers and audit shards', () => {
  let t: TestApp;
  let clerk: Client;
  let qyd: Client;
  let liId: string;
  let qydResidentId: string;
  const k = () => t.testDb.db.kysely;
  const file = (c: Client, residentId: string) =>
    c.call('POST', '/api/v1/cases', {
      residentId,
      itemCode: 'DX-SB-001',
      presented: ['id_card', 'photo_1inch'],
    });

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    qyd = await t.login('clerk-qyd');
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    const village = await k()
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', `${QYD}000`)
      .orderBy('code', 'desc')
      .executeTakeFirstOrThrow();
    const registered = await qyd.call('POST', '/api/v1/residents', {
      idNumber: buildIdNumber('110115', '19560101', '031'),
      fullName: '青云店居民',
      homeRegionCode: village.code,
      address: '青云店镇',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    qydResidentId = registered.json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  it('two towns filing at once take their own counter row and their own audit head row', async () => {
    const n = 8;
    const demoFiled = await k()
      .selectFrom('counters')
      .select('value')
      .where('name', '=', `case:${WSZ}:20260302`)
      .executeTakeFirst();
    const filed = await Promise.all(
      Array.from({ length: n }, () => [file(clerk, liId), file(qyd, qydResidentId)]).flat(),
    );
    for (const r of filed) expect(r.statusCode, r.body).toBe(201);
    const numbers = filed.map((r) => r.json<{ number: string }>().number);
    const wsz = numbers.filter((_, i) => i % 2 === 0);
    const qydNumbers = numbers.filter((_, i) => i % 2 === 1);
    for (const x of wsz) expect(x).toMatch(new RegExp(`^${WSZ}-20260302-\\d{7}$`));
    for (const x of qydNumbers) expect(x).toMatch(new RegExp(`^${QYD}-20260302-\\d{7}$`));
    expect(qydNumbers.map((x) => Number(x.slice(-7))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: n }, (_, i) => i + 1),
    );

    const counters = await k()
      .selectFrom('counters')
      .selectAll()
      .where('name', 'like', 'case:%')
      .orderBy('name')
      .execute();
    expect(counters.map((c) => [c.name, Number(c.value)])).toEqual([
      [`case:${QYD}:20260302`, n],
      [`case:${WSZ}:20260302`, Number(demoFiled?.value ?? 0) + n],
    ]);

    // Each town's filings are chained in that town's shard; its head counts exactly them.
    const events = await k()
      .selectFrom('audit_events')
      .select(['shard', 'region_code'])
      .where('action', '=', 'case.filed')
      .where(
        'entity_id',
        'in',
        filed.map((r) => r.json<{ id: string }>().id),
      )
      .execute();
    expect(events).toHaveLength(2 * n);
    for (const e of events) expect(e.shard).toBe(`${e.region_code!.slice(0, 9)}:20260302`);
    for (const town of [WSZ, QYD]) {
      const shard = `${town}:20260302`;
      const head = await k()
        .selectFrom('audit_shard_heads')
        .selectAll()
        .where('shard', '=', shard)
        .executeTakeFirstOrThrow();
      const inShard = await k()
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('shard', '=', shard)
        .executeTakeFirstOrThrow();
      expect(Number(head.seq)).toBe(Number(inShard.n));
      expect(head.town).toBe(town);
    }
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true });
  });

  it('200 parallel filings get 200 distinct numbers', async () => {
    const filed = await Promise.all(Array.from({ length: 200 }, () => file(clerk, liId)));
    for (const r of filed) expect(r.statusCode, r.body).toBe(201);
    const numbers = new Set(filed.map((r) => r.json<{ number: string }>().number));
    expect(numbers.size).toBe(200);
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true });
  });

  it('closed days are sealed in order, each seal chaining the previous; a late event moves on', async () => {
    // The demo's days before today, the legacy chain first.
    expect((await sealClosedShards(k(), { now: t.clock.now })).sealed).toBeGreaterThanOrEqual(1);
    t.clock.advance(DAY);
    const r = await sealClosedShards(k(), { now: t.clock.now });
    expect(r.sealed).toBeGreaterThanOrEqual(2); // both towns of 2 March, at least
    const seals = await k().selectFrom('audit_seals').selectAll().orderBy('seq').execute();
    expect(seals[0]).toMatchObject({ seq: 1, shard: 'legacy' });
    const order = seals.slice(1).map((s) => `${s.day} ${s.shard}`);
    expect(order).toEqual([...order].sort());
    for (let i = 1; i < seals.length; i++) expect(seals[i]!.prev_hash).toBe(seals[i - 1]!.hash);
    // An event written for a day already sealed (a transaction that began before midnight).
    await k()
      .transaction()
      .execute((trx) =>
        recordAudit(trx, {
          actor: { accountId: null, role: 'cli', stationId: null },
          action: 'region.imported',
          entityType: 'region',
          entityId: 'late',
          regionCode: `${WSZ}207`,
          now: new Date(t.clock.now.getTime() - DAY),
        }),
      );
    const late = await k()
      .selectFrom('audit_events')
      .select('shard')
      .where('entity_id', '=', 'late')
      .executeTakeFirstOrThrow();
    expect(late.shard).toBe(`${WSZ}:20260303`);
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true, seals: seals.length });
  });

  /** Tamper, check what verify says, put everything back exactly. */
  async function tampered(
    change: Parameters<typeof asIntruder>[1],
    undo: Parameters<typeof asIntruder>[1],
  ) {
    await asIntruder(t.testDb.db, change);
    try {
      return await verifyAuditChain(k());
    } finally {
      await asIntruder(t.testDb.db, undo);
      expect(await verifyAuditChain(k())).toMatchObject({ ok: true });
    }
  }

  const eventsOf = (shard: string) =>
    k().selectFrom('audit_events').selectAll().where('shard', '=', shard).orderBy('shard_seq');

  it('verify detects an edited event in any shard', async () => {
    const shard = `${QYD}:20260302`;
    const target = (await eventsOf(shard).execute())[3]!;
    const result = await tampered(
      (kk) =>
        kk
          .updateTable('audit_events')
          .set({ after_json: '{"number":"x"}' })
          .where('seq', '=', target.seq)
          .execute()
          .then(() => undefined),
      (kk) =>
        kk
          .updateTable('audit_events')
          .set({ after_json: target.after_json })
          .where('seq', '=', target.seq)
          .execute()
          .then(() => undefined),
    );
    expect(result).toMatchObject({
      ok: false,
      reason: 'hash_mismatch',
      shard,
      firstBrokenSeq: Number(target.seq),
    });
  });

  it('verify detects a deleted event: in the middle, and at the sealed end with the head rewound', async () => {
    const shard = `${WSZ}:20260302`;
    const events = await eventsOf(shard).execute();
    const middle = events[10]!;
    const gone = await tampered(
      (kk) =>
        kk
          .deleteFrom('audit_events')
          .where('seq', '=', middle.seq)
          .execute()
          .then(() => undefined),
      (kk) =>
        kk
          .insertInto('audit_events')
          .values(middle)
          .execute()
          .then(() => undefined),
    );
    expect(gone).toMatchObject({ ok: false, reason: 'sequence_gap', shard });

    const last = events[events.length - 1]!;
    const before = events[events.length - 2]!;
    const cut = await tampered(
      async (kk) => {
        await kk.deleteFrom('audit_events').where('seq', '=', last.seq).execute();
        await kk
          .updateTable('audit_shard_heads')
          .set({ seq: Number(before.shard_seq), hash: before.hash })
          .where('shard', '=', shard)
          .execute();
      },
      async (kk) => {
        await kk.insertInto('audit_events').values(last).execute();
        await kk
          .updateTable('audit_shard_heads')
          .set({ seq: Number(last.shard_seq), hash: last.hash })
          .where('shard', '=', shard)
          .execute();
      },
    );
    // The links still hold; the seal (keyed, chained) remembers the real last event.
    expect(cut).toMatchObject({ ok: false, reason: 'seal_mismatch', shard });
  });

  it('verify detects a missing seal: gone from the middle, or the last one gone with its head', async () => {
    const seals = await k().selectFrom('audit_seals').selectAll().orderBy('seq').execute();
    const middle = seals[2]!;
    const gap = await tampered(
      (kk) =>
        kk
          .deleteFrom('audit_seals')
          .where('seq', '=', middle.seq)
          .execute()
          .then(() => undefined),
      (kk) =>
        kk
          .insertInto('audit_seals')
          .values(middle)
          .execute()
          .then(() => undefined),
    );
    expect(gap).toMatchObject({ ok: false, reason: 'seal_gap', firstBrokenSeq: middle.seq + 1 });

    const last = seals[seals.length - 1]!;
    const prev = seals[seals.length - 2]!;
    const dropped = await tampered(
      async (kk) => {
        await kk.deleteFrom('audit_seals').where('seq', '=', last.seq).execute();
        await kk
          .updateTable('audit_seal_head')
          .set({ seq: prev.seq, hash: prev.hash })
          .where('id', '=', 1)
          .execute();
      },
      async (kk) => {
        await kk.insertInto('audit_seals').values(last).execute();
        await kk
          .updateTable('audit_seal_head')
          .set({ seq: last.seq, hash: last.hash })
          .where('id', '=', 1)
          .execute();
      },
    );
    // The shard still says which seal closed it.
    expect(dropped).toMatchObject({ ok: false, reason: 'seal_missing', shard: last.shard });
  });

  it('two nodes running the sealing job at once seal each closed shard-day exactly once', async () => {
    // More closed shard-days: filings today (3 March), then the clock moves to 4 March.
    clerk = await t.login('clerk');
    qyd = await t.login('clerk-qyd');
    for (const r of await Promise.all([file(clerk, liId), file(qyd, qydResidentId)]))
      expect(r.statusCode, r.body).toBe(201);
    t.clock.advance(DAY);
    const open = await k()
      .selectFrom('audit_shard_heads')
      .select('shard')
      .where('sealed_seq', 'is', null)
      .where('day', '<', '2026-03-04')
      .execute();
    expect(open.length).toBeGreaterThanOrEqual(2);
    // On PostgreSQL a second node with its own connection pool. SQLite serves one process: there
    // the two runs overlap on the process's one connection.
    const second = TEST_DIALECT === 'postgres' ? t.testDb.openAnother() : t.testDb.db;
    const [a, b] = await Promise.all([
      sealClosedShards(k(), { now: t.clock.now, batch: 1 }),
      sealClosedShards(second.kysely, { now: t.clock.now, batch: 1 }),
    ]);
    expect(a.sealed + b.sealed).toBe(open.length);
    const seals = await k().selectFrom('audit_seals').select('shard').execute();
    expect(new Set(seals.map((s) => s.shard)).size).toBe(seals.length);
    expect(
      await k()
        .selectFrom('audit_shard_heads')
        .select('shard')
        .where('sealed_seq', 'is', null)
        .where('day', '<', '2026-03-04')
        .execute(),
    ).toEqual([]);
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true, seals: seals.length });
  });
});
