/**
 * Issue #16: the benches' floors (bench/lib/floor-audit.ts) chain audit events exactly as the app's
 * recordAudit does — the town-and-China-day shard head, the global row number, the keyed shard
 * link — so the app's verifier accepts a database both have written to. Events are written through
 * the floors' statements on the raw driver (better-sqlite3 / pg), interleaved with the app's, in
 * two towns, the system shard and two China days (either side of midnight China time, 16:00 UTC).
 * An event edited afterwards must break verification.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { recordAudit, verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import {
  floorAppendAudit,
  floorAuditSql,
  type FloorAuditEvent,
  type FloorAuditStatement,
  type FloorAuditTx,
} from '../../bench/lib/floor-audit.ts';
import { asIntruder } from '../helpers/audit-tamper.ts';
import { TEST_KEY } from '../helpers/test-constants.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const WSZ = '110115110'; // 魏善庄镇
const QYD = '110115103'; // 青云店镇
/** 23:50 and 00:30 China time: 2 and 3 March 2026. */
const LATE = Date.parse('2026-03-02T15:50:00Z');
const AFTER_MIDNIGHT = Date.parse('2026-03-02T16:30:00Z');

/** One audited write of a floor: its own transaction on the raw driver, as the floors do. */
type FloorWriter = {
  write(event: FloorAuditEvent): Promise<void>;
  close(): Promise<void>;
};

function sqliteWriter(file: string): FloorWriter {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const st = Object.fromEntries(
    Object.entries(floorAuditSql('sqlite')).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Record<FloorAuditStatement, SQLite.Statement>;
  const tx: FloorAuditTx = {
    get: async (name, params) => st[name].get(...params),
    run: async (name, params) => st[name].run(...params),
  };
  return {
    async write(event) {
      db.prepare('BEGIN IMMEDIATE').run();
      try {
        await floorAppendAudit(tx, event);
        db.prepare('COMMIT').run();
      } catch (e) {
        db.prepare('ROLLBACK').run();
        throw e;
      }
    },
    close: async () => void db.close(),
  };
}

async function postgresWriter(url: string): Promise<FloorWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const text = Object.fromEntries(
    Object.entries(floorAuditSql('postgres')).map(([name, sql]) => {
      let n = 0;
      return [name, sql.replace(/\?/g, () => `$${++n}`)];
    }),
  ) as Record<FloorAuditStatement, string>;
  const tx: FloorAuditTx = {
    get: async (name, params) =>
      (await client.query<pg.QueryResultRow>(text[name], params)).rows[0],
    run: async (name, params) => client.query(text[name], params),
  };
  return {
    async write(event) {
      await client.query('begin');
      try {
        await floorAppendAudit(tx, event);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
    },
    close: () => client.end(),
  };
}

describe('#16 the bench floors chain audit events as recordAudit does', () => {
  let t: TestDb;
  let floor: FloorWriter;
  let baseline: number;
  const k = () => t.db.kysely;
  let n = 0;

  const floorEvent = (regionCode: string | null, at: number) =>
    floor.write({
      occurred_at: new Date(at).toISOString(),
      actor_id: null,
      actor_role: 'guardian',
      station_id: null,
      action: 'enrolment.created',
      entity_type: 'enrolment',
      entity_id: `floor-${++n}`,
      region_code: regionCode,
      before_json: null,
      after_json: JSON.stringify({ position: n, priorityGroups: [] }),
      request_id: `req-${n}`,
    });
  const appEvent = (regionCode: string | null, at: number) =>
    k()
      .transaction()
      .execute((trx) =>
        recordAudit(trx, {
          actor: { accountId: null, role: 'cli', stationId: null },
          action: 'region.imported',
          entityType: 'region',
          entityId: `app-${++n}`,
          regionCode,
          after: { n },
          now: new Date(at),
        }),
      );

  beforeAll(async () => {
    installAuditKeys(deriveAuditKeys({ dataKey: TEST_KEY }));
    t = await createTestDb();
    floor =
      t.config.dialect === 'sqlite'
        ? sqliteWriter(t.config.file)
        : await postgresWriter(t.config.url);
    const before = await verifyAuditChain(k());
    expect(before).toMatchObject({ ok: true });
    baseline = before.checked;
  });
  afterAll(async () => {
    await floor?.close();
    await t?.drop();
  });

  it("interleaved floor and app events verify, each in its town's shard of its China day", async () => {
    await floorEvent(`${WSZ}207`, LATE);
    await appEvent(`${WSZ}207`, LATE + 1_000);
    await floorEvent(`${WSZ}208`, LATE + 2_000);
    await floorEvent(`${QYD}001`, LATE + 3_000);
    await appEvent(`${QYD}001`, AFTER_MIDNIGHT);
    await floorEvent(`${QYD}002`, AFTER_MIDNIGHT + 1_000);
    await floorEvent(`${WSZ}207`, AFTER_MIDNIGHT + 2_000);
    await appEvent(`${WSZ}207`, AFTER_MIDNIGHT + 3_000);
    await floorEvent(null, AFTER_MIDNIGHT + 4_000);
    await appEvent(null, AFTER_MIDNIGHT + 5_000);
    await floorEvent(`${WSZ}207`, LATE + 4_000); // a late writer of the day before
    const written = n;

    const rows = await k()
      .selectFrom('audit_events')
      .select(['seq', 'entity_id', 'shard', 'shard_seq'])
      .where((eb) => eb.or([eb('entity_id', 'like', 'floor-%'), eb('entity_id', 'like', 'app-%')]))
      .orderBy('seq')
      .execute();
    expect(rows).toHaveLength(written);
    expect(new Set(rows.map((r) => Number(r.seq))).size).toBe(written);
    expect(rows.map((r) => [r.entity_id, r.shard, Number(r.shard_seq)])).toEqual([
      ['floor-1', `${WSZ}:20260302`, 1],
      ['app-2', `${WSZ}:20260302`, 2],
      ['floor-3', `${WSZ}:20260302`, 3],
      ['floor-4', `${QYD}:20260302`, 1],
      ['app-5', `${QYD}:20260303`, 1],
      ['floor-6', `${QYD}:20260303`, 2],
      ['floor-7', `${WSZ}:20260303`, 1],
      ['app-8', `${WSZ}:20260303`, 2],
      ['floor-9', 'system:20260303', 1],
      ['app-10', 'system:20260303', 2],
      ['floor-11', `${WSZ}:20260302`, 4],
    ]);
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true, checked: baseline + written });
  });

  it('a floor event edited afterwards fails verification', async () => {
    const target = await k()
      .selectFrom('audit_events')
      .select(['seq', 'after_json', 'shard'])
      .where('entity_id', '=', 'floor-6')
      .executeTakeFirstOrThrow();
    const setAfter =
      (after: string | null) => (kk: Parameters<Parameters<typeof asIntruder>[1]>[0]) =>
        kk
          .updateTable('audit_events')
          .set({ after_json: after })
          .where('seq', '=', target.seq)
          .execute()
          .then(() => undefined);
    await asIntruder(t.db, setAfter('{"position":1,"priorityGroups":[]}'));
    try {
      expect(await verifyAuditChain(k())).toMatchObject({
        ok: false,
        reason: 'hash_mismatch',
        shard: `${QYD}:20260303`,
        firstBrokenSeq: Number(target.seq),
      });
    } finally {
      await asIntruder(t.db, setAfter(target.after_json));
    }
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true });
  });
});
