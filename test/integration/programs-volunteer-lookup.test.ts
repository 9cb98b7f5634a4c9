/**
 * CP-4 the roster's volunteer lookup (issue #13 finish, point 2), on the dialect of the run: the
 * organiser finds volunteers by name, phone's last four digits or team name — only of teams in
 * their region scope, phones masked, never an ID number; a volunteer outside the scope can neither
 * be found nor put on the roster; bad queries are 400 problem+json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  insertAccount,
  insertMember,
  insertTeam,
  insertVolunteer,
} from '../helpers/vs-fixtures.ts';
import { summerProgram, TOWN } from './programs.fixtures.ts';
import { MARCH } from './programs-day.fixtures.ts';

const OTHER_TOWN = '110115103000'; // 青云店镇: outside the organiser's grant
type Candidate = { id: string; name: string; phoneMasked: string | null; teams: string[] };

describe('CP-4 the roster finds volunteers of teams in the organiser’s scope', () => {
  let t: TestApp;
  let organiser: Client;
  let inScope = '';
  let outside = '';
  let classId = '';
  const db = () => t.testDb.db.kysely;
  const find = async (q: string) => {
    const res = await organiser.call(
      'GET',
      `/api/v1/programs/volunteers?q=${encodeURIComponent(q)}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Candidate[]>();
  };

  beforeAll(async () => {
    t = await createTestApp({ residents: 0 });
    organiser = await t.login('organiser');
    const jinguo = await insertTeam(db(), { regionCode: TOWN, name: '伊庄巾帼查找队' });
    const wulao = await insertTeam(db(), { regionCode: TOWN, name: '五老查找队' });
    const far = await insertTeam(db(), { regionCode: OTHER_TOWN, name: '青云店查找队' });
    inScope = await insertVolunteer(db(), t.pii, {
      homeRegionCode: TOWN,
      fullName: '查秀梅',
      phone: '13912347781',
      idNumber: '110115198203140027',
    });
    await insertMember(db(), { teamId: jinguo, volunteerId: inScope });
    await insertMember(db(), { teamId: wulao, volunteerId: inScope });
    const pending = await insertVolunteer(db(), t.pii, {
      homeRegionCode: TOWN,
      fullName: '查待批',
    });
    await insertMember(db(), { teamId: jinguo, volunteerId: pending, status: 'pending' });
    outside = await insertVolunteer(db(), t.pii, {
      homeRegionCode: OTHER_TOWN,
      fullName: '查远方',
    });
    await insertMember(db(), { teamId: far, volunteerId: outside });
    await insertAccount(db(), { role: 'volunteer', regionCode: TOWN });
    const res = await organiser.call('POST', '/api/v1/programs', { ...summerProgram(2), ...MARCH });
    expect(res.statusCode, res.body).toBe(201);
    classId = res.json<{ classes: { id: string }[] }>().classes[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('by name: one row per volunteer with all their teams in scope, the phone masked', async () => {
    const found = await find('查');
    expect(found.map((c) => c.name)).toEqual(['查秀梅']); // not the pending one, not the far one
    const [c] = found;
    expect(c!.id).toBe(inScope);
    expect(c!.teams.sort()).toEqual(['五老查找队', '伊庄巾帼查找队'].sort());
    expect(c!.phoneMasked).toMatch(/\*/);
    expect(JSON.stringify(found)).not.toContain('13912347781');
    expect(JSON.stringify(found)).not.toContain('110115198203140027');
  });

  it('by the phone’s last four digits and by team name', async () => {
    expect((await find('7781')).map((c) => c.id)).toEqual([inScope]);
    expect((await find('五老查找')).map((c) => c.id)).toEqual([inScope]);
    expect(await find('青云店查找队')).toEqual([]);
    expect(await find('查远方')).toEqual([]);
    // LIKE wildcards typed by someone are text, not patterns.
    expect(await find('查_梅')).toEqual([]);
  });

  it('the roster refuses a volunteer outside the scope; one inside is added', async () => {
    const url = `/api/v1/programs/classes/${classId}/days/2026-03-02/roster`;
    const far = await organiser.call('POST', url, { volunteerId: outside });
    expect(far.statusCode).toBe(404);
    expect(far.json<{ code: string }>().code).toBe('CP_VOLUNTEER_NOT_FOUND');
    const count = await db().selectFrom('program_staff').select('id').execute();
    expect(count).toHaveLength(0);
    const near = await organiser.call('POST', url, { volunteerId: inScope });
    expect(near.statusCode, near.body).toBe(201);
  });

  it('bad input is 400 problem+json; a guardian is refused', async () => {
    for (const q of ['', '   ', 'x'.repeat(31)]) {
      const res = await organiser.call(
        'GET',
        `/api/v1/programs/volunteers?q=${encodeURIComponent(q)}`,
      );
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // Wildcards are text like any other (shared/like-pattern.ts): '%%' finds no one, it is no error.
    const wild = await organiser.call(
      'GET',
      `/api/v1/programs/volunteers?q=${encodeURIComponent('%%')}`,
    );
    expect(wild.statusCode).toBe(200);
    expect(wild.json()).toEqual([]);
    const noQ = await organiser.call('GET', '/api/v1/programs/volunteers');
    expect(noQ.statusCode).toBe(400);
    const limit = await organiser.call('GET', '/api/v1/programs/volunteers?q=%E6%9F%A5&limit=0');
    expect(limit.statusCode).toBe(400);
    const guardian = await t.login('guardian');
    expect((await guardian.call('GET', '/api/v1/programs/volunteers?q=%E6%9F%A5')).statusCode).toBe(
      403,
    );
  });
});
