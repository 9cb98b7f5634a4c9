/**
 * Issue #15 point 3, residents by Excel: templates round-trip; dry run = apply; bad rows refused
 * by row with reasons and nothing written; re-import changes nothing and says so; bad files are
 * 4xx with a code; a 10,000-row import, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { applyImport } from '../../src/modules/imports/import-run.ts';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const idOf = (n: number, birth = '19700101') =>
  buildIdNumber('110115', birth, String(n % 1000).padStart(3, '0'));
const b64 = (b: Buffer) => b.toString('base64');
const file = async (rows: string[][]) => b64(await writeImportWorkbook('residents', rows));

describe('issue #15 p3 residents by Excel', () => {
  let t: TestApp;
  let town: Client;
  const counts = async () => {
    const db = t.testDb.db.kysely;
    const r = await db
      .selectFrom('residents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const a = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { residents: Number(r.n), audit: Number(a.n) };
  };
  const call = (path: 'dry-run' | 'apply', body: unknown, who: Client = town) =>
    who.call('POST', `/api/v1/imports/residents/${path}`, body);

  beforeAll(async () => {
    t = await createTestApp();
    town = await t.login('town');
  });
  afterAll(async () => t.close());

  it('the template round-trips: Chinese headers, its example row plans as one creation', async () => {
    const res = await town.call('GET', '/api/v1/imports/residents/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const dry = await call('dry-run', { file: b64(res.rawPayload) });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      kind: 'residents',
      total: 1,
      counts: { create: 1, change: 0, unchanged: 0, refused: 0 },
      rows: [{ row: 2, action: 'create' }],
    });
    expect(dry.json<{ rows: { who: string }[] }>().rows[0]!.who).toMatch(/^张三 110115\*+0019$/);
  });

  it('bad files are refused with a code and nothing is written', async () => {
    const before = await counts();
    const notXlsx = await call('dry-run', { file: b64(Buffer.from('name,id\n张三,1\n')) });
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json()).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
    const { newWorkbook } = await import('../../src/shared/excel.ts');
    const wb = await newWorkbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['身份证号', '名字', '村']);
    ws.addRow([idOf(1), '张三', '伊庄村']);
    const wrong = await call('apply', { file: b64(Buffer.from(await wb.xlsx.writeBuffer())) });
    expect(wrong.statusCode).toBe(422);
    const problem = wrong.json<{ code: string; errors: { message: string }[] }>();
    expect(problem.code).toBe('IMPORT_HEADERS');
    expect(problem.errors.map((e) => e.message).join('\n')).toMatch(
      /unknown column "名字"[\s\S]*missing column 姓名/,
    );
    const empty = await call('apply', { file: await file([]) });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ code: 'IMPORT_EMPTY' });
    expect(await counts()).toEqual(before);
  });

  it('English headers are accepted too', async () => {
    const { newWorkbook } = await import('../../src/shared/excel.ts');
    const wb = await newWorkbook();
    const ws = wb.addWorksheet('residents');
    ws.addRow(['ID number', 'Name', 'Phone', 'Home village']);
    ws.addRow([idOf(2), '李四', '13900000002', '110115110207']);
    const res = await call('dry-run', { file: b64(Buffer.from(await wb.xlsx.writeBuffer())) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ counts: { create: 1, refused: 0 } });
  });

  it('bad rows are refused by row with reasons; apply writes nothing while any is refused', async () => {
    const before = await counts();
    const wrongCheck = idOf(3).slice(0, 17) + (idOf(3).endsWith('1') ? '2' : '1');
    const body = {
      file: await file([
        [idOf(3), '王五', '13900000003', '伊庄村', ''],
        [wrongCheck, '赵六', '', '伊庄村', ''],
        [idOf(3), '王五', '', '伊庄村', ''],
        [idOf(4), '', '12345', '无此村', ''],
        [idOf(5), '孙七', '', '110115103201', ''], // a village of 青云店镇: outside the town officer's reach
      ]),
    };
    const dry = await call('dry-run', body);
    expect(dry.statusCode, dry.body).toBe(200);
    const plan = dry.json<{
      counts: Record<string, number>;
      rows: { row: number; action: string; reasons?: { code: string; message: string }[] }[];
    }>();
    expect(plan.counts).toEqual({ create: 1, change: 0, unchanged: 0, refused: 4 });
    expect(plan.rows.map((r) => [r.row, r.action, r.reasons?.map((x) => x.code)])).toEqual([
      [2, 'create', undefined],
      [3, 'refused', ['ID_NUMBER_CHECK_DIGIT']],
      [4, 'refused', ['DUPLICATE_IN_FILE']],
      [5, 'refused', ['FULL_NAME_MISSING', 'PHONE_INVALID', 'VILLAGE_UNKNOWN']],
      [6, 'refused', ['VILLAGE_OUT_OF_SCOPE']],
    ]);
    expect(plan.rows[2]!.reasons![0]!.message).toBe('与文件中另一行身份证号重复（第 2 行）');
    const apply = await town.call('POST', '/api/v1/imports/residents/apply', body, {
      'idempotency-key': 'import-refused-1',
      'accept-language': 'en',
    });
    expect(apply.statusCode).toBe(422);
    const problem = apply.json<{
      code: string;
      plan: { counts: Record<string, number>; rows: { reasons?: { message: string }[] }[] };
    }>();
    expect(problem.code).toBe('IMPORT_REFUSED');
    expect(problem.plan.counts).toEqual(plan.counts);
    expect(problem.plan.rows[2]!.reasons![0]!.message).toBe(
      'Same ID number as another row of the file (row 2)',
    );
    expect(await counts()).toEqual(before);
  });

  it('someone registered outside the reach is refused without saying where', async () => {
    const admin = await t.login('admin');
    const elsewhere = idOf(6);
    const reg = await admin.call('POST', '/api/v1/residents', {
      idNumber: elsewhere,
      fullName: '周八',
      homeRegionCode: '110115103201',
      address: '青云店镇',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const dry = await call('dry-run', {
      file: await file([[elsewhere, '周八', '', '伊庄村', '']]),
    });
    expect(dry.json()).toMatchObject({
      counts: { refused: 1 },
      rows: [{ row: 2, action: 'refused', reasons: [{ code: 'REGISTERED_ELSEWHERE' }] }],
    });
    expect(dry.body).not.toContain('青云店');
  });

  it('dry run = apply; the ID is encrypted; re-import changes nothing; a change is a change', async () => {
    const rows = [
      [idOf(10), '钱一', '13900000010', '伊庄村', '伊庄村东街 1 号'],
      [idOf(11), '钱二', '', '三顺庄村', ''],
      [idOf(12), '钱三', '13900000012', '110115110207', ''],
    ];
    const body = { file: await file(rows) };
    const dry = (await call('dry-run', body)).json<Record<string, unknown>>();
    const before = await counts();
    const applied = await town.call('POST', '/api/v1/imports/residents/apply', body, {
      'idempotency-key': 'import-apply-10',
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const { importId, ...plan } = applied.json<Record<string, unknown>>();
    expect(importId).toEqual(expect.any(String));
    expect(plan).toEqual(dry);
    expect(await counts()).toEqual({ residents: before.residents + 3, audit: before.audit + 1 });
    const db = t.testDb.db.kysely;
    const stored = await db
      .selectFrom('residents')
      .selectAll()
      .where('full_name', 'in', ['钱一', '钱二', '钱三'])
      .orderBy('full_name')
      .execute();
    expect(
      stored.map((s) => [s.full_name, t.pii.decrypt(s.id_cipher), s.home_region_code, s.address]),
    ).toEqual([
      ['钱一', idOf(10), '110115110207', '伊庄村东街 1 号'],
      ['钱三', idOf(12), '110115110207', '伊庄村'],
      ['钱二', idOf(11), '110115110222', '三顺庄村'],
    ]);
    expect(JSON.stringify(stored)).not.toContain(idOf(10));
    expect(stored.every((s) => s.registered_station_id !== null)).toBe(true);
    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'import.applied')
      .where('entity_id', '=', importId as string)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      kind: 'residents',
      total: 3,
      counts: { create: 3, change: 0, unchanged: 0, refused: 0 },
    });
    expect(audit.after_json).not.toContain(idOf(10));

    const again = await town.call('POST', '/api/v1/imports/residents/apply', body, {
      'idempotency-key': 'import-apply-10-again',
    });
    expect(again.json()).toMatchObject({
      counts: { create: 0, change: 0, unchanged: 3, refused: 0 },
      rows: [],
    });
    expect((await counts()).residents).toBe(before.residents + 3);

    const changed = [...rows];
    changed[1] = [idOf(11), '钱贰', '13900000011', '三顺庄村', ''];
    const change = await town.call(
      'POST',
      '/api/v1/imports/residents/apply',
      { file: await file(changed) },
      {
        'idempotency-key': 'import-apply-10-change',
      },
    );
    expect(change.json()).toMatchObject({
      counts: { create: 0, change: 1, unchanged: 2, refused: 0 },
      rows: [{ row: 3, action: 'change', changes: ['fullName', 'phone'] }],
    });
    const row = await db
      .selectFrom('residents')
      .selectAll()
      .where('full_name', '=', '钱贰')
      .executeTakeFirstOrThrow();
    expect(t.pii.decrypt(row.phone_cipher!)).toBe('13900000011');
    expect(row.phone_masked).toBe('139****0011');
  });

  it('who may import: a clerk may not', async () => {
    const clerk = await t.login('clerk');
    const res = await call(
      'dry-run',
      { file: await file([[idOf(20), '吴九', '', '伊庄村', '']]) },
      clerk,
    );
    expect(res.statusCode).toBe(403);
  });

  it('a 10,000-row import in one transaction', async () => {
    const rows: string[][] = [];
    for (let i = 0; i < 10_000; i++) {
      // (year, month, day) differ for every i < 60 × 12 × 28
      const ymd = [1930 + (i % 60), 1 + (Math.floor(i / 60) % 12), 1 + (Math.floor(i / 720) % 28)];
      const birth = ymd.map((n) => String(n).padStart(2, '0')).join('');
      const id = buildIdNumber('110115', birth, String(100 + (i % 800)).padStart(3, '0'));
      rows.push([
        id,
        `批量${i}`,
        `139${String(i).padStart(8, '0')}`,
        i % 2 ? '伊庄村' : '三顺庄村',
        '',
      ]);
    }
    const bytes = await writeImportWorkbook('residents', rows);
    const before = await counts();
    const applied = await applyImport(
      { db: t.testDb.db.kysely, pii: t.pii },
      {
        kind: 'residents',
        file: bytes,
        actor: { system: 'cli' },
        requestId: null,
        now: t.clock.now,
      },
    );
    expect(applied.counts).toEqual({ create: 10_000, change: 0, unchanged: 0, refused: 0 });
    expect(await counts()).toEqual({
      residents: before.residents + 10_000,
      audit: before.audit + 1,
    });
    const again = await applyImport(
      { db: t.testDb.db.kysely, pii: t.pii },
      {
        kind: 'residents',
        file: bytes,
        actor: { system: 'cli' },
        requestId: null,
        now: t.clock.now,
      },
    );
    expect(again.counts).toEqual({ create: 0, change: 0, unchanged: 10_000, refused: 0 });
  }, 120_000);
});
