/**
 * Issue #16 point 5: the rollups under concurrent writers (PostgreSQL; SQLite has one writer at a
 * time). Two transactions on two connections add the first defective request of one case, and
 * confirm hours of one volunteer in one year, at the same moment: the second waits for the first
 * (the triggers' advisory lock) and then sees it, so the case is counted once and the volunteer's
 * first day is the earlier one — the rollup figures stay equal to the live ones. Two activities
 * changed at once in two towns of the city do not wait for each other on the city's rollup row
 * (migration 0066's slots).
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { Db } from '../../src/db/connection.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { stationCaseFigures } from '../../src/modules/cases/case-figures.ts';
import { stationCaseFiguresLive } from '../../src/modules/cases/case-figures.live.ts';
import { regionFigures } from '../../src/modules/records/figures.service.ts';
import { hourRecordRow, insertHourRecords } from '../../src/modules/records/hour-record.row.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { TEST_DIALECT } from '../helpers/test-db.ts';
import { AREA_ROLLUP_SLOTS } from '../../src/db/migrations/0066_vs_area_rollup_slots.ts';

const ADMIN: Actor = {
  accountId: 'race',
  username: 'race',
  displayName: 'race',
  residentId: null,
  grants: [
    {
      role: 'admin',
      regionCode: '110000000000',
      regionLevel: 'province',
      regionName: '北京市',
      stationId: null,
      stationName: null,
      stationKind: null,
      reachPrefix: '11',
    },
  ],
};

/** Runs `a` on one connection and `b` on another, `b` starting while `a` is still open. */
async function overlapping(
  one: Kysely<Database>,
  two: Kysely<Database>,
  a: (tx: Kysely<Database>) => Promise<void>,
  b: (tx: Kysely<Database>) => Promise<void>,
) {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const aDone = new Promise<void>((r) => (started = r));
  const first = one.transaction().execute(async (tx) => {
    await a(tx);
    started();
    await held; // keep the transaction (and its locks) open while the other one writes
  });
  await aDone;
  const second = two.transaction().execute(async (tx) => b(tx));
  await new Promise((r) => setTimeout(r, 300)); // the second is now waiting, or done
  release();
  await Promise.all([first, second]);
}

