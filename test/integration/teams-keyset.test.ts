/**
 * Issue #16 point 5 on both dialects: the team list and a team's members page by keyset
 * (GET /vs/teams/page, /vs/teams/{id}/members/page) — every row of the unpaged list once, in its
 * order (teams by region, then creation, then id; members oldest request first); none twice and
 * none lost while rows are written; the total exact; a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  accountId,
  insertCategory,
  insertMember,
  insertTeam,
  insertVolunteer,
} from '../helpers/vs-fixtures.ts';
import { caseListCursor, expectUnpagedKeysetContract } from './unpaged-keyset.fixtures.ts';

const TOWN = '110115110000';
const VILLAGES = ['110115110207', '110115110222'];

describe('#16 p5 keyset pages of teams and their members', () => {
  let t: TestApp;
  let vstaff: Client;
  let leader: Client;
  let category = '';
  let teamId = '';
  let caseCursor = '';
  let n = 0;

  const db = () => t.testDb.db.kysely;
  const addTeam = async () => {
    n += 1;
    // Regions alternate and three teams share each instant: region, then time, then id order them.
    await insertTeam(db(), {
      regionCode: n % 3 === 0 ? TOWN : VILLAGES[n % 2]!,
      categoryCode: category,
      now: t.clock.now,
    });
    if (n % 3 === 0) t.clock.advance(60_000);
  };
  const addMember = async () => {
    const volunteerId = await insertVolunteer(db(), t.pii, { homeRegionCode: VILLAGES[0]! });
    await insertMember(db(), { teamId, volunteerId, status: 'pending', now: t.clock.now });
    n += 1;
    if (n % 3 === 0) t.clock.advance(60_000);
  };

  beforeAll(async () => {
    t = await createTestApp();
    vstaff = await t.login('vstaff');
    leader = await t.login('leader');
    caseCursor = await caseListCursor(await t.login('clerk'));
    category = await insertCategory(db(), { code: 'keyset', nameZh: '分页', nameEn: 'Paging' });
    for (let i = 0; i < 10; i += 1) await addTeam();
    teamId = await insertTeam(db(), {
      regionCode: TOWN,
      leaderAccountId: await accountId(db(), 'leader'),
      now: t.clock.now,
    });
    for (let i = 0; i < 10; i += 1) await addMember();
  });
  afterAll(async () => t.close());

  it('teams: every row once, in order, under concurrent inserts; bad cursors refused', async () => {
    await expectUnpagedKeysetContract({
      who: vstaff,
      listUrl: `/api/v1/vs/teams?category=${category}`,
      pageUrl: `/api/v1/vs/teams/page?category=${category}`,
      write: addTeam,
      foreignCursor: caseCursor,
    });
  });

  it('teams: the whole list and a region filter page the same way as their lists', async () => {
    for (const query of ['', `regionCode=${VILLAGES[0]}`, 'active=true&kind=team']) {
      const list = (await vstaff.call('GET', `/api/v1/vs/teams?${query}`)).json<{ id: string }[]>();
      let ids: string[] = [];
      let after = '';
      do {
        const res = await vstaff.call('GET', `/api/v1/vs/teams/page?${query}&limit=7${after}`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
        ids = [...ids, ...page.items.map((r) => r.id)];
        after = page.nextCursor ? `&after=${page.nextCursor}` : '';
      } while (after);
      expect(ids).toEqual(list.map((r) => r.id));
    }
  });

  it('members: a leader pages their team the same way; a team list cursor is refused', async () => {
    const teamCursor = (
      await vstaff.call('GET', `/api/v1/vs/teams/page?category=${category}&limit=1`)
    ).json<{ nextCursor: string }>().nextCursor;
    await expectUnpagedKeysetContract({
      who: leader,
      listUrl: `/api/v1/vs/teams/${teamId}/members?status=pending`,
      pageUrl: `/api/v1/vs/teams/${teamId}/members/page?status=pending`,
      write: addMember,
      foreignCursor: teamCursor,
    });
  });

  it('members: the same refusals as the list (another team’s leader, an unknown team)', async () => {
    const other = await insertTeam(db(), { regionCode: TOWN, now: t.clock.now });
    const res = await leader.call('GET', `/api/v1/vs/teams/${other}/members/page`);
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('VS_NOT_TEAM_LEADER');
    const none = await leader.call(
      'GET',
      '/api/v1/vs/teams/00000000-0000-4000-8000-000000000000/members/page',
    );
    expect(none.statusCode).toBe(404);
  });
});
