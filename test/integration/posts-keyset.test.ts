/**
 * Issue #16 point 5 on both dialects: the AB posts and the absences page by keyset
 * (GET /posts/page, /posts/absences/page) — every row of the unpaged list once, in its order
 * (posts by region, name, then id; absences soonest start first, then id); none twice and none
 * lost while rows are written; the total exact; a bad or foreign cursor a 400.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { caseListCursor, expectUnpagedKeysetContract } from './unpaged-keyset.fixtures.ts';
import { walkPages } from './keyset.fixtures.ts';

interface Post {
  id: string;
  stationId: string;
  regionCode: string;
  name: string;
  a: { id: string };
  b: { id: string };
}

describe('#16 p5 keyset pages of AB posts and absences', () => {
  let t: TestApp;
  let supervisor: Client;
  let demo: Post;
  let stations: string[] = [];
  let caseCursor = '';
  let posts = 0;
  let absences = 0;

  const db = () => t.testDb.db.kysely;
  /** A post; its name repeats at each station of the region, so the id breaks region-name ties. */
  const addPost = async () => {
    posts += 1;
    const now = t.clock.now.toISOString();
    await db()
      .insertInto('posts')
      .values({
        id: crypto.randomUUID(),
        station_id: stations[posts % stations.length]!,
        region_code: demo.regionCode,
        name: `分页岗 ${String(Math.floor(posts / stations.length)).padStart(2, '0')}`,
        opening_hours: null,
        a_account_id: demo.a.id,
        b_account_id: demo.b.id,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  };
  /** An absence of the demo post's A; three start at each instant, so the id breaks ties. */
  const addAbsence = async () => {
    absences += 1;
    const start = new Date(t.clock.now.getTime() + Math.floor(absences / 3) * 3_600_000);
    await db()
      .insertInto('post_absences')
      .values({
        id: crypto.randomUUID(),
        account_id: demo.a.id,
        region_code: demo.regionCode,
        kind: 'training',
        starts_at: start.toISOString(),
        ends_at: new Date(start.getTime() + 86_400_000).toISOString(),
        note: null,
        status: 'active',
        recorded_by: demo.a.id,
        created_at: t.clock.now.toISOString(),
        cancelled_by: null,
        cancelled_at: null,
      })
      .execute();
  };

  beforeAll(async () => {
    t = await createTestApp();
    supervisor = await t.login('supervisor');
    caseCursor = await caseListCursor(await t.login('clerk'));
    const listed = (await supervisor.call('GET', '/api/v1/posts')).json<Post[]>();
    demo = listed.find((p) => p.name === '综合受理岗')!;
    stations = (
      await db()
        .selectFrom('stations')
        .select('id')
        .where('region_code', '=', demo.regionCode)
        .orderBy('id')
        .execute()
    ).map((s) => s.id);
    for (let i = 0; i < 9; i += 1) {
      await addPost();
      await addAbsence();
    }
  });
  afterAll(async () => t.close());

  it('posts: every row once, in order, under concurrent inserts; bad cursors refused', async () => {
    await expectUnpagedKeysetContract({
      who: supervisor,
      listUrl: '/api/v1/posts',
      pageUrl: '/api/v1/posts/page',
      write: addPost,
      foreignCursor: caseCursor,
    });
  });

  it('absences: the same way, and a post cursor is refused', async () => {
    const postCursor = (await supervisor.call('GET', '/api/v1/posts/page?limit=1')).json<{
      nextCursor: string;
    }>().nextCursor;
    await expectUnpagedKeysetContract({
      who: supervisor,
      listUrl: '/api/v1/posts/absences',
      pageUrl: '/api/v1/posts/absences/page',
      write: addAbsence,
      foreignCursor: postCursor,
    });
  });

  it('the same filters and scope: one station; a clerk of another town sees nothing', async () => {
    const station = stations[0]!;
    for (const url of [
      `/api/v1/posts?stationId=${station}`,
      `/api/v1/posts/absences?stationId=${station}`,
    ]) {
      const list = (await supervisor.call('GET', url)).json<{ id: string }[]>();
      const [path, query] = url.split('?');
      const { ids } = await walkPages(supervisor, `${path}/page?${query}`, 2);
      expect(ids).toEqual(list.map((r) => r.id));
    }
    const other = await t.login('clerk-qyd');
    for (const url of ['/api/v1/posts/page', '/api/v1/posts/absences/page']) {
      const res = await other.call('GET', url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0 });
    }
  });
});
