/**
 * Issue #15 go-live, stations by Excel: the template pre-filled for a town (one row per village
 * and town without a station), refused rows with reasons and nothing written, apply all or
 * nothing with one audit event, re-import idempotent, a changed phone is a change, only
 * administrators, only inside their scope — on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PILOT_TOWN } from '../../src/modules/demo/seed-demo.ts';
import { STATION_COLUMNS } from '../../src/modules/imports/import-columns.ts';
import { readImportSheet, writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const b64 = (b: Buffer) => b.toString('base64');
const col = (key: string) => STATION_COLUMNS.findIndex((c) => c.key === key);

describe('issue #15 go-live: stations by Excel', () => {
  let t: TestApp;
  let admin: Client;
  let town: Client;
  const counts = async () => {
    const db = t.testDb.db.kysely;
    const s = await db
      .selectFrom('stations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const a = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { stations: Number(s.n), audit: Number(a.n) };
  };
  const call = (path: 'dry-run' | 'apply', rows: string[][], who: Client = admin) =>
    writeImportWorkbook('stations', rows).then((f) =>
      who.call('POST', `/api/v1/imports/stations/${path}`, { file: b64(f) }),
    );
  let prefilled: string[][] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    town = await t.login('town');
  });
  afterAll(async () => t.close());

  it('the pre-filled template lists the town’s villages without a station, codes and names filled in', async () => {
    const res = await admin.call('GET', `/api/v1/imports/stations/template?region=${PILOT_TOWN}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await readImportSheet('stations', res.rawPayload, { maxRows: 5000 });
    const villages = await t.testDb.db.kysely
      .selectFrom('regions')
      .select('code')
      .where('code', 'like', `${PILOT_TOWN.slice(0, 9)}%`)
      .where('level', 'in', ['village', 'grid', 'town'])
      .execute();
    const withStation = new Set(
      (await t.testDb.db.kysely.selectFrom('stations').select('region_code').execute()).map(
        (s) => s.region_code,
      ),
    );
    const expected = villages.map((v) => v.code).filter((c) => !withStation.has(c));
    expect(expected.length).toBeGreaterThan(2);
    expect(rows.map((r) => r.values.region).sort()).toEqual(expected.sort());
    const first = rows[0]!.values;
    expect(first.code).toBe(`S${first.region}`);
    expect(first.name).toMatch(/便民服务站$/);
    expect(first.address).toBe('');
    prefilled = rows.map((r) => STATION_COLUMNS.map((c) => r.values[c.key] ?? ''));
  });

  it('as downloaded (no address, no phone) every row is refused with its reasons; nothing written', async () => {
    const before = await counts();
    const dry = await call('dry-run', prefilled);
    expect(dry.statusCode, dry.body).toBe(200);
    const plan = dry.json<{
      counts: { refused: number };
      rows: { reasons: { code: string }[] }[];
    }>();
    expect(plan.counts.refused).toBe(prefilled.length);
    expect(plan.rows[0]!.reasons.map((r) => r.code)).toEqual([
      'STATION_ADDRESS_MISSING',
      'STATION_PHONE_MISSING',
    ]);
    const apply = await call('apply', prefilled);
    expect(apply.statusCode).toBe(422);
    expect(apply.json()).toMatchObject({ code: 'IMPORT_REFUSED' });
    expect(await counts()).toEqual(before);
  });

  it('filled in: dry run = apply, one audit event; re-import changes nothing; a new phone is a change', async () => {
    const filled = prefilled.slice(0, 2).map((r, i) => {
      const row = [...r];
      row[col('address')] = `${r[col('name')]}（村委会一层）`;
      row[col('phone')] = `010-8921000${i}`;
      return row;
    });
    filled[1]![col('openingHours')] = '周一至周五 08:30-12:00,14:00-17:30；周六 09:00-12:00';
    const before = await counts();
    const dry = await call('dry-run', filled);
    expect(dry.json()).toMatchObject({
      counts: { create: 2, change: 0, unchanged: 0, refused: 0 },
    });
    const apply = await call('apply', filled);
    expect(apply.statusCode, apply.body).toBe(200);
    expect(apply.json()).toMatchObject(dry.json<object>());
    expect(await counts()).toEqual({ stations: before.stations + 2, audit: before.audit + 1 });
    const list = await admin.call(
      'GET',
      `/api/v1/stations?regionCode=${filled[1]![col('region')]}&limit=10&offset=0`,
    );
    expect(list.json()).toEqual([
      expect.objectContaining({
        code: filled[1]![col('code')],
        kind: 'village_station',
        phone: '010-89210001',
        openingHours: [
          { days: [1, 2, 3, 4, 5], open: '08:30', close: '12:00' },
          { days: [1, 2, 3, 4, 5], open: '14:00', close: '17:30' },
          { days: [6], open: '09:00', close: '12:00' },
        ],
      }),
    ]);

    const again = await call('apply', filled);
    expect(again.json()).toMatchObject({ counts: { create: 0, change: 0, unchanged: 2 } });
    expect(await counts()).toEqual({ stations: before.stations + 2, audit: before.audit + 2 });

    filled[0]![col('phone')] = '13800138000';
    const changed = await call('apply', filled);
    expect(changed.json()).toMatchObject({
      counts: { create: 0, change: 1, unchanged: 1 },
      rows: [{ action: 'change', changes: ['phone'] }],
    });

    // The next pre-filled template no longer offers them.
    const res = await admin.call('GET', `/api/v1/imports/stations/template?region=${PILOT_TOWN}`);
    const rows = await readImportSheet('stations', res.rawPayload, { maxRows: 5000 });
    expect(rows.length).toBe(prefilled.length - 2);
  });

  it('one region, one station per file; a code taken by another region is refused', async () => {
    const row = [...prefilled[2]!];
    row[col('address')] = '村委会';
    row[col('phone')] = '010-89219999';
    const twice = await call('dry-run', [row, [...row.slice(0, 2), 'OTHER-CODE', ...row.slice(3)]]);
    expect(twice.json()).toMatchObject({
      counts: { create: 1, refused: 1 },
      rows: [
        { row: 2, action: 'create' },
        {
          row: 3,
          action: 'refused',
          reasons: [{ code: 'STATION_DUPLICATE_IN_FILE', detail: '2' }],
        },
      ],
    });
    const taken = [...row];
    taken[col('code')] = prefilled[0]![col('code')]!;
    const refused = await call('dry-run', [taken]);
    expect(refused.json()).toMatchObject({
      rows: [{ action: 'refused', reasons: [{ code: 'STATION_CODE_ELSEWHERE' }] }],
    });
  });

  it('only administrators open stations, and only inside their scope', async () => {
    const res = await call('dry-run', prefilled.slice(0, 1), town);
    expect(res.statusCode).toBe(403);
    const template = await town.call(
      'GET',
      `/api/v1/imports/stations/template?region=${PILOT_TOWN}`,
    );
    expect(template.statusCode).toBe(403);
    const elsewhere = await admin.call(
      'GET',
      '/api/v1/imports/stations/template?region=110101000000',
    );
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    const bad = await admin.call('GET', '/api/v1/imports/stations/template?region=abc');
    expect(bad.statusCode).toBe(400);
  });
});
