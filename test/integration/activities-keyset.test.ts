/**
 * Issue #16 point 5 on both dialects: the activity lists page by keyset — GET /vs/activities/page
 * (open: soonest first; managed: latest first) and GET /vs/my-activities/page (a volunteer's
 * sign-ups) — every row once in the offset list's order, none twice while activities are made, the
 * total exact, a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, START, type Client, type TestApp } from '../helpers/test-app.ts';
import { servingSetup } from './activities.fixtures.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';

const H = 3600_000;
const at = (ms: number) => new Date(START.getTime() + ms).toISOString();

interface MyPage {
  items: { signup: { id: string } }[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}

describe('#16 p5 keyset pages of the volunteer activities and my activities', () => {
  let t: TestApp;
  let leader: Client;
  let volunteer: Client;
  let orderId = '';
  let slot = 0;
  const cursors: Record<'open' | 'managed' | 'mine', string> = { open: '', managed: '', mine: '' };

  /** An activity at `startsAt` (3 hours from the slot's start), or the next free slot's. */
  const newActivity = async (startsAt = at((2 + 3 * slot++) * H)) => {
    const res = await leader.call('POST', '/api/v1/vs/activities', {
      orderId,
      title: '助老送餐',
      description: '为独居老人送午餐',
      place: '伊庄村委会',
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + H).toISOString(),
      capacity: 20,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json<{ id: string }>().id, startsAt };
  };
  /** A new activity in a slot of its own, the volunteer signed up to it. */
  const signedUp = async () => {
    const a = await newActivity();
    const res = await volunteer.call('POST', `/api/v1/vs/activities/${a.id}/signup`);
    expect(res.statusCode, res.body).toBe(201);
  };
  /** Every page of my activities, 3 a page (its items carry the sign-up, not an id of their own). */
  const walkMine = async (url: string, during?: () => Promise<unknown>) => {
    const pages: MyPage[] = [];
    let cursor: string | null = null;
    do {
      const next: string = `${url}&limit=3${cursor ? `&after=${cursor}` : ''}`;
      const [res] = await Promise.all([volunteer.call('GET', next), during?.()]);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<MyPage>();
      expect(page.items.length).toBeLessThanOrEqual(3);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 100);
    return pages;
  };
  const cursorOf = async (who: Client, url: string) => {
    const page = (await who.call('GET', url)).json<{ nextCursor: string | null }>();
    expect(page.nextCursor).not.toBeNull();
    return page.nextCursor ?? '';
  };

  beforeAll(async () => {
    t = await createTestApp();
    const s = await servingSetup(t.testDb.db.kysely, t.pii);
    orderId = s.orderId;
    leader = await t.login('leader');
    volunteer = await t.login('volunteer');
    for (let i = 0; i < 8; i += 1) {
      await signedUp();
      await newActivity(at((2 + 3 * (slot - 1)) * H)); // the same start: the id breaks the tie
    }
    cursors.open = await cursorOf(volunteer, '/api/v1/vs/activities/page?view=open&limit=1');
    cursors.managed = await cursorOf(leader, '/api/v1/vs/activities/page?view=managed&limit=1');
    cursors.mine = await cursorOf(volunteer, '/api/v1/vs/my-activities/page?limit=1');
  });
  afterAll(async () => t.close());

  it('open activities: every row once, soonest first, under concurrent writes; bad cursors refused', async () => {
    await expectKeysetContract({
      who: volunteer,
      offsetUrl: '/api/v1/vs/activities?view=open',
      pageUrl: '/api/v1/vs/activities/page?view=open',
      write: () => newActivity(),
      foreignCursor: cursors.managed,
    });
  });

  it('managed activities: every row once, latest first, the same way', async () => {
    await expectKeysetContract({
      who: leader,
      offsetUrl: `/api/v1/vs/activities?view=managed&orderId=${orderId}`,
      pageUrl: `/api/v1/vs/activities/page?view=managed&orderId=${orderId}`,
      write: () => newActivity(),
      foreignCursor: cursors.open,
    });
  });

  it('my activities: every sign-up once in the offset order, none twice or lost under writes', async () => {
    const offsetIds = async () =>
      (await volunteer.call('GET', '/api/v1/vs/my-activities?when=upcoming&limit=200'))
        .json<{ signup: { id: string } }[]>()
        .map((r) => r.signup.id);
    const idsOf = (pages: readonly MyPage[]) =>
      pages.flatMap((p) => p.items.map((r) => r.signup.id));
    const before = await offsetIds();
    expect(before.length).toBeGreaterThan(6);
    const quiet = await walkMine('/api/v1/vs/my-activities/page?when=upcoming');
    expect(idsOf(quiet)).toEqual(before);
    for (const p of quiet) expect(p).toMatchObject({ total: before.length, totalExact: true });
    expect(quiet.at(-1)!.nextCursor).toBeNull();

    const busy = await walkMine('/api/v1/vs/my-activities/page?when=all', signedUp);
    const ids = idsOf(busy);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of before) expect(ids).toContain(id);
    expect((await offsetIds()).length).toBeGreaterThan(before.length);

    for (const after of ['bm90LWEtY3Vyc29y', cursors.open, cursors.mine.slice(0, -4)]) {
      const res = await volunteer.call('GET', `/api/v1/vs/my-activities/page?after=${after}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('CURSOR_INVALID');
    }
    // The past is read latest first: an upcoming list's cursor is not one of its own.
    const past = await volunteer.call(
      'GET',
      `/api/v1/vs/my-activities/page?when=past&after=${cursors.mine}`,
    );
    expect(past.statusCode).toBe(400);
  });

  it('my past activities latest first as the offset list; the roles are those of the offset list', async () => {
    const past = await walkMine('/api/v1/vs/my-activities/page?when=past');
    const offset = await volunteer.call('GET', '/api/v1/vs/my-activities?when=past&limit=200');
    const ids = past.flatMap((p) => p.items.map((r) => r.signup.id));
    expect(ids).toEqual(offset.json<{ signup: { id: string } }[]>().map((r) => r.signup.id));
    expect(past.at(-1)).toMatchObject({ nextCursor: null, total: ids.length, totalExact: true });
    const clerk = await t.login('clerk');
    expect((await clerk.call('GET', '/api/v1/vs/activities')).statusCode).toBe(403);
    expect((await clerk.call('GET', '/api/v1/vs/activities/page')).statusCode).toBe(403);
    expect((await leader.call('GET', '/api/v1/vs/my-activities/page')).statusCode).toBe(403);
  });
});
