/**
 * VS-1 / VS-2 over HTTP on a real database: real-name volunteer registration (age and guardian
 * consent, duplicates, scope, masking), the "8+N" categories, corps → teams → sub-teams with join
 * requests decided by a leader, and the resource and project lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { ROLES } from '../../src/modules/auth/roles.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { DEMO_VS_IDS } from '../../src/modules/volunteers/volunteers.demo.ts';
import { ACCOUNTS } from './access/index.ts';
import { createTestApp, START, type Client, type TestApp } from '../helpers/test-app.ts';
import { insertAccount } from '../helpers/vs-fixtures.ts';

interface Volunteer {
  id: string;
  volunteerNumber: string;
  accountId: string | null;
  fullName: string;
  age: number;
  idMasked: string;
  phoneMasked: string | null;
  homeRegionCode: string;
  skills: string[];
  serviceRegionCodes: string[];
  availability: { weekdays: number[]; parts: string[] };
  guardianConsent: { guardianPhoneMasked: string; method: string; recordedAt: string } | null;
  status: string;
  selfRegistered: boolean;
}
interface Team {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  regionCode: string;
  categoryCode: string | null;
  colour: string | null;
  leaderAccountId: string | null;
  memberCount: number;
  ledByMe: boolean;
  active: boolean;
}
interface Member {
  id: string;
  teamId: string;
  volunteerId: string;
  status: string;
}
interface Item {
  id: string;
  name: string;
  regionCode: string;
  categoryCode: string;
  active: boolean;
  onMenu?: boolean;
}

const XINYI = '530702002002';
const YIZHUANG = '110115110207';
const PILOT_TOWN = '110115110000';
const adultId = (seq: number) => buildIdNumber('110115', '19800101', String(seq).padStart(3, '0'));

describe('volunteers, teams and lists (VS-1, VS-2)', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};

  const count = async (table: keyof Database) =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Runs a refused request and checks that nothing at all was written. */
  const refused = async (
    run: () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>,
    status: number,
    code: string,
  ) => {
    const tables: (keyof Database)[] = [
      'vs_volunteers',
      'vs_teams',
      'vs_team_members',
      'vs_categories',
      'vs_resources',
      'vs_projects',
      'role_grants',
      'audit_events',
    ];
    const before = await Promise.all(tables.map(count));
    const res = await run();
    expect(res.statusCode, res.body).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ code });
    expect(await Promise.all(tables.map(count))).toEqual(before);
  };
  const registration = (extra: Record<string, unknown> = {}) => ({
    idNumber: adultId(1),
    fullName: '王志愿',
    phone: '13811112222',
    homeRegionCode: YIZHUANG,
    skills: ['理发'],
    serviceRegionCodes: [PILOT_TOWN],
    availability: { weekdays: [6, 7], parts: ['am'] },
    ...extra,
  });
  const consent = {
    guardianName: '王妈妈',
    relation: '母亲',
    guardianPhone: '13966667777',
    method: 'signed_form',
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      ...Object.keys(ACCOUNTS),
      'lj-staff',
      'lj-leader',
      'lj-volunteer',
      'lj-resident1',
    ])
      c[u] = await t.login(u);
  });
  afterAll(async () => t.close());

  describe('demo data', () => {
    it('the 丽江 volunteer is registered and an approved member of the blue sub-team', async () => {
      const me = (await c['lj-volunteer']!.call('GET', '/api/v1/volunteers/me')).json<{
        volunteer: Volunteer;
        memberships: { teamName: string; status: string; teamColour: string }[];
      }>();
      expect(me.volunteer.volunteerNumber).toMatch(/^V530702\d{6}$/);
      expect(me.volunteer.idMasked).toMatch(/^530702\*{8}\d{3}[\dX]$/);
      expect(me.memberships).toEqual([
        expect.objectContaining({ teamName: '彩虹志愿服务队·蓝队', status: 'approved' }),
      ]);
    });
    it('the corps has the 彩虹 team with seven colour sub-teams, one category each', async () => {
      const teams = (
        await c.resident!.call('GET', '/api/v1/vs/teams?regionCode=530702000000')
      ).json<Team[]>();
      const corps = teams.filter((x) => x.kind === 'corps');
      expect(corps.map((x) => x.name)).toEqual(['古城区新时代文明实践志愿服务总队']);
      const rainbow = teams.find((x) => x.id === DEMO_VS_IDS.rainbowTeam)!;
      expect(rainbow.parentId).toBe(corps[0]!.id);
      const subs = teams.filter((x) => x.parentId === rainbow.id);
      expect(subs).toHaveLength(7);
      expect(new Set(subs.map((x) => x.categoryCode)).size).toBe(7);
      expect(subs.every((x) => x.colour && x.regionCode === XINYI)).toBe(true);
      expect(subs.map((x) => x.categoryCode)).toContain('skills');
    });
    it('the demo volunteer is a member of the leader’s team in 魏善庄镇', async () => {
      const me = (await c.volunteer!.call('GET', '/api/v1/volunteers/me')).json<{
        volunteer: Volunteer;
        memberships: { teamId: string; status: string }[];
      }>();
      expect(me.volunteer.id).toBe(DEMO_VS_IDS.wszVolunteer);
      expect(me.memberships).toEqual([
        expect.objectContaining({ teamId: DEMO_VS_IDS.wszTeam, status: 'approved' }),
      ]);
    });
    it('someone who is not registered gets volunteer: null', async () => {
      const me = (await c.clerk!.call('GET', '/api/v1/volunteers/me')).json<{
        volunteer: null;
        memberships: [];
      }>();
      expect(me).toEqual({ volunteer: null, memberships: [] });
    });
  });

  describe('registration (VS-1)', () => {
    it('self-registration links the account, grants the volunteer role and masks PII', async () => {
      const res = await c.organiser!.call('POST', '/api/v1/volunteers/me', registration());
      expect(res.statusCode, res.body).toBe(201);
      const v = res.json<Volunteer>();
      expect(v.selfRegistered).toBe(true);
      expect(v.idMasked).toBe(`110115********${adultId(1).slice(-4)}`);
      expect(v.phoneMasked).toBe('138****2222');
      expect(v.age).toBe(46);
      expect(v.volunteerNumber).toMatch(/^V110115\d{6}$/);
      expect(v.availability).toEqual({ weekdays: [6, 7], parts: ['am'] });
      expect(res.body).not.toContain(adultId(1));
      expect(res.body).not.toContain('13811112222');
      const grants = await t.testDb.db.kysely
        .selectFrom('role_grants as g')
        .innerJoin('accounts as a', 'a.id', 'g.account_id')
        .select(['g.role', 'g.region_code'])
        .where('a.username', '=', 'organiser')
        .execute();
      expect(grants).toContainEqual({ role: 'volunteer', region_code: PILOT_TOWN });
      const audit = await t.testDb.db.kysely
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'volunteer.registered')
        .where('entity_id', '=', v.id)
        .executeTakeFirstOrThrow();
      expect(audit.after_json).not.toContain(adultId(1));
      expect(audit.after_json).not.toContain('13811112222');
      const row = await t.testDb.db.kysely
        .selectFrom('vs_volunteers')
        .select(['id_cipher', 'phone_cipher'])
        .where('id', '=', v.id)
        .executeTakeFirstOrThrow();
      expect(t.pii.decrypt(row.id_cipher)).toBe(adultId(1));
      expect(row.phone_cipher).not.toContain('13811112222');
      // The next request carries the new role: the organiser may now ask to join a team.
      const me = (await c.organiser!.call('GET', '/api/v1/auth/me')).json<{
        grants: { role: string }[];
      }>();
      expect(me.grants.map((g) => g.role)).toContain('volunteer');
    });
    it('the same account again is 409, nothing written', async () => {
      await refused(
        () =>
          c.organiser!.call(
            'POST',
            '/api/v1/volunteers/me',
            registration({ idNumber: adultId(2) }),
          ),
        409,
        'VOLUNTEER_ALREADY_REGISTERED',
      );
    });
    it('the same ID number by staff is 409, nothing written', async () => {
      await refused(
        () => c.vstaff!.call('POST', '/api/v1/volunteers', registration()),
        409,
        'VOLUNTEER_ALREADY_REGISTERED',
      );
    });
    it('under 14 is refused, even with a consent', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({
              idNumber: buildIdNumber('110115', '20120303', '011'),
              guardianConsent: consent,
            }),
          ),
        422,
        'VOLUNTEER_TOO_YOUNG',
      );
    });
    it('on the 14th birthday (China date) a consent is needed', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({ idNumber: buildIdNumber('110115', '20120302', '013') }),
          ),
        422,
        'VOLUNTEER_GUARDIAN_CONSENT_REQUIRED',
      );
    });
    it('14–17 with a consent registers; the guardian phone is stored encrypted and shown masked', async () => {
      const res = await c.vstaff!.call(
        'POST',
        '/api/v1/volunteers',
        registration({
          idNumber: buildIdNumber('110115', '20120302', '013'),
          guardianConsent: consent,
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const v = res.json<Volunteer>();
      expect(v.age).toBe(14);
      expect(v.accountId).toBeNull();
      expect(v.selfRegistered).toBe(false);
      expect(v.guardianConsent).toMatchObject({
        guardianPhoneMasked: '139****7777',
        method: 'signed_form',
        recordedAt: START.toISOString(),
      });
      expect(res.body).not.toContain('13966667777');
      const row = await t.testDb.db.kysely
        .selectFrom('vs_volunteers')
        .select('guardian_consent')
        .where('id', '=', v.id)
        .executeTakeFirstOrThrow();
      expect(row.guardian_consent).not.toContain('13966667777');
    });
    it('an adult needs no consent (a given one is not stored)', async () => {
      const res = await c.vstaff!.call(
        'POST',
        '/api/v1/volunteers',
        registration({ idNumber: adultId(3), guardianConsent: consent }),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Volunteer>().guardianConsent).toBeNull();
    });
    it('a consent recorded in the future is refused', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({
              idNumber: buildIdNumber('110115', '20100101', '015'),
              guardianConsent: { ...consent, recordedAt: '2026-03-05T00:00:00Z' },
            }),
          ),
        400,
        'VOLUNTEER_CONSENT_DATE_INVALID',
      );
    });
    it('an incomplete consent is a validation error', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({
              idNumber: buildIdNumber('110115', '20100101', '015'),
              guardianConsent: { guardianName: '王妈妈', method: 'phone' },
            }),
          ),
        400,
        'VALIDATION_FAILED',
      );
    });
    it.each([
      [{ idNumber: '110115198001010011' }, 400, 'ID_NUMBER_CHECK_DIGIT'],
      [{ idNumber: '12345' }, 400, 'ID_NUMBER_FORMAT'],
      [{ idNumber: buildIdNumber('110115', '20270101', '011') }, 400, 'ID_NUMBER_BIRTH_DATE'],
      [{ homeRegionCode: '110115999999' }, 400, 'UNKNOWN_REGION'],
      [{ homeRegionCode: '110115000000' }, 422, 'VOLUNTEER_REGION_INVALID'],
      [{ serviceRegionCodes: ['110115999999'] }, 422, 'VOLUNTEER_REGION_INVALID'],
      [{ availability: { weekdays: [8], parts: [] } }, 400, 'VALIDATION_FAILED'],
      [{ availability: { weekdays: [1], parts: ['night'] } }, 400, 'VALIDATION_FAILED'],
      [{ phone: '12345' }, 400, 'VALIDATION_FAILED'],
      [{ fullName: '' }, 400, 'VALIDATION_FAILED'],
      [{ extra: 1 }, 400, 'VALIDATION_FAILED'],
    ])('bad input %j → %i %s, nothing written', async (extra, status, code) => {
      // the district administrator: every region of 大兴区 is in scope
      await refused(
        () =>
          c.admin!.call(
            'POST',
            '/api/v1/volunteers',
            registration({ idNumber: adultId(4), ...extra }),
          ),
        status,
        code,
      );
    });
    it('staff register only inside their scope', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({ idNumber: adultId(5), homeRegionCode: XINYI }),
          ),
        403,
        'OUT_OF_SCOPE',
      );
      const ok = await c['lj-staff']!.call(
        'POST',
        '/api/v1/volunteers',
        registration({ idNumber: adultId(5), homeRegionCode: XINYI, serviceRegionCodes: [] }),
      );
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json<Volunteer>().serviceRegionCodes).toEqual([XINYI]);
    });
    it('the China date decides: at 16:30 UTC a child born tomorrow (UTC) is already 14', async () => {
      const id = buildIdNumber('110115', '20120303', '017');
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({ idNumber: id, guardianConsent: consent }),
          ),
        422,
        'VOLUNTEER_TOO_YOUNG',
      );
      t.clock.now = new Date('2026-03-02T16:30:00Z'); // 3 March 00:30 in China
      try {
        const staff = await t.login('vstaff');
        const res = await staff.call(
          'POST',
          '/api/v1/volunteers',
          registration({ idNumber: id, guardianConsent: consent }),
        );
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json<Volunteer>().age).toBe(14);
      } finally {
        t.clock.now = START;
      }
    });
  });

  describe('the registry', () => {
    it('staff see only their own scope, masked', async () => {
      const wsz = (await c.vstaff!.call('GET', '/api/v1/volunteers?limit=200')).json<Volunteer[]>();
      expect(wsz.length).toBeGreaterThan(2);
      expect(wsz.every((v) => v.homeRegionCode.startsWith('110115110'))).toBe(true);
      const lj = (await c['lj-staff']!.call('GET', '/api/v1/volunteers?limit=200')).json<
        Volunteer[]
      >();
      expect(lj.length).toBeGreaterThanOrEqual(22);
      expect(lj.every((v) => v.homeRegionCode.startsWith('530702'))).toBe(true);
      expect(lj.every((v) => v.idMasked.includes('********'))).toBe(true);
    });
    it('search by name, region and skill', async () => {
      const byName = (
        await c.vstaff!.call('GET', `/api/v1/volunteers?q=${encodeURIComponent('赵雨')}`)
      ).json<Volunteer[]>();
      expect(byName.map((v) => v.id)).toEqual([DEMO_VS_IDS.wszVolunteer]);
      const bySkill = (
        await c['lj-staff']!.call(
          'GET',
          `/api/v1/volunteers?skill=${encodeURIComponent('直播带货')}`,
        )
      ).json<Volunteer[]>();
      expect(bySkill.length).toBeGreaterThan(1);
      expect(bySkill.every((v) => v.skills.includes('直播带货'))).toBe(true);
      const byRegion = (
        await c['lj-staff']!.call('GET', `/api/v1/volunteers?regionCode=${XINYI}&limit=200`)
      ).json<Volunteer[]>();
      expect(byRegion.every((v) => v.homeRegionCode === XINYI)).toBe(true);
    });
    it('other roles may not list', async () => {
      const res = await c.leader!.call('GET', '/api/v1/volunteers');
      expect(res.statusCode).toBe(403);
    });
    it('bad query → 400', async () => {
      expect((await c.vstaff!.call('GET', '/api/v1/volunteers?limit=0')).statusCode).toBe(400);
      expect((await c.vstaff!.call('GET', '/api/v1/volunteers?regionCode=12')).statusCode).toBe(
        400,
      );
    });
    it('detail: oneself, the team’s leader, staff in scope; others refused', async () => {
      const url = `/api/v1/volunteers/${DEMO_VS_IDS.wszVolunteer}`;
      for (const u of ['volunteer', 'leader', 'vstaff', 'admin'])
        expect((await c[u]!.call('GET', url)).statusCode, u).toBe(200);
      expect((await c['lj-leader']!.call('GET', url)).json()).toMatchObject({
        code: 'VOLUNTEER_NOT_FOUND',
      });
      expect((await c['lj-volunteer']!.call('GET', url)).statusCode).toBe(404);
      const out = await c['lj-staff']!.call('GET', url);
      expect(out.statusCode).toBe(403);
      expect(out.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
      expect(
        (await c.vstaff!.call('GET', '/api/v1/volunteers/00000000-0000-4000-8000-000000000000'))
          .statusCode,
      ).toBe(404);
    });
    it('a volunteer updates their own skills and availability, not their status', async () => {
      const url = `/api/v1/volunteers/${DEMO_VS_IDS.wszVolunteer}`;
      const res = await c.volunteer!.call('PATCH', url, {
        skills: ['理发', '读书'],
        availability: { weekdays: [7, 6, 6], parts: ['evening', 'am'] },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Volunteer>()).toMatchObject({
        skills: ['理发', '读书'],
        availability: { weekdays: [6, 7], parts: ['am', 'evening'] },
      });
      await refused(
        () => c.volunteer!.call('PATCH', url, { status: 'suspended' }),
        403,
        'FORBIDDEN',
      );
      await refused(() => c.volunteer!.call('PATCH', url, {}), 400, 'VALIDATION_FAILED');
      await refused(
        () => c['lj-staff']!.call('PATCH', url, { status: 'suspended' }),
        403,
        'OUT_OF_SCOPE',
      );
      const lj = (await c['lj-volunteer']!.call('GET', '/api/v1/volunteers/me')).json<{
        volunteer: Volunteer;
      }>().volunteer;
      await refused(
        () => c.volunteer!.call('PATCH', `/api/v1/volunteers/${lj.id}`, { skills: [] }),
        403,
        'FORBIDDEN',
      );
    });
    it('staff suspend and reactivate; the audit keeps no full numbers', async () => {
      const url = `/api/v1/volunteers/${DEMO_VS_IDS.wszVolunteer}`;
      const res = await c.vstaff!.call('PATCH', url, { status: 'suspended', phone: '13712345678' });
      expect(res.json<Volunteer>()).toMatchObject({
        status: 'suspended',
        phoneMasked: '137****5678',
      });
      expect((await c.vstaff!.call('PATCH', url, { status: 'active' })).json()).toMatchObject({
        status: 'active',
      });
      const events = await t.testDb.db.kysely
        .selectFrom('audit_events')
        .select(['before_json', 'after_json'])
        .where('action', '=', 'volunteer.updated')
        .execute();
      expect(events.length).toBeGreaterThan(0);
      expect(JSON.stringify(events)).not.toContain('13712345678');
    });
  });

  describe('categories (8+N)', () => {
    it('lists the demo categories in order', async () => {
      const cats = (await c.resident!.call('GET', '/api/v1/vs/categories')).json<
        { code: string }[]
      >();
      expect(cats.map((x) => x.code)).toEqual([
        'theory',
        'culture',
        'science',
        'health',
        'legal',
        'elderly',
        'eco',
        'safety',
        'skills',
        'children',
      ]);
    });
    it('staff add, rename and deactivate; inactive ones only on request', async () => {
      const res = await c.vstaff!.call('POST', '/api/v1/vs/categories', {
        code: 'tea_culture',
        nameZh: '茶文化',
        nameEn: 'Tea culture',
        colour: '#389e0d',
      });
      expect(res.statusCode, res.body).toBe(201);
      await refused(
        () =>
          c.admin!.call('POST', '/api/v1/vs/categories', {
            code: 'tea_culture',
            nameZh: '茶',
            nameEn: 'Tea',
          }),
        409,
        'VS_CATEGORY_EXISTS',
      );
      const upd = await c.admin!.call('PATCH', '/api/v1/vs/categories/tea_culture', {
        nameZh: '茶文化传承',
        active: false,
      });
      expect(upd.json()).toMatchObject({ nameZh: '茶文化传承', active: false });
      const active = (await c.vstaff!.call('GET', '/api/v1/vs/categories')).json<
        { code: string }[]
      >();
      expect(active.map((x) => x.code)).not.toContain('tea_culture');
      const all = (await c.vstaff!.call('GET', '/api/v1/vs/categories?includeInactive=true')).json<
        { code: string }[]
      >();
      expect(all.map((x) => x.code)).toContain('tea_culture');
    });
    it('bad input and other roles are refused, nothing written', async () => {
      await refused(
        () =>
          c.vstaff!.call('POST', '/api/v1/vs/categories', {
            code: 'Bad Code',
            nameZh: 'x',
            nameEn: 'x',
          }),
        400,
        'VALIDATION_FAILED',
      );
      await refused(
        () =>
          c.leader!.call('POST', '/api/v1/vs/categories', {
            code: 'abc',
            nameZh: 'x',
            nameEn: 'x',
          }),
        403,
        'FORBIDDEN',
      );
      await refused(
        () => c.vstaff!.call('PATCH', '/api/v1/vs/categories/nope', { nameZh: 'x' }),
        404,
        'VS_CATEGORY_NOT_FOUND',
      );
      await refused(
        () => c.vstaff!.call('PATCH', '/api/v1/vs/categories/skills', {}),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('teams', () => {
    const team = (extra: Record<string, unknown> = {}) => ({
      kind: 'team',
      name: '测试志愿服务队',
      regionCode: XINYI,
      organisationName: '新义社区新时代文明实践站',
      personInCharge: '木丽萍',
      contactPhone: '0888-5120002',
      ...extra,
    });
    it('filters by region, kind, category and active', async () => {
      const get = async (q: string) =>
        (await c.volunteer!.call('GET', `/api/v1/vs/teams?${q}`)).json<Team[]>();
      expect((await get('regionCode=530702002000&kind=subteam')).length).toBe(7);
      expect((await get('category=skills')).map((x) => x.name)).toEqual(['彩虹志愿服务队·蓝队']);
      const wsz = await get(`regionCode=${PILOT_TOWN}`);
      expect(wsz.map((x) => x.id).sort()).toEqual(
        [DEMO_VS_IDS.wszTeam, DEMO_VS_IDS.wszCultureTeam].sort(),
      );
      expect((await get('active=false')).length).toBe(0);
      expect((await get(`q=${encodeURIComponent('彩虹')}`)).length).toBe(8);
      const led = (
        await c.leader!.call('GET', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}`)
      ).json<Team>();
      expect(led).toMatchObject({ ledByMe: true, memberCount: 3 });
      expect((await c.volunteer!.call('GET', '/api/v1/vs/teams?kind=army')).statusCode).toBe(400);
      expect(
        (await c.volunteer!.call('GET', '/api/v1/vs/teams/00000000-0000-4000-8000-000000000000'))
          .statusCode,
      ).toBe(404);
    });
    it('the lj leader leads the 彩虹 team and every sub-team below it', async () => {
      const teams = (
        await c['lj-leader']!.call('GET', '/api/v1/vs/teams?regionCode=530702000000')
      ).json<Team[]>();
      expect(teams.filter((x) => x.ledByMe)).toHaveLength(8);
    });
    it('staff build corps → team → sub-team in scope', async () => {
      const corps = await c['lj-staff']!.call(
        'POST',
        '/api/v1/vs/teams',
        team({ kind: 'corps', name: '测试总队', regionCode: '530702000000' }),
      );
      expect(corps.statusCode, corps.body).toBe(201);
      const leader = await t.testDb.db.kysely
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', 'lj-leader')
        .executeTakeFirstOrThrow();
      const tm = await c['lj-staff']!.call(
        'POST',
        '/api/v1/vs/teams',
        team({ parentId: corps.json<Team>().id, leaderAccountId: leader.id }),
      );
      expect(tm.statusCode, tm.body).toBe(201);
      const sub = await c['lj-staff']!.call(
        'POST',
        '/api/v1/vs/teams',
        team({
          kind: 'subteam',
          parentId: tm.json<Team>().id,
          name: '测试分队',
          categoryCode: 'legal',
          colour: '#000000',
        }),
      );
      expect(sub.statusCode, sub.body).toBe(201);
      expect(sub.json<Team>()).toMatchObject({ kind: 'subteam', categoryCode: 'legal' });
      const upd = await c['lj-staff']!.call('PATCH', `/api/v1/vs/teams/${sub.json<Team>().id}`, {
        description: '法律咨询',
        active: false,
      });
      expect(upd.json()).toMatchObject({ description: '法律咨询', active: false });
      // a sub-team under a sub-team, or one without a parent, is refused
      await refused(
        () =>
          c['lj-staff']!.call(
            'POST',
            '/api/v1/vs/teams',
            team({ kind: 'subteam', parentId: sub.json<Team>().id }),
          ),
        422,
        'VS_TEAM_PARENT_INVALID',
      );
      await refused(
        () => c['lj-staff']!.call('POST', '/api/v1/vs/teams', team({ kind: 'subteam' })),
        422,
        'VS_TEAM_PARENT_INVALID',
      );
      // a team under a corps must lie inside the corps' region
      await refused(
        () =>
          c.admin!.call(
            'POST',
            '/api/v1/vs/teams',
            team({ parentId: corps.json<Team>().id, regionCode: YIZHUANG }),
          ),
        422,
        'VS_TEAM_PARENT_INVALID',
      );
    });
    it('refuses bad teams and foreign scopes, nothing written', async () => {
      await refused(() => c.vstaff!.call('POST', '/api/v1/vs/teams', team()), 403, 'OUT_OF_SCOPE');
      const volunteerAccount = await t.testDb.db.kysely
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', 'lj-volunteer')
        .executeTakeFirstOrThrow();
      await refused(
        () =>
          c['lj-staff']!.call(
            'POST',
            '/api/v1/vs/teams',
            team({ leaderAccountId: volunteerAccount.id }),
          ),
        422,
        'VS_TEAM_LEADER_INVALID',
      );
      await refused(
        () => c['lj-staff']!.call('POST', '/api/v1/vs/teams', team({ categoryCode: 'nope' })),
        422,
        'VS_CATEGORY_UNKNOWN',
      );
      await refused(
        () => c['lj-staff']!.call('POST', '/api/v1/vs/teams', team({ contactPhone: 'abc' })),
        400,
        'VALIDATION_FAILED',
      );
      await refused(
        () =>
          c['lj-staff']!.call('PATCH', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}`, {
            description: 'x',
          }),
        403,
        'OUT_OF_SCOPE',
      );
      await refused(
        () =>
          c.leader!.call('PATCH', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}`, { description: 'x' }),
        403,
        'FORBIDDEN',
      );
      await refused(
        () =>
          c.vstaff!.call('PATCH', '/api/v1/vs/teams/00000000-0000-4000-8000-000000000000', {
            description: 'x',
          }),
        404,
        'VS_TEAM_NOT_FOUND',
      );
    });
  });

  describe('join requests', () => {
    let blue = '';
    beforeAll(async () => {
      const teams = (await c.volunteer!.call('GET', '/api/v1/vs/teams?category=skills')).json<
        Team[]
      >();
      blue = teams[0]!.id;
    });
    it('a volunteer asks once; only a leader of the team (or above) or staff in scope decides', async () => {
      const volunteer = await t.login('organiser'); // registered above; now holds the volunteer role
      const req = await volunteer.call('POST', `/api/v1/vs/teams/${blue}/join-requests`, {
        note: '我会剪视频',
      });
      expect(req.statusCode, req.body).toBe(201);
      const m = req.json<Member>();
      expect(m.status).toBe('pending');
      await refused(
        () => volunteer.call('POST', `/api/v1/vs/teams/${blue}/join-requests`, {}),
        409,
        'VS_JOIN_ALREADY',
      );
      const inbox = (await c['lj-leader']!.call('GET', '/api/v1/vs/join-requests')).json<
        Member[]
      >();
      expect(inbox.map((x) => x.id)).toContain(m.id);
      expect(
        (await c.leader!.call('GET', '/api/v1/vs/join-requests')).json<Member[]>().map((x) => x.id),
      ).not.toContain(m.id);
      // another team's leader and staff of another region may not decide
      await refused(
        () =>
          c.leader!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'approve',
          }),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () =>
          c.vstaff!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'approve',
          }),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () =>
          c['lj-leader']!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'maybe',
          }),
        400,
        'VALIDATION_FAILED',
      );
      const ok = await c['lj-leader']!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
        decision: 'approve',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<Member>().status).toBe('approved');
      await refused(
        () =>
          c['lj-staff']!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'reject',
          }),
        409,
        'VS_JOIN_ALREADY_DECIDED',
      );
      const members = (
        await c['lj-leader']!.call('GET', `/api/v1/vs/teams/${blue}/members?status=approved`)
      ).json<Member[]>();
      expect(members.map((x) => x.volunteerId)).toContain(m.volunteerId);
      const me = (await volunteer.call('GET', '/api/v1/volunteers/me')).json<{
        memberships: { teamId: string; status: string }[];
      }>();
      expect(me.memberships).toContainEqual(
        expect.objectContaining({ teamId: blue, status: 'approved' }),
      );
      // the leader was told of the request, the volunteer of the decision
      const told = await t.testDb.db.kysely
        .selectFrom('notifications as n')
        .innerJoin('accounts as a', 'a.id', 'n.account_id')
        .select(['a.username', 'n.kind'])
        .where('n.entity_id', '=', m.id)
        .orderBy('n.created_at')
        .execute();
      expect(told).toEqual(
        expect.arrayContaining([
          { username: 'lj-leader', kind: 'vs_join_requested' },
          { username: 'organiser', kind: 'vs_join_approved' },
        ]),
      );
    });
    it('a rejected volunteer may ask again; staff in scope decide too', async () => {
      const req = await c.volunteer!.call(
        'POST',
        `/api/v1/vs/teams/${DEMO_VS_IDS.wszCultureTeam}/join-requests`,
        {},
      );
      expect(req.statusCode, req.body).toBe(201);
      const id = req.json<Member>().id;
      // the culture team has no leader: the 魏善庄镇 staff decide
      const no = await c.vstaff!.call('POST', `/api/v1/vs/join-requests/${id}/decision`, {
        decision: 'reject',
        note: '名额已满',
      });
      expect(no.json()).toMatchObject({ status: 'rejected', note: '名额已满' });
      const again = await c.volunteer!.call(
        'POST',
        `/api/v1/vs/teams/${DEMO_VS_IDS.wszCultureTeam}/join-requests`,
        {},
      );
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json<Member>()).toMatchObject({ id, status: 'pending' });
    });
    it('an unregistered volunteer account, an inactive or unknown team are refused', async () => {
      const acc = await insertAccount(t.testDb.db.kysely, {
        role: 'volunteer',
        regionCode: PILOT_TOWN,
      });
      const fresh = await t.login(acc.username);
      await refused(
        () => fresh.call('POST', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}/join-requests`, {}),
        409,
        'VOLUNTEER_NOT_REGISTERED',
      );
      const inactive = (await c['lj-staff']!.call('GET', '/api/v1/vs/teams?active=false')).json<
        Team[]
      >();
      await refused(
        () =>
          c['lj-volunteer']!.call('POST', `/api/v1/vs/teams/${inactive[0]!.id}/join-requests`, {}),
        409,
        'VS_TEAM_INACTIVE',
      );
      await refused(
        () =>
          c['lj-volunteer']!.call(
            'POST',
            '/api/v1/vs/teams/00000000-0000-4000-8000-000000000000/join-requests',
            {},
          ),
        404,
        'VS_TEAM_NOT_FOUND',
      );
      await refused(
        () =>
          c['lj-volunteer']!.call('POST', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}/join-requests`, {
            x: 1,
          }),
        400,
        'VALIDATION_FAILED',
      );
    });
    it('members: leaders of the team and staff in scope only', async () => {
      const url = `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}/members`;
      const list = (await c.leader!.call('GET', url)).json<Member[]>();
      expect(list.map((x) => x.volunteerId)).toContain(DEMO_VS_IDS.wszVolunteer);
      expect((await c['lj-leader']!.call('GET', url)).json()).toMatchObject({
        code: 'VS_NOT_TEAM_LEADER',
      });
      expect((await c['lj-staff']!.call('GET', url)).statusCode).toBe(403);
      expect((await c.vstaff!.call('GET', url)).statusCode).toBe(200);
    });
    it('VS-1 availableActions: the leader may approve or reject a pending request, its requester withdraw it', async () => {
      const green = (await c['lj-volunteer']!.call('GET', '/api/v1/vs/teams?category=eco')).json<
        Team[]
      >()[0]!.id;
      const req = await c['lj-volunteer']!.call(
        'POST',
        `/api/v1/vs/teams/${green}/join-requests`,
        {},
      );
      expect(req.statusCode, req.body).toBe(201);
      const m = req.json<Member & { availableActions: string[] }>();
      expect(m).toMatchObject({ status: 'pending', availableActions: ['withdraw'] });
      const inbox = (await c['lj-leader']!.call('GET', '/api/v1/vs/join-requests')).json<
        (Member & { availableActions: string[] })[]
      >();
      expect(inbox.find((x) => x.id === m.id)?.availableActions).toEqual(['approve', 'reject']);
      const me = (await c['lj-volunteer']!.call('GET', '/api/v1/volunteers/me')).json<{
        memberships: { id: string; status: string; availableActions: string[] }[];
      }>();
      expect(me.memberships.find((x) => x.id === m.id)?.availableActions).toEqual(['withdraw']);
      expect(me.memberships.find((x) => x.status === 'approved')?.availableActions).toEqual([]);
      // someone else's request is not found; the requester withdraws once
      await refused(
        () => c.volunteer!.call('POST', `/api/v1/vs/join-requests/${m.id}/withdrawal`),
        404,
        'VS_JOIN_REQUEST_NOT_FOUND',
      );
      const gone = await c['lj-volunteer']!.call(
        'POST',
        `/api/v1/vs/join-requests/${m.id}/withdrawal`,
      );
      expect(gone.statusCode, gone.body).toBe(200);
      expect(gone.json()).toMatchObject({ status: 'left', availableActions: ['request'] });
      await refused(
        () => c['lj-volunteer']!.call('POST', `/api/v1/vs/join-requests/${m.id}/withdrawal`),
        409,
        'VS_JOIN_ALREADY_DECIDED',
      );
      await refused(
        () =>
          c['lj-leader']!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'approve',
          }),
        409,
        'VS_JOIN_ALREADY_DECIDED',
      );
      const again = await c['lj-volunteer']!.call(
        'POST',
        `/api/v1/vs/teams/${green}/join-requests`,
        {},
      );
      expect(again.json()).toMatchObject({ id: m.id, status: 'pending' });
    });
    it('the withdrawal route: volunteers pass the access check, others are FORBIDDEN', async () => {
      const url = '/api/v1/vs/join-requests/00000000-0000-4000-8000-000000000000/withdrawal';
      for (const [username, role] of Object.entries(ACCOUNTS)) {
        const res = await c[username]!.call('POST', url);
        // The organiser registered as a volunteer above and now holds the role too.
        if (role === 'volunteer' || username === 'organiser')
          expect(['VS_JOIN_REQUEST_NOT_FOUND', 'VOLUNTEER_NOT_REGISTERED'], username).toContain(
            res.json<{ code: string }>().code,
          );
        else expect(res.json(), username).toMatchObject({ code: 'FORBIDDEN' });
      }
    });
    it('the decision route: declared roles pass the access check, others are FORBIDDEN', async () => {
      const url = '/api/v1/vs/join-requests/00000000-0000-4000-8000-000000000000/decision';
      for (const [username, role] of Object.entries(ACCOUNTS)) {
        const res = await c[username]!.call('POST', url, { decision: 'approve' });
        if (['admin', 'volunteer_staff', 'team_leader'].includes(role))
          expect(res.json(), username).toMatchObject({ code: 'VS_JOIN_REQUEST_NOT_FOUND' });
        else expect(res.json(), username).toMatchObject({ code: 'FORBIDDEN' });
      }
    });
  });

  describe('resources and projects (VS-2)', () => {
    const resource = (extra: Record<string, unknown> = {}) => ({
      name: '助老轮椅',
      kind: 'goods',
      description: '两台可借用的轮椅',
      categoryCode: 'elderly',
      regionCode: SANSHUNZHUANG_CODE,
      providerTeamId: DEMO_VS_IDS.wszTeam,
      providerName: '魏善庄镇邻里守望志愿服务队',
      ...extra,
    });
    it('browse by region prefix, category, text; inactive only on request', async () => {
      const get = async (path: string, q: string) =>
        (await c.resident!.call('GET', `/api/v1/vs/${path}?${q}`)).json<Item[]>();
      const wsz = await get('resources', `regionCode=${PILOT_TOWN}`);
      expect(wsz.map((x) => x.name)).toEqual(
        expect.arrayContaining(['流动书包', '三顺庄村便民超市二楼活动室（商户捐用）']),
      );
      expect(wsz.every((x) => x.active)).toBe(true);
      const all = await get('resources', `regionCode=${PILOT_TOWN}&includeInactive=true`);
      expect(all.filter((x) => !x.active).map((x) => x.name)).toEqual(['爱心理发工具箱']);
      expect((await get('resources', `q=${encodeURIComponent('书包')}`)).map((x) => x.id)).toEqual([
        DEMO_VS_IDS.bookbag,
      ]);
      expect((await get('resources', 'category=skills')).every((x) => x.regionCode === XINYI)).toBe(
        true,
      );
      const menu = await get('projects', `regionCode=${XINYI}&onMenu=true`);
      expect(menu.map((x) => x.name)).toContain('直播带货技能培训');
      expect((await get('projects', `regionCode=${PILOT_TOWN}`)).length).toBe(4);
      expect((await c.resident!.call('GET', '/api/v1/vs/resources?regionCode=1')).statusCode).toBe(
        400,
      );
      expect((await c.resident!.call('GET', '/api/v1/vs/projects?onMenu=yes')).statusCode).toBe(
        400,
      );
      expect(
        (await c.resident!.call('GET', `/api/v1/vs/resources/${DEMO_VS_IDS.bookbag}`)).json(),
      ).toMatchObject({
        name: '流动书包',
        providerTeamName: '魏善庄镇邻里守望志愿服务队',
      });
    });
    it('a leader adds and deactivates a resource of their own team', async () => {
      const res = await c.leader!.call('POST', '/api/v1/vs/resources', resource());
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json<Item>().id;
      const off = await c.leader!.call('PATCH', `/api/v1/vs/resources/${id}`, { active: false });
      expect(off.json()).toMatchObject({ active: false });
      const list = (
        await c.resident!.call('GET', `/api/v1/vs/resources?q=${encodeURIComponent('轮椅')}`)
      ).json<Item[]>();
      expect(list).toEqual([]);
    });
    it('a leader may not add for another team, or without a team; staff only in scope', async () => {
      await refused(
        () => c['lj-leader']!.call('POST', '/api/v1/vs/resources', resource()),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () => c.leader!.call('POST', '/api/v1/vs/resources', resource({ providerTeamId: null })),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () => c.leader!.call('POST', '/api/v1/vs/resources', resource({ regionCode: XINYI })),
        403,
        'OUT_OF_SCOPE',
      );
      await refused(
        () =>
          c['lj-staff']!.call('POST', '/api/v1/vs/resources', resource({ providerTeamId: null })),
        403,
        'OUT_OF_SCOPE',
      );
      await refused(
        () =>
          c['lj-staff']!.call('PATCH', `/api/v1/vs/resources/${DEMO_VS_IDS.bookbag}`, {
            active: false,
          }),
        403,
        'OUT_OF_SCOPE',
      );
      await refused(
        () => c.volunteer!.call('POST', '/api/v1/vs/resources', resource()),
        403,
        'FORBIDDEN',
      );
    });
    it.each([
      [{ categoryCode: 'nope' }, 422, 'VS_CATEGORY_UNKNOWN'],
      [{ regionCode: '110115999999' }, 400, 'UNKNOWN_REGION'],
      [{ providerTeamId: '00000000-0000-4000-8000-000000000000' }, 404, 'VS_TEAM_NOT_FOUND'],
      [{ kind: 'castle' }, 400, 'VALIDATION_FAILED'],
      [{ name: '' }, 400, 'VALIDATION_FAILED'],
    ])('bad resource %j → %i %s, nothing written', async (extra, status, code) => {
      await refused(
        () => c.vstaff!.call('POST', '/api/v1/vs/resources', resource(extra)),
        status,
        code,
      );
    });
    it('staff add a project; take it off the menu; deactivate it', async () => {
      const res = await c.vstaff!.call('POST', '/api/v1/vs/projects', {
        name: '防诈骗宣讲',
        description: '讲解常见电信诈骗手法',
        categoryCode: 'safety',
        regionCode: YIZHUANG,
        schedule: '每月一次',
      });
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json<Item>();
      expect(p.onMenu).toBe(true);
      const off = await c.vstaff!.call('PATCH', `/api/v1/vs/projects/${p.id}`, { onMenu: false });
      expect(off.json()).toMatchObject({ onMenu: false, active: true });
      const menu = (
        await c.resident!.call('GET', `/api/v1/vs/projects?regionCode=${YIZHUANG}&onMenu=true`)
      ).json<Item[]>();
      expect(menu.map((x) => x.id)).not.toContain(p.id);
      await c.vstaff!.call('PATCH', `/api/v1/vs/projects/${p.id}`, { active: false });
      const inactive = (
        await c.resident!.call(
          'GET',
          `/api/v1/vs/projects?regionCode=${YIZHUANG}&includeInactive=true`,
        )
      ).json<Item[]>();
      expect(inactive.find((x) => x.id === p.id)).toMatchObject({ active: false });
      await refused(
        () => c.leader!.call('PATCH', `/api/v1/vs/projects/${p.id}`, { onMenu: true }),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () =>
          c.vstaff!.call('PATCH', '/api/v1/vs/projects/00000000-0000-4000-8000-000000000000', {
            onMenu: true,
          }),
        404,
        'VS_PROJECT_NOT_FOUND',
      );
      await refused(
        () =>
          c.vstaff!.call('POST', '/api/v1/vs/projects', {
            name: 'x',
            description: 'x',
            categoryCode: 'safety',
            regionCode: YIZHUANG,
            onMenu: 'yes',
          }),
        400,
        'VALIDATION_FAILED',
      );
    });
    it('a leader edits the projects of their own team', async () => {
      const res = await c.leader!.call('PATCH', `/api/v1/vs/projects/${DEMO_VS_IDS.haircut}`, {
        schedule: '每月第一个周日上午',
      });
      expect(res.json()).toMatchObject({ schedule: '每月第一个周日上午' });
      await refused(
        () =>
          c['lj-leader']!.call('PATCH', `/api/v1/vs/projects/${DEMO_VS_IDS.haircut}`, {
            schedule: 'x',
          }),
        403,
        'VS_NOT_TEAM_LEADER',
      );
    });
  });

  it('self-registration is open to every role (the demo volunteer is registered already)', async () => {
    let seq = 100;
    for (const [username, role] of Object.entries(ACCOUNTS)) {
      const res = await c[username]!.call(
        'POST',
        '/api/v1/volunteers/me',
        registration({ idNumber: adultId(seq++) }),
      );
      expect(ROLES).toContain(role);
      if (username === 'volunteer' || username === 'organiser')
        expect(res.json(), username).toMatchObject({ code: 'VOLUNTEER_ALREADY_REGISTERED' });
      else expect(res.statusCode, `${username}: ${res.body}`).toBe(201);
    }
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/volunteers/me',
      payload: registration(),
    });
    expect(anon.statusCode).toBe(401);
  });
});

const SANSHUNZHUANG_CODE = '110115110222';
