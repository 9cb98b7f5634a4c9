/**
 * Issue #13, the organiser's pages over real HTTP: the 黄河社区 demo (滨州市滨城区, real NBS codes)
 * seeded through the services, and the organiser's class list (GET /programs/classes/:id/enrolments)
 * — its order, its scope and the withdraw → offer it shows. Runs on the dialect of the run
 * (DOORSTEP_TEST_DB=postgres for PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUANGHE } from '../../src/modules/programs/programs.demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface ProgramBody {
  id: string;
  title: string;
  regionCode: string;
  classes: {
    id: string;
    name: string;
    capacity: number;
    waitlistLength: number;
    catchmentCodes: string[];
    manage?: { enrolled: number; offered: number; hardMax: number };
  }[];
}
interface EnrolmentBody {
  id: string;
  childName: string;
  status: string;
  position: number | null;
  priorityGroups: { group: string }[];
  offerExpiresAt: string | null;
  availableActions: string[];
}

describe('CP-1 CP-2 the 黄河社区 demo and the organiser’s class list', () => {
  let t: TestApp;
  let organiser: Client;
  let program: ProgramBody;

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await t.login('hh-organiser');
    const res = await organiser.call('GET', '/api/v1/programs?view=managed');
    expect(res.statusCode, res.body).toBe(200);
    program = res.json<ProgramBody[]>()[0]!;
  }, 120_000);
  afterAll(async () => t.close());

  it('CP-1 the demo: a summer program at 黄河社区 with three classes, 90 children enrolled and a waitlist', async () => {
    expect(program.title).toMatch(/^黄河社区\d{4}年暑期托管驿站$/);
    expect(program.regionCode).toBe('371602005035');
    expect(program.regionCode).toBe(HUANGHE);
    expect(program.classes.map((c) => c.name)).toEqual([
      '1班（6–7岁）',
      '2班（8–9岁）',
      '3班（10–12岁）',
    ]);
    expect(program.classes.map((c) => c.manage?.enrolled)).toEqual([30, 30, 30]);
    expect(program.classes.map((c) => c.waitlistLength)).toEqual([6, 2, 0]);
    expect(program.classes.every((c) => c.catchmentCodes.includes(HUANGHE))).toBe(true);
    const region = await organiser.call('GET', `/api/v1/regions/${HUANGHE}`);
    expect(region.json<{ path: { name: string }[] }>().path.map((r) => r.name)).toEqual([
      '山东省',
      '滨州市',
      '滨城区',
      '彭李街道',
      '黄河社区',
    ]);
    const teams = await t.testDb.db.kysely
      .selectFrom('vs_teams')
      .select('name')
      .where('region_code', '=', HUANGHE)
      .orderBy('created_at')
      .execute();
    expect(teams.map((r) => r.name)).toEqual([
      '黄河社区巾帼志愿服务队',
      '黄河社区“五老”志愿服务队',
      '黄河社区教师志愿服务队',
      '黄河社区大学生志愿服务队',
    ]);
  });

  it('CP-2 the class list: enrolled by time, then the waitlist with priority groups first', async () => {
    const res = await organiser.call(
      'GET',
      `/api/v1/programs/classes/${program.classes[0]!.id}/enrolments`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<EnrolmentBody[]>();
    const enrolled = list.filter((e) => e.status === 'enrolled');
    const waiting = list.filter((e) => e.status === 'waitlisted');
    expect(enrolled).toHaveLength(30);
    expect(waiting).toHaveLength(6);
    expect(list.slice(0, 30)).toEqual(enrolled); // enrolled first …
    // Only waiting families have a queue number: their rank, 1 … 6 in the order seats go to them.
    expect(enrolled.every((e) => e.position === null)).toBe(true);
    expect(waiting.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6]);
    // The waitlist in the order seats go to it: declared priority groups first, then time.
    expect(waiting.slice(0, 2).every((e) => e.priorityGroups.length > 0)).toBe(true);
    expect(waiting.slice(2).every((e) => e.priorityGroups.length === 0)).toBe(true);
    expect(enrolled.every((e) => e.availableActions.includes('withdraw'))).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/\d{17}[\dX]/); // no ID number in the answer
  });

  it('CP-2 a withdrawal shows as the first waiting family’s offer, with its expiry', async () => {
    const classId = program.classes[1]!.id;
    const before = (
      await organiser.call('GET', `/api/v1/programs/classes/${classId}/enrolments`)
    ).json<EnrolmentBody[]>();
    const head = before.find((e) => e.status === 'waitlisted')!;
    const leaving = before[0]!;
    const res = await organiser.call('POST', `/api/v1/programs/enrolments/${leaving.id}/withdraw`, {
      reason: '家长来电退出',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (
      await organiser.call('GET', `/api/v1/programs/classes/${classId}/enrolments`)
    ).json<EnrolmentBody[]>();
    const offered = after.find((e) => e.id === head.id)!;
    expect(offered.status).toBe('offered');
    expect(offered.offerExpiresAt).not.toBeNull();
    expect(after.filter((e) => e.status === 'enrolled')).toHaveLength(29);
    expect(after[after.length - 1]).toMatchObject({ id: leaving.id, status: 'withdrawn' });
  });

  it('CP-2 scope: another region’s organiser and a guardian are refused; an unknown class is 404', async () => {
    const url = `/api/v1/programs/classes/${program.classes[0]!.id}/enrolments`;
    const other = await t.login('organiser'); // 魏善庄镇, Beijing
    expect((await other.call('GET', url)).statusCode).toBe(403);
    const guardian = await t.login('hh-guardian');
    expect((await guardian.call('GET', url)).statusCode).toBe(403);
    const unknown = await organiser.call(
      'GET',
      '/api/v1/programs/classes/00000000-0000-4000-8000-000000000000/enrolments',
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const bad = await organiser.call('GET', '/api/v1/programs/classes/not-a-uuid/enrolments');
    expect(bad.statusCode).toBe(400);
  });
});
