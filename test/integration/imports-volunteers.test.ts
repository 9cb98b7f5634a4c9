/**
 * Issue #15 point 3, volunteer teams and volunteers by Excel over HTTP: templates round-trip;
 * refused rows by row with reasons and nothing written; dry run = apply; a team tree in any row
 * order (parents first when written); volunteers registered with their ID hashed and encrypted,
 * the age and guardian-consent rules, the team membership; re-imports idempotent; only the
 * volunteer centre's staff within their region; a bad file is a 4xx problem — SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_TOWNS, PILOT_TOWN, YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import { COLUMNS_OF, type ImportKind } from '../../src/modules/imports/import-columns.ts';
import { readImportSheet } from '../../src/modules/imports/import-sheet.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  CORPS,
  fileOf,
  SUB,
  TEAM,
  ZHAO_ID,
  type Cells,
  type Plan,
} from './imports-volunteers.fixtures.ts';

describe('issue #15 p3 volunteer teams and volunteers by Excel', () => {
  let t: TestApp;
  let vstaff: Client;
  let clerk: Client;
  const count = async (table: 'vs_teams' | 'vs_volunteers' | 'vs_team_members') =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    teams: await count('vs_teams'),
    volunteers: await count('vs_volunteers'),
    members: await count('vs_team_members'),
  });
  const call = async (
    kind: ImportKind,
    step: 'dry-run' | 'apply',
    rows: Cells[],
    who: Client = vstaff,
  ) => who.call('POST', `/api/v1/imports/${kind}/${step}`, { file: await fileOf(kind, rows) });

  beforeAll(async () => {
    t = await createTestApp();
    vstaff = await t.login('vstaff');
    clerk = await t.login('clerk');
  });
  afterAll(async () => t.close());

  it.each(['teams', 'volunteers'] as const)(
    'the %s template round-trips: Chinese headers, its example row read back and dry-run',
    async (kind) => {
      const tpl = await vstaff.call('GET', `/api/v1/imports/${kind}/template`);
      expect(tpl.statusCode, tpl.body).toBe(200);
      const rows = await readImportSheet(kind, tpl.rawPayload, { maxRows: 10 });
      expect(rows).toHaveLength(1);
      for (const c of COLUMNS_OF[kind]) expect(rows[0]!.values[c.key]).toBe(c.example);
      const dry = await vstaff.call('POST', `/api/v1/imports/${kind}/dry-run`, {
        file: tpl.rawPayload.toString('base64'),
      });
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json<Plan>()).toMatchObject({ kind, total: 1, counts: { refused: 0 } });
    },
  );

  const tree: Cells[] = [
    // The sub-team first: its parent is a later row.
    {
      name: SUB,
      parent: TEAM,
      region: '伊庄村',
      personInCharge: '刘桂英',
      contactPhone: '010-89210009',
    },
    {
      name: TEAM,
      parent: CORPS,
      region: PILOT_TOWN,
      category: '助老助残',
      leaderPhone: '13800000003',
    },
    {
      name: CORPS,
      kind: '总队',
      region: '魏善庄镇',
      personInCharge: '王建国',
      contactPhone: '010-89211234',
      organisation: '魏善庄镇新时代文明实践所',
    },
  ];

  it('teams: bad rows refused by row with reasons; apply refuses the whole file, nothing written', async () => {
    const before = await counts();
    const bad: Cells[] = [
      ...tree,
      {
        name: '青云店镇助老队',
        region: OTHER_TOWNS[0]!,
        personInCharge: '张',
        contactPhone: '010-1',
      },
      {
        name: '无名上级分队',
        parent: '没有这个队',
        region: PILOT_TOWN,
        personInCharge: '李',
        contactPhone: '13800138000',
      },
      { name: '志愿者当队长', region: PILOT_TOWN, leaderPhone: '13800000002' },
      {
        name: CORPS,
        kind: '总队',
        region: '魏善庄镇',
        personInCharge: '王',
        contactPhone: '13800138000',
      },
      {
        name: '总队下的分队',
        kind: '分队',
        parent: CORPS,
        region: PILOT_TOWN,
        personInCharge: '李',
        contactPhone: '13800138000',
      },
    ];
    const dry = await call('teams', 'dry-run', bad);
    expect(dry.statusCode, dry.body).toBe(200);
    const plan = dry.json<Plan>();
    const reasons = Object.fromEntries(
      plan.rows
        .filter((r) => r.action === 'refused')
        .map((r) => [r.row, r.reasons!.map((x) => x.code)]),
    );
    expect(reasons).toEqual({
      5: ['TEAM_REGION_OUT_OF_SCOPE', 'TEAM_CONTACT_INVALID'],
      6: ['TEAM_PARENT_UNKNOWN'],
      7: ['TEAM_LEADER_NOT_LEADER'],
      // The corps twice: the second is a duplicate, and a parent named twice is ambiguous.
      8: ['TEAM_DUPLICATE_IN_FILE'],
      9: ['TEAM_PARENT_AMBIGUOUS'],
      3: ['TEAM_PARENT_AMBIGUOUS'],
      2: ['TEAM_PARENT_REFUSED'],
    });
    const apply = await call('teams', 'apply', bad);
    expect(apply.statusCode).toBe(422);
    expect(apply.json()).toMatchObject({ code: 'IMPORT_REFUSED' });
    expect(await counts()).toEqual(before);
  });

  it('teams: dry run = apply; the tree in any order; re-import unchanged; a new phone is a change', async () => {
    const before = await counts();
    const dry = await call('teams', 'dry-run', tree);
    expect(dry.json<Plan>().counts).toEqual({ create: 3, change: 0, unchanged: 0, refused: 0 });
    const apply = await call('teams', 'apply', tree);
    expect(apply.statusCode, apply.body).toBe(200);
    expect(apply.json()).toMatchObject(dry.json<object>());
    expect((await counts()).teams).toBe(before.teams + 3);
    const db = t.testDb.db.kysely;
    const byName = async (name: string) =>
      db.selectFrom('vs_teams').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    const corps = await byName(CORPS);
    const team = await byName(TEAM);
    const sub = await byName(SUB);
    const leader = await db
      .selectFrom('accounts')
      .select(['id', 'display_name'])
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    expect(corps).toMatchObject({ kind: 'corps', parent_id: null, region_code: PILOT_TOWN });
    expect(team).toMatchObject({
      kind: 'team',
      parent_id: corps.id,
      category_code: 'elderly',
      leader_account_id: leader.id,
      person_in_charge: leader.display_name,
      contact_phone: '13800000003',
      organisation_name: '魏善庄镇新时代文明实践所',
    });
    expect(sub).toMatchObject({ kind: 'subteam', parent_id: team.id, region_code: YIZHUANG });
    // Each team created through createTeam: its own audit event.
    const audited = await db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', 'in', [corps.id, team.id, sub.id])
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['team.created', 'team.created', 'team.created']);

    const again = await call('teams', 'apply', tree);
    expect(again.json<Plan>()).toMatchObject({
      counts: { create: 0, change: 0, unchanged: 3, refused: 0 },
      rows: [],
    });
    expect((await counts()).teams).toBe(before.teams + 3);

    const changed = tree.map((r) => (r.name === SUB ? { ...r, contactPhone: '13900139000' } : r));
    const dry2 = await call('teams', 'dry-run', changed);
    expect(dry2.json<Plan>()).toMatchObject({
      counts: { create: 0, change: 1, unchanged: 2 },
      rows: [{ row: 2, action: 'change', changes: ['contactPhone'] }],
    });
    await call('teams', 'apply', changed);
    expect((await byName(SUB)).contact_phone).toBe('13900139000');
  });

  it('volunteers: refused by row (ID, age, consent, duplicates, scope, team), nothing written', async () => {
    const before = await counts();
    const rows: Cells[] = [
      {
        fullName: '钱多多',
        idNumber: buildIdNumber('110115', '19850301', '101'),
        village: '伊庄村',
        team: SUB,
      },
      {
        fullName: '孙小妹',
        idNumber: buildIdNumber('110115', '20100601', '102'),
        village: '伊庄村',
      },
      {
        fullName: '李小弟',
        idNumber: buildIdNumber('110115', '20130101', '103'),
        village: '伊庄村',
      },
      {
        fullName: '钱多多',
        idNumber: buildIdNumber('110115', '19850301', '101'),
        village: '伊庄村',
      },
      { fullName: '周错号', idNumber: '110115198503011010', village: '伊庄村' },
      {
        fullName: '吴外镇',
        idNumber: buildIdNumber('110115', '19700101', '104'),
        village: OTHER_TOWNS[0]!.slice(0, 9) + '201',
      },
      {
        fullName: '郑无队',
        idNumber: buildIdNumber('110115', '19700101', '105'),
        village: '伊庄村',
        team: '没有这个队',
      },
      { fullName: '冒名者', idNumber: ZHAO_ID, village: '伊庄村' },
      {
        fullName: '孙小二',
        idNumber: buildIdNumber('110115', '20100601', '106'),
        village: '伊庄村',
        guardianName: '孙大',
        guardianRelation: '父亲',
        guardianPhone: '13800138001',
        consentMethod: '口头',
      },
    ];
    const dry = await call('volunteers', 'dry-run', rows);
    expect(dry.statusCode, dry.body).toBe(200);
    const plan = dry.json<Plan>();
    const reasons = Object.fromEntries(
      plan.rows
        .filter((r) => r.action === 'refused')
        .map((r) => [r.row, r.reasons!.map((x) => x.code)]),
    );
    const outsider = await t.testDb.db.kysely
      .selectFrom('regions')
      .select('code')
      .where('code', '=', rows[5]!.village!)
      .executeTakeFirst();
    expect(reasons).toEqual({
      3: ['VOLUNTEER_CONSENT_MISSING'],
      4: ['VOLUNTEER_UNDER_AGE'],
      5: ['DUPLICATE_IN_FILE'],
      6: ['ID_NUMBER_CHECK_DIGIT'],
      7: [outsider ? 'VILLAGE_OUT_OF_SCOPE' : 'VILLAGE_UNKNOWN'],
      8: ['TEAM_UNKNOWN'],
      9: ['VOLUNTEER_NAME_DIFFERENT'],
      10: ['VOLUNTEER_CONSENT_METHOD_UNKNOWN', 'VOLUNTEER_CONSENT_MISSING'],
    });
    expect(plan.rows.find((r) => r.row === 5)!.reasons![0]).toMatchObject({ detail: '2' });
    // A plan never carries a full ID number.
    expect(dry.body).not.toContain(rows[0]!.idNumber);
    const apply = await call('volunteers', 'apply', rows);
    expect(apply.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('volunteers: dry run = apply; encrypted, consent kept, team joined; re-import unchanged; new phone a change', async () => {
    const before = await counts();
    const rows: Cells[] = [
      {
        fullName: '钱多多',
        idNumber: buildIdNumber('110115', '19850301', '101'),
        phone: '13700000101',
        village: '伊庄村',
        team: SUB,
        skills: '助老、理发',
      },
      // No phone: signed up and checked in by the lead.
      {
        fullName: '孙老伯',
        idNumber: buildIdNumber('110115', '19520301', '107'),
        village: YIZHUANG,
      },
      {
        fullName: '孙小妹',
        idNumber: buildIdNumber('110115', '20100601', '102'),
        village: '伊庄村',
        team: TEAM,
        guardianName: '孙大',
        guardianRelation: '父亲',
        guardianPhone: '13800138001',
        consentMethod: '书面',
      },
    ];
    const dry = await call('volunteers', 'dry-run', rows);
    expect(dry.json<Plan>().counts).toEqual({ create: 3, change: 0, unchanged: 0, refused: 0 });
    const apply = await call('volunteers', 'apply', rows);
    expect(apply.statusCode, apply.body).toBe(200);
    expect(apply.json()).toMatchObject(dry.json<object>());
    expect(await counts()).toMatchObject({
      volunteers: before.volunteers + 3,
      members: before.members + 2,
    });
    const db = t.testDb.db.kysely;
    const qian = await db
      .selectFrom('vs_volunteers')
      .selectAll()
      .where('full_name', '=', '钱多多')
      .executeTakeFirstOrThrow();
    expect(qian.id_cipher).not.toContain(rows[0]!.idNumber);
    expect(t.pii.decrypt(qian.id_cipher)).toBe(rows[0]!.idNumber);
    expect(qian.id_hash).toBe(t.pii.lookupHash(rows[0]!.idNumber!));
    expect(JSON.parse(qian.skills)).toEqual(['助老', '理发']);
    const sun = await db
      .selectFrom('vs_volunteers')
      .select(['phone_cipher', 'guardian_consent'])
      .where('full_name', 'in', ['孙老伯', '孙小妹'])
      .orderBy('full_name')
      .execute();
    expect(sun.map((s) => s.phone_cipher)).toEqual([null, null]);
    expect(JSON.parse(sun.find((s) => s.guardian_consent)!.guardian_consent!)).toMatchObject({
      guardianName: '孙大',
      relation: '父亲',
      method: 'signed_form',
    });
    const member = await db
      .selectFrom('vs_team_members as m')
      .innerJoin('vs_teams as t', 't.id', 'm.team_id')
      .select(['t.name', 'm.status'])
      .where('m.volunteer_id', '=', qian.id)
      .execute();
    expect(member).toEqual([{ name: SUB, status: 'approved' }]);

    const again = await call('volunteers', 'apply', rows);
    expect(again.json<Plan>().counts).toEqual({ create: 0, change: 0, unchanged: 3, refused: 0 });
    expect((await counts()).volunteers).toBe(before.volunteers + 3);

    const changed = rows.map((r, i) => (i === 1 ? { ...r, phone: '13700000107', team: TEAM } : r));
    const dry2 = await call('volunteers', 'dry-run', changed);
    expect(dry2.json<Plan>()).toMatchObject({
      counts: { create: 0, change: 1, unchanged: 2 },
      rows: [{ row: 3, action: 'change', changes: ['phone', 'team'] }],
    });
    const applied2 = await call('volunteers', 'apply', changed);
    expect(applied2.json()).toMatchObject(dry2.json<object>());
    expect((await counts()).members).toBe(before.members + 3);
  });

  it('only the volunteer centre’s staff import teams and volunteers; a bad file is a 4xx problem', async () => {
    const res = await call(
      'volunteers',
      'dry-run',
      [{ fullName: '某', idNumber: '1', village: '伊庄村' }],
      clerk,
    );
    expect(res.statusCode).toBe(403);
    const garbage = await vstaff.call('POST', '/api/v1/imports/teams/dry-run', {
      file: Buffer.from('not a workbook').toString('base64'),
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
    const wrongKind = await vstaff.call('POST', '/api/v1/imports/teams/dry-run', {
      file: await fileOf('residents', [{ idNumber: ZHAO_ID, fullName: '赵', village: '伊庄村' }]),
    });
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json()).toMatchObject({ code: 'IMPORT_HEADERS' });
    // The centre's staff import no residents.
    const residents = await call('residents', 'dry-run', [
      { idNumber: ZHAO_ID, fullName: '赵', village: '伊庄村' },
    ]);
    expect(residents.statusCode).toBe(403);
  });
});
