/**
 * Issue #16 point 5 on both dialects: the join requests a leader or staff may decide page by keyset
 * (GET /vs/join-requests/page) — every row of the unpaged list once, oldest request first; none
 * twice and none lost while requests arrive; the total exact; a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { accountId, insertMember, insertTeam, insertVolunteer } from '../helpers/vs-fixtures.ts';
import { caseListCursor, expectUnpagedKeysetContract } from './unpaged-keyset.fixtures.ts';

const TOWN = '110115110000';
const VILLAGE = '110115110207';

describe('#16 p5 keyset pages of join requests', () => {
  let t: TestApp;
  let leader: Client;
  let teamId = '';
  let caseCursor = '';
  let n = 0;

  const db = () => t.testDb.db.kysely;
  const ask = async () => {
    const volunteerId = await insertVolunteer(db(), t.pii, { homeRegionCode: VILLAGE });
    await insertMember(db(), { teamId, volunteerId, status: 'pending', now: t.clock.now });
    n += 1;
    if (n % 3 === 0) t.clock.advance(60_000); // three share each instant: the id breaks ties
  };

  beforeAll(async () => {
    t = await createTestApp();
    leader = await t.login('leader');
    caseCursor = await caseListCursor(await t.login('clerk'));
    teamId = await insertTeam(db(), {
      regionCode: TOWN,
      leaderAccountId: await accountId(db(), 'leader'),
      now: t.clock.now,
    });
    for (let i = 0; i < 10; i += 1) await ask();
  });
  afterAll(async () => t.close());

  it('every request once, in order, under concurrent requests; bad cursors refused', async () => {
    await expectUnpagedKeysetContract({
      who: leader,
      listUrl: '/api/v1/vs/join-requests?status=pending',
      pageUrl: '/api/v1/vs/join-requests/page?status=pending',
      write: ask,
      foreignCursor: caseCursor,
    });
  });

  it('the same access as the list: a clerk is refused', async () => {
    const clerk = await t.login('clerk');
    expect((await clerk.call('GET', '/api/v1/vs/join-requests/page')).statusCode).toBe(403);
  });
});
