/**
 * Issue #16 point 5 on both dialects: the certificate candidates (volunteers with confirmed hours
 * of the teams one issues for) page by keyset (GET /vs/certificates/candidates/page) — every row of
 * the unpaged list once, in its order (name, then volunteer, then team: one row per volunteer and
 * team); none twice and none lost while hours are confirmed; the total exact; a bad or foreign
 * cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { accountId, insertTeam, insertVolunteer } from '../helpers/vs-fixtures.ts';
import { insertActivity, insertServiceRecord } from './records.fixtures.ts';
import { caseListCursor } from './unpaged-keyset.fixtures.ts';

const VILLAGE = '110115110207';

interface Candidate {
  volunteerId: string;
  teamId: string;
  name: string;
  volunteerNumber: string;
  hours: number;
  services: number;
}
interface Page {
  items: Candidate[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}

describe('#16 p5 keyset pages of the certificate candidates', () => {
  let t: TestApp;
  let vstaff: Client;
  const teams: string[] = [];
  const activities: string[] = [];
  let caseCursor = '';
  let n = 0;

  const db = () => t.testDb.db.kysely;
  const key = (c: Candidate) => `${c.volunteerId}/${c.teamId}`;
  /** A volunteer with confirmed hours; names repeat in threes, every other one serves two teams. */
  const addCandidate = async () => {
    n += 1;
    const volunteerId = await insertVolunteer(db(), t.pii, {
      homeRegionCode: VILLAGE,
      fullName: `候选 ${Math.floor(n / 3)}`,
    });
    const serves = n % 2 === 0 ? [0, 1] : [n % 2];
    for (const i of serves)
      await insertServiceRecord(db(), {
        volunteerId,
        activityId: activities[i]!,
        teamId: teams[i]!,
        date: '2026-02-01',
        halfHours: 2 + i,
      });
  };
  const listed = async () => {
    const res = await vstaff.call('GET', '/api/v1/vs/certificates/candidates');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Candidate[]>();
  };
  const walk = async (limit: number, during?: () => Promise<unknown>) => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/vs/certificates/candidates/page?limit=${limit}${cursor ? `&after=${cursor}` : ''}`;
      const [res] = await Promise.all([vstaff.call('GET', url), during?.()]);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<Page>();
      expect(page.items.length).toBeLessThanOrEqual(limit);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 200);
    return { pages, items: pages.flatMap((p) => p.items) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    vstaff = await t.login('vstaff');
    caseCursor = await caseListCursor(await t.login('clerk'));
    const lead = await accountId(db(), 'vstaff');
    for (let i = 0; i < 2; i += 1) {
      const teamId = await insertTeam(db(), { regionCode: VILLAGE, now: t.clock.now });
      teams.push(teamId);
      activities.push(
        await insertActivity(db(), { teamId, regionCode: VILLAGE, leadAccountId: lead }),
      );
    }
    for (let i = 0; i < 6; i += 1) await addCandidate();
  });
  afterAll(async () => t.close());

  it('every row once, in order, with the list’s figures; none twice, none lost while hours are confirmed', async () => {
    const before = await listed();
    expect(before.length).toBeGreaterThan(6);
    const quiet = await walk(3);
    expect(quiet.items).toEqual(before); // the same rows, the same figures, the same order
    expect(quiet.pages.length).toBe(Math.ceil(before.length / 3));
    expect(quiet.pages.at(-1)!.nextCursor).toBeNull();
    for (const p of quiet.pages)
      expect(p).toMatchObject({ total: before.length, totalExact: true });

    const busy = await walk(3, addCandidate);
    const keys = busy.items.map(key);
    expect(new Set(keys).size).toBe(keys.length); // no row twice
    for (const c of before) expect(keys).toContain(key(c)); // no row lost
    expect((await listed()).length).toBeGreaterThan(before.length); // rows were really written
  });

  it('a bad, truncated or foreign cursor is a 400 CURSOR_INVALID', async () => {
    const first = (
      await vstaff.call('GET', '/api/v1/vs/certificates/candidates/page?limit=1')
    ).json<Page>().nextCursor!;
    for (const after of ['bm90LWEtY3Vyc29y', caseCursor, first.slice(0, -4)]) {
      const res = await vstaff.call(
        'GET',
        `/api/v1/vs/certificates/candidates/page?after=${after}`,
      );
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('CURSOR_INVALID');
    }
  });

  it('a search (q) pages only the matching candidates — by part of the name, or the number in any case', async () => {
    const all = await listed();
    const byName = all.filter((c) => c.name === '候选 1');
    expect(byName.length).toBeGreaterThan(1);
    const named = (
      await vstaff.call(
        'GET',
        `/api/v1/vs/certificates/candidates/page?limit=1&q=${encodeURIComponent('候选 1')}`,
      )
    ).json<Page>();
    expect(named.items).toEqual(byName.slice(0, 1));
    expect(named).toMatchObject({ total: byName.length, totalExact: true });
    const second = (
      await vstaff.call(
        'GET',
        `/api/v1/vs/certificates/candidates/page?limit=1&q=${encodeURIComponent('候选 1')}&after=${named.nextCursor!}`,
      )
    ).json<Page>();
    expect(second.items).toEqual(byName.slice(1, 2));

    const one = all.at(-1)!;
    const number = `VQ${Date.now()}`; // real numbers are upper case; typed in lower case here
    await db()
      .updateTable('vs_volunteers')
      .set({ volunteer_number: number })
      .where('id', '=', one.volunteerId)
      .execute();
    const byNumber = (
      await vstaff.call(
        'GET',
        `/api/v1/vs/certificates/candidates/page?q=${number.slice(1).toLowerCase()}`,
      )
    ).json<Page>();
    expect(byNumber.items.map(key)).toEqual(
      all.filter((c) => c.volunteerId === one.volunteerId).map(key),
    );

    const wildcard = (
      await vstaff.call(
        'GET',
        `/api/v1/vs/certificates/candidates/page?q=${encodeURIComponent('%')}`,
      )
    ).json<Page>();
    expect(wildcard.total).toBe(0); // a wildcard is text (shared/like-pattern.ts): no name holds a '%'
  });

  it('the same scope: a leader pages only the teams they issue for', async () => {
    const leader = await t.login('leader');
    const list = (await leader.call('GET', '/api/v1/vs/certificates/candidates')).json<
      Candidate[]
    >();
    const page = (
      await leader.call('GET', '/api/v1/vs/certificates/candidates/page?limit=200')
    ).json<Page>();
    expect(page.items).toEqual(list);
    for (const c of page.items) expect(teams).not.toContain(c.teamId);
  });
});
