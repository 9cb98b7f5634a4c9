/**
 * Issue #15 point 4, the staff roster's 岗位 column, on SQLite and PostgreSQL: a row takes the A or
 * B slot of its station's post (the dry run shows it); a new post needs both holders in the file;
 * refusals by row (format, no station, no holder role, one slot twice, A = B); dry run = apply;
 * a re-import changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_COLUMNS } from '../../src/modules/imports/roster-columns.ts';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const YIZHUANG = '110115110207';
type Cells = Record<string, string>;
const file = async (rows: Cells[]) =>
  (
    await writeImportWorkbook(
      'staff',
      rows.map((r) => STAFF_COLUMNS.map((c) => r[c.key] ?? '')),
    )
  ).toString('base64');

interface Plan {
  counts: Record<string, number>;
  rows: {
    row: number;
    action: string;
    who: string;
    changes?: string[];
    reasons?: { code: string }[];
  }[];
}

describe('issue #15 p4 the roster’s post column (AB岗)', () => {
  let t: TestApp;
  let admin: Client;
  let station: { id: string; code: string };
  let n = 0;
  const call = async (path: 'dry-run' | 'apply', rows: Cells[]) =>
    admin.call(
      'POST',
      `/api/v1/imports/staff/${path}`,
      { file: await file(rows) },
      path === 'apply' ? { 'idempotency-key': `posts-${++n}` } : {},
    );
  const post = (name: string) =>
    t.testDb.db.kysely
      .selectFrom('posts')
      .selectAll()
      .where('station_id', '=', station.id)
      .where('name', '=', name)
      .executeTakeFirst();
  const accountOf = async (username: string) =>
    (
      await t.testDb.db.kysely
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    station = await t.testDb.db.kysely
      .selectFrom('stations')
      .select(['id', 'code'])
      .where('region_code', '=', YIZHUANG)
      .executeTakeFirstOrThrow();
  });
  afterAll(async () => t.close());

  it('refused by row: format, no station, no holder role, half a new post, one slot twice', async () => {
    const before = await t.testDb.db.kysely.selectFrom('posts').selectAll().execute();
    const dry = await call('dry-run', [
      { fullName: '甲', phone: '13900139301', station: station.code, roles: 'clerk', post: 'A岗' },
      {
        fullName: '乙',
        phone: '13900139302',
        scope: '110115110000',
        roles: 'town_officer',
        post: '综合受理岗B岗',
      },
      {
        fullName: '丙',
        phone: '13900139303',
        station: station.code,
        roles: 'volunteer_staff',
        post: '综合受理岗B岗',
      },
      {
        fullName: '丁',
        phone: '13900139304',
        station: station.code,
        roles: 'clerk',
        post: '社保窗口A岗',
      },
      {
        fullName: '戊',
        phone: '13900139305',
        station: station.code,
        roles: 'clerk',
        post: '综合受理岗 B岗',
      },
      {
        fullName: '己',
        phone: '13900139306',
        station: station.code,
        roles: 'agent',
        post: '综合受理岗（B）',
      },
    ]);
    expect(dry.statusCode, dry.body).toBe(200);
    const plan = dry.json<Plan>();
    expect(
      Object.fromEntries(
        plan.rows
          .filter((r) => r.action === 'refused')
          .map((r) => [r.row, r.reasons!.map((x) => x.code)]),
      ),
    ).toEqual({
      2: ['STAFF_POST_FORMAT'],
      3: ['STAFF_POST_NEEDS_STATION'],
      4: ['STAFF_POST_HOLDER_ROLE'],
      5: ['STAFF_POST_PAIR_MISSING'],
      7: ['STAFF_POST_SLOT_TWICE'],
    });
    // The dry run names the post a row takes.
    expect(plan.rows.find((r) => r.row === 6)).toMatchObject({
      action: 'create',
      who: expect.stringContaining('综合受理岗 B岗') as unknown,
    });
    expect(
      (
        await call('apply', [
          {
            fullName: '甲',
            phone: '13900139301',
            station: station.code,
            roles: 'clerk',
            post: 'A岗',
          },
        ])
      ).statusCode,
    ).toBe(422);
    expect(await t.testDb.db.kysely.selectFrom('posts').selectAll().execute()).toEqual(before);
  });

  it('dry run = apply: a new holder of an existing post’s B slot, a new post with both; re-import unchanged', async () => {
    const rows: Cells[] = [
      {
        fullName: '周新',
        phone: '13900139311',
        station: station.code,
        roles: '村级专管员',
        post: '综合受理岗B岗',
      },
      {
        fullName: '吴甲',
        phone: '13900139312',
        station: station.code,
        roles: 'clerk',
        post: '社保窗口A岗',
      },
      {
        fullName: '吴乙',
        phone: '13900139313',
        station: station.code,
        roles: 'agent',
        post: '社保窗口 B岗',
      },
    ];
    const before = await post('综合受理岗');
    expect(before).toBeDefined();
    const dry = await call('dry-run', rows);
    expect(dry.json<Plan>().counts).toEqual({ create: 3, change: 0, unchanged: 0, refused: 0 });
    const apply = await call('apply', rows);
    expect(apply.statusCode, apply.body).toBe(200);
    const applied = apply.json<Plan>();
    expect(applied).toMatchObject(dry.json<object>());
    const zhou = await accountOf('13900139311');
    expect(await post('综合受理岗')).toMatchObject({
      a_account_id: before!.a_account_id,
      b_account_id: zhou,
      version: before!.version + 1,
    });
    expect(await post('社保窗口')).toMatchObject({
      a_account_id: await accountOf('13900139312'),
      b_account_id: await accountOf('13900139313'),
      region_code: YIZHUANG,
      version: 1,
    });
    const audited = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'post')
      .where('entity_id', 'in', [before!.id, (await post('社保窗口'))!.id])
      .orderBy('action')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['post.created', 'post.created', 'post.updated']);

    const again = await call('apply', rows);
    expect(again.json<Plan>().counts).toEqual({ create: 0, change: 0, unchanged: 3, refused: 0 });

    // An existing account moving to the A slot is a change of its post only; A = B is refused.
    const swap = await call('dry-run', [
      {
        fullName: '吴乙',
        phone: '13900139313',
        station: station.code,
        roles: 'agent',
        post: '社保窗口A岗',
      },
    ]);
    expect(swap.json<Plan>().rows).toMatchObject([
      { row: 2, action: 'refused', reasons: [{ code: 'STAFF_POST_HOLDERS_SAME' }] },
    ]);
    const move = await call('dry-run', [
      {
        fullName: '吴乙',
        phone: '13900139313',
        station: station.code,
        roles: 'agent',
        post: '社保窗口A岗',
      },
      {
        fullName: '吴甲',
        phone: '13900139312',
        station: station.code,
        roles: 'clerk',
        post: '社保窗口B岗',
      },
    ]);
    expect(move.json<Plan>()).toMatchObject({
      counts: { change: 2, refused: 0 },
      rows: [
        { row: 2, action: 'change', changes: ['post'] },
        { row: 3, action: 'change', changes: ['post'] },
      ],
    });
  });
});
