/**
 * Issue #15 point 4, the staff roster by Excel, on SQLite and PostgreSQL: the template round-trips;
 * only administrators import it; bad rows are refused by row and nothing is written; dry run =
 * apply; each new account gets a one-time password answered once (never stored in clear, never
 * logged, never replayed) or queued by SMS; a re-import adds grants and never duplicates an account;
 * an importer never grants beyond their reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { createAccount } from '../../src/modules/auth/account.service.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const b64 = (b: Buffer) => b.toString('base64');
const file = async (rows: string[][]) => b64(await writeImportWorkbook('staff', rows));
const YIZHUANG = '110115110207';
const PILOT_TOWN = '110115110000';

interface Applied {
  counts: Record<string, number>;
  rows: {
    row: number;
    action: string;
    who: string;
    changes?: string[];
    reasons?: { code: string }[];
  }[];
  passwords: { row: number; username: string; password: string | null }[];
  importId: string;
}

describe('issue #15 p4 staff roster by Excel', () => {
  let t: TestApp;
  let admin: Client;
  let station: { id: string; code: string; name: string };
  let otherTownStation: { name: string; code: string };
  const accounts = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const call = (path: 'dry-run' | 'apply', body: unknown, who: Client = admin, key?: string) =>
    who.call('POST', `/api/v1/imports/staff/${path}`, body, key ? { 'idempotency-key': key } : {});

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    const db = t.testDb.db.kysely;
    station = await db
      .selectFrom('stations')
      .select(['id', 'code', 'name'])
      .where('region_code', '=', YIZHUANG)
      .executeTakeFirstOrThrow();
    otherTownStation = await db
      .selectFrom('stations')
      .select(['code', 'name'])
      .where('region_code', 'not like', '110115110%')
      .where('region_code', 'like', '110115%')
      .executeTakeFirstOrThrow();
  });
  afterAll(async () => t.close());

  it('the template round-trips; a town officer (no accounts.manage) may not import staff', async () => {
    const res = await admin.call('GET', '/api/v1/imports/staff/template');
    expect(res.statusCode).toBe(200);
    const dry = await call('dry-run', { file: b64(res.rawPayload) });
    expect(dry.statusCode, dry.body).toBe(200);
    // the example names a station by a name the demo may not have: planned either way, by row
    expect(dry.json<Applied>().rows[0]!.row).toBe(2);
    const town = await t.login('town');
    const body = { file: await file([['王五', '13900139100', station.code, '村级专管员', '']]) };
    expect((await call('dry-run', body, town)).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('apply', body, town)).statusCode).toBe(403);
  });

  it('bad rows are refused by row with reasons; apply writes nothing', async () => {
    const before = await accounts();
    const rows = [
      ['', '1390013910', station.code, '村级专管员', ''],
      ['赵一', '13900139101', station.code, '厨师', ''],
      ['赵二', '13900139102', station.code, '群众', ''],
      ['赵三', '13900139103', '没有这个站', 'clerk', ''],
      ['赵四', '13900139104', '', 'town_officer', ''],
      ['赵五', '13900139105', station.code, 'clerk', '110115104000'],
      ['赵六', '13900139106', station.code, 'clerk', ''],
      ['赵七', '139 0013 9106', station.name, '代办员', ''],
    ];
    const res = await call('apply', { file: await file(rows) }, admin, 'staff-refused-1');
    expect(res.statusCode).toBe(422);
    const problem = res.json<{ code: string; plan: Applied }>();
    expect(problem.code).toBe('IMPORT_REFUSED');
    const reasons = Object.fromEntries(
      problem.plan.rows
        .filter((r) => r.action === 'refused')
        .map((r) => [r.row, (r.reasons ?? []).map((x) => x.code)]),
    );
    expect(reasons).toEqual({
      2: ['STAFF_NAME_MISSING', 'STAFF_PHONE_INVALID'],
      3: ['STAFF_ROLE_UNKNOWN'],
      4: ['STAFF_ROLE_NOT_STAFF'],
      5: ['STAFF_STATION_UNKNOWN'],
      6: ['STAFF_SCOPE_MISSING'],
      7: ['STAFF_SCOPE_MISMATCH'],
      9: ['STAFF_DUPLICATE_PHONE'],
    });
    expect(problem.plan.counts).toEqual({ create: 1, change: 0, unchanged: 0, refused: 7 });
    expect(await accounts()).toBe(before);
  });

  it('dry run = apply: accounts with one-time passwords, answered once, stored only as hashes', async () => {
    const rows = [
      ['钱一', '13900139201', station.code, '村级专管员、代办员', ''],
      ['钱二', '13900139202', '', '镇级中心人员', PILOT_TOWN],
    ];
    const body = { file: await file(rows) };
    const dry = (await call('dry-run', body)).json<Record<string, unknown>>();
    const before = await accounts();
    const applied = await call('apply', body, admin, 'staff-apply-1');
    expect(applied.statusCode, applied.body).toBe(200);
    const { importId, passwords, ...plan } = applied.json<Applied & Record<string, unknown>>();
    expect(plan).toEqual(dry);
    expect(importId).toEqual(expect.any(String));
    expect(await accounts()).toBe(before + 2);
    expect(passwords.map((p) => [p.row, p.username])).toEqual([
      [2, '13900139201'],
      [3, '13900139202'],
    ]);
    const db = t.testDb.db.kysely;
    const made = await db
      .selectFrom('accounts')
      .selectAll()
      .where('username', 'in', ['13900139201', '13900139202'])
      .orderBy('username')
      .execute();
    expect(made.map((a) => [a.display_name, a.must_change_password, a.phone_masked])).toEqual([
      ['钱一', 1, '139****9201'],
      ['钱二', 1, '139****9202'],
    ]);
    const grants = await db
      .selectFrom('role_grants')
      .select(['role', 'region_code', 'station_id'])
      .where('account_id', '=', made[0]!.id)
      .orderBy('role')
      .execute();
    expect(grants).toEqual([
      { role: 'agent', region_code: YIZHUANG, station_id: station.id },
      { role: 'clerk', region_code: YIZHUANG, station_id: station.id },
    ]);
    // never in clear: not in the database, the logs, the audit or the idempotency store
    const secret = passwords[0]!.password!;
    expect(secret).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    const audit = await db.selectFrom('audit_events').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(secret);
    const stored = await db.selectFrom('idempotency_keys').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify(made)).not.toContain(secret);
    expect(t.logs.join('\n')).not.toContain(secret);
    expect(
      audit.filter((a) => a.action === 'import.applied' && a.entity_id === importId),
    ).toHaveLength(1);
    // the same key again: a 409, never a replay of the passwords
    const again = await call('apply', body, admin, 'staff-apply-1');
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toContain(secret);
  });

  it('a re-import never duplicates: unchanged, or the grants an account lacks are added', async () => {
    const rows = [
      ['孙一', '13900139301', station.code, '村级专管员', ''],
      ['孙二', '13900139302', station.code, '村级专管员', ''],
    ];
    await call('apply', { file: await file(rows) }, admin, 'staff-re-1');
    const before = await accounts();
    const same = await call('apply', { file: await file(rows) }, admin, 'staff-re-2');
    expect(same.json<Applied>()).toMatchObject({
      counts: { create: 0, change: 0, unchanged: 2, refused: 0 },
      rows: [],
      passwords: [],
    });
    rows[1] = ['孙二', '13900139302', station.code, '村级专管员, agent', ''];
    const more = await call('apply', { file: await file(rows) }, admin, 'staff-re-3');
    expect(more.json<Applied>()).toMatchObject({
      counts: { create: 0, change: 1, unchanged: 1, refused: 0 },
      rows: [{ row: 3, action: 'change', changes: ['agent'] }],
      passwords: [],
    });
    expect(await accounts()).toBe(before);
  });

  it('a town administrator grants only within the town; passwords may go by SMS instead', async () => {
    await createAccount(t.testDb.db.kysely, {
      username: 'town-admin-import',
      displayName: '镇管理员',
      password: 'town-admin-import-pass-2026',
      grants: [{ role: 'admin', regionCode: PILOT_TOWN }],
      actor: { accountId: null, role: null, stationId: null },
      now: new Date(),
    });
    const townAdmin = await t.login('town-admin-import', 'town-admin-import-pass-2026');
    const out = await call(
      'dry-run',
      {
        file: await file([
          ['李一', '13900139401', otherTownStation.code, '村级专管员', ''],
          ['李二', '13900139402', '', '区级部门人员', '110115000000'],
        ]),
      },
      townAdmin,
    );
    expect(out.statusCode, out.body).toBe(200);
    expect(
      out.json<Applied>().rows.map((r) => [r.row, (r.reasons ?? []).map((x) => x.code)]),
    ).toEqual([
      [2, ['STAFF_OUT_OF_REACH']],
      [3, ['STAFF_OUT_OF_REACH']],
    ]);
    const sms = await call(
      'apply',
      {
        file: await file([['李三', '13900139403', station.code, '村级专管员', '']]),
        sendSms: true,
      },
      townAdmin,
      'staff-sms-1',
    );
    expect(sms.statusCode, sms.body).toBe(200);
    expect(sms.json<Applied>().passwords).toEqual([
      expect.objectContaining({ row: 2, username: '13900139403', password: null }),
    ]);
    const queued = await t.testDb.db.kysely
      .selectFrom('outbox_messages')
      .selectAll()
      .where('template_kind', '=', 'staff_welcome')
      .execute();
    expect(queued).toHaveLength(1);
    expect(JSON.stringify(queued)).not.toContain('13900139403');
  });
});
