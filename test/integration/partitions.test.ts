/**
 * Issue #16 point 5: the audit events and the hour records partitioned by China month on
 * PostgreSQL (migration 0054, src/db/partitions.ts). A database with the demo's rows, as the
 * release before left it, is migrated: every row kept, each in its month's partition, the audit
 * chain still verifying. Writes land in their month; a row of 2028 lands in DEFAULT, never an
 * error, and maintenance moves it into its own month; an edit in an old partition is caught; two
 * nodes making partitions at once make each one once; a month's query reads one partition.
 * SQLite keeps plain tables and the maintenance does nothing there.
 */
// The service calls below raise module problems: register every table, as the app does.
import '../../src/server/problem-tables.ts';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ensurePartitions } from '../../src/db/partitions.ts';
import type { Database } from '../../src/db/schema.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { recordAudit, verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { checkIn } from '../../src/modules/activities/attendance.steps.ts';
import { asIntruder } from '../helpers/audit-tamper.ts';
import { demoTemplate } from '../helpers/demo-template-ref.ts';
import { START, TEST_KEY } from '../helpers/test-constants.ts';
import { createTestDb, TEST_DIALECT, type TestDb } from '../helpers/test-db.ts';

const BEFORE_0054 = '0050_cases_overdue_marker';
const PARTITIONED = ['audit_events', 'vs_service_records'] as const;

/** Every value as PostgreSQL's text: a copy that changes nothing on the way. */
const asText = { getTypeParser: () => (v: string) => v };

async function client(url: string) {
  const c = new pg.Client({ connectionString: url, types: asText });
  await c.connect();
  return c;
}

/**
 * Copies every row of the (fully migrated, seeded) demo template into a database migrated only up
 * to the release before 0054, column by column where both have the column — the demo as an older
 * release would hold it. Foreign keys and triggers are off for the copy (session_replication_role),
 * the sequences are moved along.
 */
async function copyDemoInto(fromUrl: string, toUrl: string) {
  const from = await client(fromUrl);
  const to = await client(toUrl);
  try {
    const columnsOf = async (c: pg.Client) => {
      const { rows } = await c.query<{ t: string; col: string }>(`
        select c.relname as t, a.attname as col from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relkind in ('r', 'p') and not c.relispartition and c.relname not like 'kysely_%'
        order by c.relname, a.attnum`);
      const out = new Map<string, string[]>();
      for (const r of rows) out.set(r.t, [...(out.get(r.t) ?? []), r.col]);
      return out;
    };
    const source = await columnsOf(from);
    const target = await columnsOf(to);
    await to.query('set session_replication_role = replica');
    await to.query(`truncate ${[...target.keys()].map((t) => `"${t}"`).join(', ')}`);
    for (const [table, cols] of target) {
      const have = source.get(table);
      if (!have) continue;
      const shared = cols.filter((c) => have.includes(c)).map((c) => `"${c}"`);
      const { rows } = await from.query<string[]>({
        text: `select ${shared.join(', ')} from "${table}"`,
        rowMode: 'array',
      });
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        const values = chunk.map(
          (_, r) => `(${shared.map((__, c) => `$${r * shared.length + c + 1}`).join(', ')})`,
        );
        await to.query(
          `insert into "${table}" (${shared.join(', ')}) values ${values.join(', ')}`,
          chunk.flat(),
        );
      }
    }
    const seqs = await from.query<{ name: string; value: string | null }>(
      `select sequencename as name, last_value as value from pg_sequences where schemaname = 'public'`,
    );
    for (const s of seqs.rows)
      if (s.value !== null) await to.query(`select setval('"${s.name}"', $1)`, [s.value]);
  } finally {
    await from.end();
    await to.end();
  }
}

const countOf = async (k: Kysely<Database>, table: string) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(k)).rows[0]!.n,
  );

/** The partition each row of a table sits in, with how many rows. */
async function placement(k: Kysely<Database>, table: string) {
  const { rows } = await sql<{ part: string; n: string }>`
    select tableoid::regclass::text as part, count(*) as n from ${sql.table(table)}
    group by 1 order by 1`.execute(k);
  return Object.fromEntries(rows.map((r) => [r.part, Number(r.n)]));
}

const partitionOf = async (k: Kysely<Database>, table: string, where: ReturnType<typeof sql>) =>
  (
    await sql<{ part: string }>`select tableoid::regclass::text as part from ${sql.table(
      table,
    )} where ${where}`.execute(k)
  ).rows.map((r) => r.part);

const audit = (k: Kysely<Database>, now: Date, entityId: string) =>
  k.transaction().execute((trx) =>
    recordAudit(trx, {
      actor: { accountId: null, role: 'system', stationId: null },
      action: 'region.imported',
      entityType: 'region',
      entityId,
      regionCode: '110115110207',
      after: { entityId },
      now,
    }),
  );

