/**
 * Issue #16 point 5: the region code in the hour records' keys (migration 0060). A database as the
 * release before left it (migrated to 0059, with hour records in two regions and a programme staff
 * row pointing at one) is migrated: every record gets its activity's region, the staff row its
 * record's region, the keys start with the region (with the partition key on PostgreSQL), the
 * rollups are untouched, and afterwards a record without a region, a staff row pointing at the
 * wrong region, or a second record of a volunteer and activity are refused.
 *
 * The rows are seeded with foreign keys off (their volunteers, team and session are not there):
 * what is tested is the fill and the keys, not the rest of the schema.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { isUniqueViolation } from '../../src/shared/db-errors.ts';
import {
  hourRecordRow,
  insertHourRecords,
  type HourRecordFields,
} from '../../src/modules/records/hour-record.row.ts';
import { createTestDb, TEST_DIALECT, type TestDb } from '../helpers/test-db.ts';

const BEFORE_0060 = '0059_keyset_last_lists';
const YIZHUANG = '110115110207';
const SANSHUNZHUANG = '110115110222';
const AT = '2026-03-02T01:00:00.000Z';

let t: TestDb;
const k = () => t.db.kysely;

async function withoutForeignKeys(
  db: Kysely<Database>,
  seed: (db: Kysely<Database>) => Promise<void>,
) {
  if (TEST_DIALECT === 'postgres')
    return db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await seed(trx);
    });
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await seed(db);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function activity(db: Kysely<Database>, id: string, region: string) {
  await sql`insert into vs_activities (id, team_id, title, description, place, region_code,
      starts_at, ends_at, capacity, confirmed_count, queue_seq, skills, lead_account_id,
      code_secret_cipher, status, version, created_by, is_demo, created_at, updated_at)
    values (${id}, 't1', '助老服务', '', '村委会', ${region}, ${AT}, ${AT}, 5, 0, 0, '[]', 'lead',
      'x', 'completed', 1, 'lead', 0, ${AT}, ${AT})`.execute(db);
}

/** An hour record as 0059 wrote it: no region. */
async function oldRecord(
  db: Kysely<Database>,
  r: {
    id: string;
    volunteer: string;
    activity: string;
    date: string;
    status: string;
    halfHours: number;
  },
) {
  await sql`insert into vs_service_records (id, volunteer_id, activity_id, team_id, service_date,
      checked_in_at, check_in_method, travel_minutes, half_hours, content, place, status,
      created_at, updated_at)
    values (${r.id}, ${r.volunteer}, ${r.activity}, 't1', ${r.date}, ${AT}, 'lead', 0,
      ${r.halfHours}, '助老服务', '村委会', ${r.status}, ${AT}, ${AT})`.execute(db);
}

async function staff(
  db: Kysely<Database>,
  id: string,
  volunteer: string,
  record: { id: string; date: string } | null,
) {
  await sql`insert into program_staff (id, session_id, volunteer_id, team_id, created_at, flagged,
      service_record_id, service_record_date)
    values (${id}, 'session', ${volunteer}, 't1', ${AT}, 0, ${record?.id ?? null},
      ${record?.date ?? null})`.execute(db);
}

/** The hours per village and month or day: 0053's rollup before, 0064's area rollup after (summed over 0066's slots). */
const rollups = async (table: 'vs_hour_rollups' | 'vs_area_rollups' = 'vs_area_rollups') =>
  (
    await (
      table === 'vs_hour_rollups'
        ? sql<{ region_code: string; period: string; half_hours: string }>`
          select region_code, period, half_hours from vs_hour_rollups
          order by region_code, period`
        : sql<{ region_code: string; period: string; half_hours: string }>`
          select area as region_code, period, sum(n) as half_hours from vs_area_rollups
          where measure = 'half_hours' and len = 12 and length(period) > 4
          group by area, period order by area, period`
    ).execute(k())
  ).rows.map((r) => [r.region_code, r.period, Number(r.half_hours)]);

/** The columns of each primary and unique key of a table, in key order. */
async function keysOf(table: string): Promise<string[][]> {
  if (TEST_DIALECT === 'postgres') {
    const { rows } = await sql<{ def: string }>`
      select pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = to_regclass(${table}) and contype in ('p', 'u') order by contype, conname`.execute(
      k(),
    );
    return rows.map((r) => /\((.+)\)/.exec(r.def)![1]!.split(', '));
  }
  const { rows } = await sql<{ name: string; origin: string }>`
    select name, origin from pragma_index_list(${table}) where origin in ('pk', 'u')
    order by origin, name`.execute(k());
  const out: string[][] = [];
  for (const ix of rows) {
    const cols = await sql<{ name: string }>`
      select name from pragma_index_info(${ix.name}) order by seqno`.execute(k());
    out.push(cols.rows.map((c) => c.name));
  }
  return out;
}

/** A record written as the services write them, through the one row builder. */
const newRecord = (
  activity: { id: string; region_code: string },
  r: Pick<HourRecordFields, 'id' | 'volunteer_id' | 'service_date' | 'half_hours' | 'status'>,
) =>
  withoutForeignKeys(k(), (db) =>
    insertHourRecords(db, [
      hourRecordRow(activity, {
        ...r,
        team_id: 't1',
        checked_in_at: AT,
        checked_out_at: null,
        check_in_method: 'lead',
        check_out_method: null,
        travel_minutes: 0,
        content: '助老服务',
        place: '村委会',
        evaluation: null,
        reject_reason: null,
        confirmed_by: null,
        confirmed_at: null,
        created_at: AT,
        updated_at: AT,
      }),
    ]),
  );

let before: (string | number)[][];

