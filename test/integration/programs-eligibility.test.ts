/**
 * CP-1 eligibility over real HTTP on the dialect of the run: the child's school grade (stated for a
 * school year, advancing each 1 September China time) against a class's grade range in both modes,
 * and the catchment by named neighbourhoods (小区) of the venue's community — refused, or ranked
 * after the catchment's children. Bad input is a 4xx problem with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { summerProgram, TOWN, YIZHUANG } from './programs.fixtures.ts';

const NAMES = ['伊庄一区', '伊庄二区', '南苑'];
const code = (res: { json: <T>() => T }) => res.json<{ code?: string }>().code;

describe('CP-1 eligibility: school grade and neighbourhoods', () => {
  let t: TestApp;
  let organiser: Client;
  let guardian: Client;
  let serial = 0;
  const db = () => t.testDb.db.kysely;
  const rows = async (table: 'children' | 'enrolments' | 'programs') =>
    (await db().selectFrom(table).select('id').execute()).length;

  async function child(extra: Record<string, unknown> = {}) {
    serial += 1;
    const res = await guardian.call('POST', '/api/v1/programs/children', {
      realName: `孩子${serial}`,
      idNumber: buildIdNumber('110115', '20180515', String(300 + serial)),
      relation: 'mother',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; schoolGrade: unknown; neighbourhood: string | null }>();
  }

  async function klass(extra: Record<string, unknown>, program: Record<string, unknown> = {}) {
    const body = { ...summerProgram(40, { minAge: null, maxAge: null, ...extra }), ...program };
    const res = await organiser.call('POST', '/api/v1/programs', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ classes: { id: string }[] }>().classes[0]!.id;
  }

  const enrol = (classId: string, childId: string) =>
    guardian.call('POST', `/api/v1/programs/classes/${classId}/enrolments`, { childId });

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await t.login('organiser');
    guardian = await t.login('guardian');
    const set = await organiser.call('PUT', `/api/v1/programs/neighbourhoods/${YIZHUANG}`, {
      names: NAMES,
    });
    expect(set.statusCode, set.body).toBe(200);
  }, 120_000);
  afterAll(async () => t.close());

  describe('the community’s 小区', () => {
    it('the organiser keeps the list; the guardian reads their own community’s', async () => {
      const mine = await guardian.call('GET', '/api/v1/programs/neighbourhoods');
      expect(mine.json()).toEqual({ regionCode: YIZHUANG, names: NAMES });
      const audit = await db()
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', 'program.neighbourhoods_set')
        .where('entity_id', '=', YIZHUANG)
        .execute();
      expect(audit.length).toBeGreaterThan(0);
    });

    it('refuses a town, another region, a guardian and bad names, changing nothing', async () => {
      const put = (who: Client, code: string, body: unknown) =>
        who.call('PUT', `/api/v1/programs/neighbourhoods/${code}`, body);
      const town = await put(organiser, TOWN, { names: ['x'] });
      expect([town.statusCode, code(town)]).toEqual([400, 'CP_NEIGHBOURHOOD_REGION']);
      const far = await put(organiser, '371602005035', { names: ['x'] });
      expect([far.statusCode, code(far)]).toEqual([403, 'OUT_OF_SCOPE']);
      expect((await put(guardian, YIZHUANG, { names: ['x'] })).statusCode).toBe(403);
      expect((await put(organiser, YIZHUANG, { names: [''] })).statusCode).toBe(400);
      expect((await put(organiser, YIZHUANG, { names: 'x' })).statusCode).toBe(400);
      const after = await guardian.call('GET', '/api/v1/programs/neighbourhoods');
      expect(after.json<{ names: string[] }>().names).toEqual(NAMES);
    });
  });

  describe('registration', () => {
    it('records the grade with today’s school year and the 小区', async () => {
      const c = await child({ schoolGrade: { grade: 3 }, neighbourhood: '南苑' });
      // the test clock is 2 March 2026: school year 2025–26
      expect(c.schoolGrade).toEqual({ grade: 3, schoolYear: 2025, gradeNow: 3 });
      expect(c.neighbourhood).toBe('南苑');
      const listed = await guardian.call('GET', '/api/v1/programs/children');
      const found = listed.json<{ id: string; schoolGrade: unknown }[]>();
      expect(found.find((x) => x.id === c.id)!.schoolGrade).toEqual(c.schoolGrade);
      // stated for the coming school year (registered in summer for September)
      const coming = await child({ schoolGrade: { grade: 1, schoolYear: 2026 } });
      expect(coming.schoolGrade).toEqual({ grade: 1, schoolYear: 2026, gradeNow: 0 });
    });

    it('refuses an unlisted 小区 and an implausible school year, writing nothing', async () => {
      const before = await rows('children');
      const body = (extra: object) => ({
        realName: '错误',
        idNumber: buildIdNumber('110115', '20180515', '299'),
        relation: 'father',
        ...extra,
      });
      const nowhere = await guardian.call(
        'POST',
        '/api/v1/programs/children',
        body({ neighbourhood: '不存在小区' }),
      );
      expect([nowhere.statusCode, code(nowhere)]).toEqual([422, 'CP_NEIGHBOURHOOD_UNKNOWN']);
      const old = await guardian.call(
        'POST',
        '/api/v1/programs/children',
        body({ schoolGrade: { grade: 2, schoolYear: 2020 } }),
      );
      expect([old.statusCode, code(old)]).toEqual([400, 'CP_GRADE_INVALID']);
      const bad = await guardian.call(
        'POST',
        '/api/v1/programs/children',
        body({ schoolGrade: { grade: 13 } }),
      );
      expect(bad.statusCode).toBe(400);
      expect(await rows('children')).toBe(before);
    });
  });

  describe('grade eligibility', () => {
    it('小学一至三年级: grades 1–3 on the season’s first day; others refused with a code', async () => {
      const classId = await klass({ minGrade: 1, maxGrade: 3 });
      const third = await child({ schoolGrade: { grade: 3 } });
      const fourth = await child({ schoolGrade: { grade: 4 } });
      const preschool = await child({ schoolGrade: { grade: 0 } });
      const unknown = await child();
      expect((await enrol(classId, third.id)).json()).toMatchObject({ status: 'enrolled' });
      const before = await rows('enrolments');
      for (const [c, expected] of [
        [fourth, 'CP_CHILD_GRADE'],
        [preschool, 'CP_CHILD_GRADE'],
        [unknown, 'CP_CHILD_GRADE_UNKNOWN'],
      ] as const) {
        const res = await enrol(classId, c.id);
        expect([res.statusCode, code(res)], c.id).toEqual([422, expected]);
      }
      expect(await rows('enrolments')).toBe(before);
      // the guardian records the missing grade, then the child may enrol
      const fixed = await guardian.call('PATCH', `/api/v1/programs/children/${unknown.id}`, {
        schoolGrade: { grade: 2 },
      });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect((await enrol(classId, unknown.id)).statusCode).toBe(201);
    });

    it('a season starting 1 September counts the next grade; 31 August the one before', async () => {
      const third = await child({ schoolGrade: { grade: 3 } });
      const sep = await klass(
        { minGrade: 1, maxGrade: 3 },
        { seasonStartsOn: '2026-09-01', seasonEndsOn: '2026-12-31' },
      );
      const aug = await klass(
        { minGrade: 1, maxGrade: 3 },
        { seasonStartsOn: '2026-08-31', seasonEndsOn: '2026-12-31' },
      );
      expect((await enrol(sep, third.id)).json()).toMatchObject({ code: 'CP_CHILD_GRADE' });
      expect((await enrol(aug, third.id)).statusCode).toBe(201);
    });

    it('a lottery class refuses the application of an ineligible child too', async () => {
      const classId = await klass({
        minGrade: 1,
        maxGrade: 3,
        mode: 'lottery',
        closesAt: new Date(t.clock.now.getTime() + 3600_000).toISOString(),
      });
      const second = await child({ schoolGrade: { grade: 2 } });
      const fifth = await child({ schoolGrade: { grade: 5 } });
      expect((await enrol(classId, second.id)).json()).toMatchObject({ status: 'applied' });
      const refused = await enrol(classId, fifth.id);
      expect([refused.statusCode, code(refused)]).toEqual([422, 'CP_CHILD_GRADE']);
    });

    it('refuses a grade range upside down', async () => {
      const before = await rows('programs');
      const res = await organiser.call(
        'POST',
        '/api/v1/programs',
        summerProgram(40, { minGrade: 4, maxGrade: 2 }),
      );
      expect([res.statusCode, code(res)]).toEqual([400, 'CP_PROGRAM_INVALID']);
      expect(await rows('programs')).toBe(before);
    });
  });

  describe('catchment by neighbourhood', () => {
    const atYizhuang = { regionCode: YIZHUANG, venueName: '伊庄村儿童之家' };

    it('refuses a child of another 小区 or none, with a code', async () => {
      const classId = await klass({ catchmentNeighbourhoods: ['伊庄一区', '南苑'] }, atYizhuang);
      const inside = await child({ neighbourhood: '伊庄一区' });
      const other = await child({ neighbourhood: '伊庄二区' });
      const none = await child();
      expect((await enrol(classId, inside.id)).statusCode).toBe(201);
      for (const c of [other, none]) {
        const res = await enrol(classId, c.id);
        expect([res.statusCode, code(res)]).toEqual([422, 'CP_OUTSIDE_NEIGHBOURHOOD']);
      }
    });

    it('ranks an out-of-catchment child after the catchment’s children when the class allows', async () => {
      const id = await klass(
        { capacity: 1, catchmentNeighbourhoods: ['南苑'], outsideCatchment: 'rank_after' },
        atYizhuang,
      );
      const first = await child({ neighbourhood: '南苑' });
      const outsider = await child({ neighbourhood: '伊庄二区' });
      const neighbour = await child({ neighbourhood: '南苑' });
      expect((await enrol(id, first.id)).json()).toMatchObject({ status: 'enrolled' });
      expect((await enrol(id, outsider.id)).json()).toMatchObject({ status: 'waitlisted' });
      expect((await enrol(id, neighbour.id)).json()).toMatchObject({ status: 'waitlisted' });
      const waitlist = await organiser.call('GET', `/api/v1/programs/classes/${id}/waitlist`);
      expect(waitlist.json<{ childId: string }[]>().map((w) => w.childId)).toEqual([
        neighbour.id,
        outsider.id,
      ]);
    });

    it('refuses a class naming a 小区 the community does not list', async () => {
      const before = await rows('programs');
      const res = await organiser.call('POST', '/api/v1/programs', {
        ...summerProgram(40, { catchmentNeighbourhoods: ['南苑', '北苑'] }),
        ...atYizhuang,
      });
      expect([res.statusCode, code(res)]).toEqual([422, 'CP_NEIGHBOURHOOD_UNKNOWN']);
      expect(await rows('programs')).toBe(before);
    });
  });
});