describe.skipIf(TEST_DIALECT !== 'postgres')('#16 p5 partitions on PostgreSQL', () => {
  let t: TestDb;
  let before: Record<string, number>;
  const k = () => t.db.kysely;

  beforeAll(async () => {
    installAuditKeys(deriveAuditKeys({ dataKey: TEST_KEY }));
    const template = demoTemplate('postgres');
    if (template?.dialect !== 'postgres') throw new Error('no demo template for postgres');
    const demo = await createTestDb('postgres', { fromTemplate: template });
    t = await createTestDb('postgres', { migrateUpTo: BEFORE_0054 });
    if (t.config.dialect !== 'postgres' || demo.config.dialect !== 'postgres') throw new Error();
    await copyDemoInto(demo.config.url, t.config.url);
    await demo.drop();
    before = {};
    for (const table of [...PARTITIONED, 'program_staff'])
      before[table] = await countOf(k(), table);
    await migrateToLatest(t.db);
  }, 120_000);
  afterAll(async () => t?.drop());

  it('migrates a database with rows: every row kept, each in its month, the chain verifying', async () => {
    expect(before.audit_events).toBeGreaterThan(10);
    expect(before.vs_service_records).toBeGreaterThanOrEqual(3);
    for (const table of PARTITIONED) {
      expect(await countOf(k(), table)).toBe(before[table]);
      const { rows } = await sql<{ kind: string }>`
        select relkind as kind from pg_class where oid = to_regclass(${table})`.execute(k());
      expect(rows[0]!.kind).toBe('p');
      // the demo's months have their own partitions: nothing was left in DEFAULT
      const placed = await placement(k(), table);
      expect(
        Object.keys(placed).every((p) => /_p\d{4}_\d{2}$/.test(p)),
        JSON.stringify(placed),
      ).toBe(true);
    }
    // each row in its own China month's partition
    const misplaced = await sql<{ part: string; month: string }>`
      select tableoid::regclass::text as part, to_char(occurred_at at time zone 'Asia/Shanghai',
        '"audit_events_p"YYYY_MM') as month from audit_events
      union all
      select tableoid::regclass::text, 'vs_service_records_p' || replace(substr(service_date, 1, 7), '-', '_')
      from vs_service_records`.execute(k());
    expect(misplaced.rows.filter((r) => r.part !== r.month)).toEqual([]);
    expect(new Set(misplaced.rows.map((r) => r.part)).size).toBeGreaterThan(1);
    // the keys hold the partition key (and, since 0060, start with the hour record's region); the
    // foreign key into the hour records carries the date and the region
    const keys = await sql<{ name: string; def: string }>`
      select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conname in ('audit_events_pkey', 'vs_service_records_pkey', 'vs_service_records_once',
                        'program_staff_service_record_fkey')
      order by conname`.execute(k());
    expect(keys.rows).toEqual([
      { name: 'audit_events_pkey', def: 'PRIMARY KEY (seq, occurred_at)' },
      {
        name: 'program_staff_service_record_fkey',
        def: 'FOREIGN KEY (service_record_region_code, service_record_id, service_record_date) REFERENCES vs_service_records(region_code, id, service_date)',
      },
      {
        name: 'vs_service_records_once',
        def: 'UNIQUE (region_code, volunteer_id, activity_id, service_date)',
      },
      { name: 'vs_service_records_pkey', def: 'PRIMARY KEY (region_code, id, service_date)' },
    ]);
    // 0060 filled every hour record with its activity's region
    const stray = await sql<{ n: string }>`
      select count(*) as n from vs_service_records r join vs_activities a on a.id = r.activity_id
      where r.region_code is distinct from a.region_code`.execute(k());
    expect(Number(stray.rows[0]!.n)).toBe(0);
    const staff = await k()
      .selectFrom('program_staff')
      .select(['service_record_id', 'service_record_date'])
      .where('service_record_id', 'is not', null)
      .execute();
    for (const s of staff) expect(s.service_record_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true });
  });

  it('writes land in their month; a row of 2028 lands in DEFAULT, and maintenance moves it to its month', async () => {
    await ensurePartitions(k(), { now: START });
    const seq = await audit(k(), new Date('2026-03-31T15:59:00Z'), 'p-march'); // 23:59 China
    const april = await audit(k(), new Date('2026-03-31T16:00:00Z'), 'p-april'); // 00:00 China
    expect(await partitionOf(k(), 'audit_events', sql`seq = ${seq}`)).toEqual([
      'audit_events_p2026_03',
    ]);
    expect(await partitionOf(k(), 'audit_events', sql`seq = ${april}`)).toEqual([
      'audit_events_p2026_04',
    ]);

    const far = await audit(k(), new Date('2028-01-15T02:00:00Z'), 'p-2028');
    expect(await partitionOf(k(), 'audit_events', sql`seq = ${far}`)).toEqual([
      'audit_events_default',
    ]);
    const made = await ensurePartitions(k(), { now: START });
    expect(made.created).toEqual(['audit_events_p2028_01']);
    expect(await partitionOf(k(), 'audit_events', sql`seq = ${far}`)).toEqual([
      'audit_events_p2028_01',
    ]);
    expect(await countOf(k(), 'audit_events_default')).toBe(0);
    // the moved partition is guarded like the others: no edit, no delete, no truncate
    await expect(sql`delete from audit_events_p2028_01`.execute(k())).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate audit_events_p2028_01`.execute(k())).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events_default`.execute(k())).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true });
  });

  it('audit verify walks every partition: an edit in an old one is caught, a detached one missed', async () => {
    const old = await k()
      .selectFrom('audit_events')
      .select(['seq', 'occurred_at'])
      .where('occurred_at', '<', '2026-04-01T00:00:00+08:00')
      .where('shard', 'is not', null)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    const where = sql`seq = ${old.seq}`;
    const [part] = await partitionOf(k(), 'audit_events', where);
    expect(part).toMatch(/^audit_events_p2026_0[1-3]$/);
    await asIntruder(t.db, (x) =>
      sql`update ${sql.table(part!)} set entity_id = entity_id || '-x' where ${where}`
        .execute(x)
        .then(() => undefined),
    );
    try {
      expect(await verifyAuditChain(k())).toMatchObject({ ok: false });
    } finally {
      await asIntruder(t.db, (x) =>
        sql`update ${sql.table(part!)} set entity_id = left(entity_id, -2) where ${where}`
          .execute(x)
          .then(() => undefined),
      );
    }
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true });

    // an old month detached (archived away) is missing to verify, and back once re-attached
    await sql`alter table audit_events detach partition ${sql.table(part!)}`.execute(k());
    try {
      expect(await verifyAuditChain(k())).toMatchObject({ ok: false });
    } finally {
      const month = part!.slice(-7).replace('_', '-');
      const next = month.endsWith('03') ? '2026-04' : month.endsWith('02') ? '2026-03' : '2026-02';
      await sql`alter table audit_events attach partition ${sql.table(part!)} for values
        from (${sql.lit(`${month}-01 00:00:00+08`)}) to (${sql.lit(`${next}-01 00:00:00+08`)})`.execute(
        k(),
      );
    }
    expect(await verifyAuditChain(k())).toMatchObject({ ok: true });
  });

  it('one hour record per volunteer and activity, though the key now holds the date', async () => {
    const rec = await k().selectFrom('vs_service_records').selectAll().executeTakeFirstOrThrow();
    const activity = await k()
      .selectFrom('vs_activities')
      .selectAll()
      .where('id', '=', rec.activity_id)
      .executeTakeFirstOrThrow();
    // a check-in days later would get another service date: the unique key alone would let it in
    const later = new Date(new Date(activity.ends_at).getTime() + 3 * 86_400_000);
    await expect(
      k()
        .transaction()
        .execute((trx) =>
          checkIn(trx, {
            activity,
            volunteerId: rec.volunteer_id,
            at: later,
            method: 'lead',
            now: later,
          }),
        ),
    ).rejects.toMatchObject({ code: 'VS_ALREADY_CHECKED_IN' });
  });

  it('two nodes making partitions at once make each one once', async () => {
    const other = t.openAnother();
    const now = new Date('2031-06-10T00:00:00Z');
    const runs = await Promise.all([
      ensurePartitions(k(), { now }),
      ensurePartitions(other.kysely, { now }),
      ensurePartitions(k(), { now }),
    ]);
    const all = runs.flatMap((r) => r.created).sort();
    const months = ['2031_06', '2031_07', '2031_08', '2031_09'];
    expect(all).toEqual(PARTITIONED.flatMap((table) => months.map((m) => `${table}_p${m}`)).sort());
    expect(runs.filter((r) => r.created.length > 0)).toHaveLength(1);
    expect((await ensurePartitions(k(), { now })).created).toEqual([]);
  });

  it("a month's query reads only that month's partition", async () => {
    const plan = async (q: ReturnType<typeof sql>) =>
      (await sql<{ 'QUERY PLAN': string }>`explain ${q}`.execute(k())).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    const hours = await plan(
      sql`select sum(half_hours) from vs_service_records
          where service_date >= '2026-03-01' and service_date < '2026-04-01'`,
    );
    expect(hours).toContain('vs_service_records_p2026_03');
    expect(hours).not.toMatch(/vs_service_records_(p2026_0[24]|default)/);
    const events = await plan(
      sql`select count(*) from audit_events
          where occurred_at >= '2026-03-01 00:00+08' and occurred_at < '2026-04-01 00:00+08'`,
    );
    expect(events).toContain('audit_events_p2026_03');
    expect(events).not.toMatch(/audit_events_(p2026_0[24]|default)/);
  });
});

describe.skipIf(TEST_DIALECT !== 'sqlite')('#16 p5 partitions on SQLite', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('sqlite');
  });
  afterAll(async () => t?.drop());

  it('keeps plain tables; maintenance does nothing', async () => {
    expect(await ensurePartitions(t.db.kysely, { now: START })).toEqual({ created: [] });
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name like 'audit_events%'`.execute(
      t.db.kysely,
    );
    expect(rows.map((r) => r.name)).toEqual(['audit_events']);
  });
});