beforeAll(async () => {
  t = await createTestDb(TEST_DIALECT, { migrateUpTo: BEFORE_0060 });
  await withoutForeignKeys(k(), async (db) => {
    await activity(db, 'a-yz', YIZHUANG);
    await activity(db, 'a-ssz', SANSHUNZHUANG);
    await oldRecord(db, {
      id: 'r1',
      volunteer: 'v1',
      activity: 'a-yz',
      date: '2026-03-02',
      status: 'confirmed',
      halfHours: 4,
    });
    await oldRecord(db, {
      id: 'r2',
      volunteer: 'v2',
      activity: 'a-yz',
      date: '2026-03-02',
      status: 'pending_confirmation',
      halfHours: 2,
    });
    await oldRecord(db, {
      id: 'r3',
      volunteer: 'v1',
      activity: 'a-ssz',
      date: '2026-04-10',
      status: 'confirmed',
      halfHours: 6,
    });
    await staff(db, 's1', 'v1', { id: 'r3', date: '2026-04-10' });
    await staff(db, 's2', 'v2', null);
  });
  // The seed skipped the triggers on PostgreSQL (replica role): fold the rollups from the rows, as
  // migration 0053's backfill did.
  await sql`delete from vs_hour_rollups`.execute(k());
  await sql`insert into vs_hour_rollups (region_code, period, half_hours, records)
    select region_code, period, sum(h), sum(n) from (
      select a.region_code, q.service_date as period, q.half_hours as h, 1 as n
        from vs_service_records q join vs_activities a on a.id = q.activity_id
        where q.status = 'confirmed'
      union all
      select a.region_code, substr(q.service_date, 1, 7), q.half_hours, 1
        from vs_service_records q join vs_activities a on a.id = q.activity_id
        where q.status = 'confirmed'
    ) y group by region_code, period`.execute(k());
  before = await rollups('vs_hour_rollups');
  await migrateToLatest(t.db);
});

afterAll(async () => {
  await t.drop();
});

describe(`#16 p5 region code in the hour records' keys, migration 0060 (${TEST_DIALECT})`, () => {
  it('fills every record with its activity’s region and every staff row with its record’s', async () => {
    const records = await k()
      .selectFrom('vs_service_records')
      .select(['id', 'region_code'])
      .orderBy('id')
      .execute();
    expect(records).toEqual([
      { id: 'r1', region_code: YIZHUANG },
      { id: 'r2', region_code: YIZHUANG },
      { id: 'r3', region_code: SANSHUNZHUANG },
    ]);
    const staffRows = await k()
      .selectFrom('program_staff')
      .select(['id', 'service_record_id', 'service_record_date', 'service_record_region_code'])
      .orderBy('id')
      .execute();
    expect(staffRows).toEqual([
      {
        id: 's1',
        service_record_id: 'r3',
        service_record_date: '2026-04-10',
        service_record_region_code: SANSHUNZHUANG,
      },
      {
        id: 's2',
        service_record_id: null,
        service_record_date: null,
        service_record_region_code: null,
      },
    ]);
  });

  it('puts the region first in the primary key and the unique key (the date kept on PostgreSQL)', async () => {
    expect(await keysOf('vs_service_records')).toEqual(
      TEST_DIALECT === 'postgres'
        ? [
            ['region_code', 'id', 'service_date'],
            ['region_code', 'volunteer_id', 'activity_id', 'service_date'],
          ]
        : [
            ['region_code', 'id', 'service_date'],
            ['region_code', 'volunteer_id', 'activity_id'],
          ],
    );
  });

  it('leaves the rollups as they were, and they still follow the records', async () => {
    expect(before).toEqual([
      [YIZHUANG, '2026-03', 4],
      [YIZHUANG, '2026-03-02', 4],
      [SANSHUNZHUANG, '2026-04', 6],
      [SANSHUNZHUANG, '2026-04-10', 6],
    ]);
    expect(await rollups()).toEqual(before);
    // A change after the migration moves the rollup by its delta: the triggers are there (on
    // SQLite they were re-created with the rebuilt table). 6 → 9 half hours.
    await k()
      .updateTable('vs_service_records')
      .set({ half_hours: 9 })
      .where('id', '=', 'r3')
      .execute();
    const day = (await rollups()).find((r) => r[0] === SANSHUNZHUANG && r[1] === '2026-04-10');
    const dayBefore = before.find((r) => r[0] === SANSHUNZHUANG && r[1] === '2026-04-10');
    expect(day?.[2]).toBe(Number(dayBefore?.[2] ?? 0) + 3);
  });

  it('refuses a record without a region, and a staff row pointing at the record under another region', async () => {
    await expect(
      withoutForeignKeys(k(), (db) =>
        oldRecord(db, {
          id: 'r9',
          volunteer: 'v3',
          activity: 'a-yz',
          date: '2026-03-03',
          status: 'checked_in',
          halfHours: 0,
        }),
      ),
    ).rejects.toThrow(/null|NOT NULL/i);
    if (TEST_DIALECT === 'sqlite')
      expect(
        (await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(k())).rows[0]!
          .foreign_keys,
      ).toBe(1);
    await expect(
      k()
        .updateTable('program_staff')
        .set({ service_record_region_code: YIZHUANG })
        .where('id', '=', 's1')
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('still holds one record per volunteer and activity', async () => {
    const again = newRecord(
      { id: 'a-yz', region_code: YIZHUANG },
      {
        id: 'r5',
        volunteer_id: 'v1',
        service_date: '2026-03-02',
        half_hours: 0,
        status: 'checked_in',
      },
    );
    const err = await again.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(err)).toBe(true);
  });
});