describe.runIf(TEST_DIALECT === 'postgres')('rollups under concurrent writers (postgres)', () => {
  let t: TestApp;
  let db: Kysely<Database>;
  let other: Db;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.testDb.db.kysely;
    other = t.testDb.openAnother();
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('two first defective requests of one case at once count the case once', async () => {
    const c = await db
      .selectFrom('cases')
      .select(['id', 'first_responder_id'])
      .executeTakeFirstOrThrow();
    const request = (tx: Kysely<Database>) =>
      tx
        .insertInto('case_requests')
        .values({
          id: crypto.randomUUID(),
          case_id: c.id,
          material_key: 'id_card',
          kind: 'defective',
          blocking: 0,
          reason: null,
          requested_by: c.first_responder_id,
          requested_at: new Date().toISOString(),
          satisfied_at: null,
          satisfied_by: null,
        })
        .execute()
        .then(() => undefined);
    await overlapping(db, other.kysely, request, request);
    const now = new Date();
    expect(await stationCaseFigures(db, { actor: ADMIN, now })).toEqual(
      await stationCaseFiguresLive(db, { actor: ADMIN, now }),
    );
  });

  it('two confirmations of one volunteer in one year at once keep the earlier first day', async () => {
    const v = await db.selectFrom('vs_volunteers').select('id').executeTakeFirstOrThrow();
    const acts = await db
      .selectFrom('vs_activities')
      .select(['id', 'team_id', 'region_code'])
      .limit(2)
      .execute();
    const record =
      (a: { id: string; team_id: string; region_code: string }, date: string) =>
      (tx: Kysely<Database>) =>
        insertHourRecords(
          tx,
          [
            hourRecordRow(a, {
              id: crypto.randomUUID(),
              volunteer_id: v.id,
              team_id: a.team_id,
              service_date: date,
              checked_in_at: `${date}T01:00:00.000Z`,
              checked_out_at: null,
              check_in_method: 'lead',
              check_out_method: null,
              travel_minutes: 0,
              half_hours: 2,
              content: '测试',
              place: '村委会',
              status: 'confirmed',
              evaluation: null,
              reject_reason: null,
              confirmed_by: null,
              confirmed_at: null,
              created_at: new Date().toISOString(),
              updated_at: new Date().toISOString(),
            }),
          ],
          'insert-missing',
        );
    // the later day commits first's transaction open; the earlier day writes beside it
    await overlapping(
      db,
      other.kysely,
      record(acts[0]!, '2026-05-20'),
      record(acts[1]!, '2026-02-03'),
    );
    const input = {
      actor: ADMIN,
      now: new Date('2026-12-01T04:00:00Z'),
      regionCode: '110115000000',
    };
    expect(await regionFigures(db, input)).toEqual(
      await regionFigures(db, { ...input, live: true }),
    );
  });

  it('two activities of the city changed at once on two connections do not wait for each other', async () => {
    const template = await db
      .selectFrom('vs_activities')
      .selectAll()
      .where('status', '!=', 'cancelled')
      .executeTakeFirstOrThrow();
    const villages = await db
      .selectFrom('regions')
      .select('code')
      .where('level', '=', 'village')
      .where('code', 'like', '1101%')
      .orderBy('code')
      .execute();
    const [v1, v2] = [villages[0]!.code, villages.at(-1)!.code];
    expect(v1.slice(0, 9)).not.toBe(v2.slice(0, 9)); // two towns: only the city's and district's rows
    const ids = [crypto.randomUUID(), crypto.randomUUID()] as const;
    await db
      .insertInto('vs_activities')
      .values([
        { ...template, id: ids[0], region_code: v1, status: 'open' },
        { ...template, id: ids[1], region_code: v2, status: 'open' },
      ])
      .execute();
    const url = (t.testDb.config as { url: string }).url;
    const connect = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      return { c, slot: rows[0]!.pid % AREA_ROLLUP_SLOTS };
    };
    // Two server connections in different slots (a new backend's pid is almost always the next one).
    const one = await connect();
    const clients = [one.c];
    try {
      let two = await connect();
      clients.push(two.c);
      while (two.slot === one.slot) {
        two = await connect();
        clients.push(two.c);
      }
      const grow = (c: pg.Client, id: string) =>
        c.query('UPDATE vs_activities SET capacity = capacity + 5 WHERE id = $1', [id]);
      await one.c.query('BEGIN');
      await grow(one.c, ids[0]);
      // The first stays open; the second must not queue behind its row of the city for the day.
      await two.c.query('BEGIN');
      await two.c.query("SET LOCAL lock_timeout = '2s'");
      await grow(two.c, ids[1]);
      await two.c.query('COMMIT');
      await one.c.query('COMMIT');
      const slots = await db
        .selectFrom('vs_area_rollups')
        .select(sql<number>`count(distinct slot)`.as('n'))
        .where('measure', '=', 'capacity')
        .where('len', '=', 4)
        .where('area', '=', '1101')
        .where('grain', '=', 10)
        .where(
          'period',
          '=',
          sql<string>`to_char(${template.starts_at}::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`,
        )
        .executeTakeFirstOrThrow();
      expect(Number(slots.n)).toBeGreaterThanOrEqual(2);
      // Towns and villages stay one row per key (their writers queue on the town's audit head).
      const spreadBelowDistrict = await db
        .selectFrom('vs_area_rollups')
        .select('slot')
        .where('len', '>', 6)
        .where('slot', '!=', 0)
        .execute();
      expect(spreadBelowDistrict).toEqual([]);
    } finally {
      for (const c of clients) await c.end().catch(() => undefined);
    }
    for (const regionCode of ['110000000000', '110115000000']) {
      const input = { actor: ADMIN, now: new Date(template.starts_at), regionCode };
      expect(await regionFigures(db, input)).toEqual(
        await regionFigures(db, { ...input, live: true }),
      );
    }
  });
});
