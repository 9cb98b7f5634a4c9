/**
 * Issue #16 point 5 on both dialects: training sessions and competences page by keyset
 * (GET /training/sessions/page, /training/competences/page) — every row once in the offset list's
 * order, none twice while rows are written, the total exact, a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';

describe('#16 p5 keyset pages of training sessions and competences', () => {
  let t: TestApp;
  let town: Client;
  let clerk: Client;
  let centre = '';
  let caseCursor = '';
  const people: string[] = [];
  const pairs: [string, string][] = [];
  let sessions = 0;

  /** A session; three share each day, so the id breaks ties. */
  const newSession = async () => {
    sessions += 1;
    const r = await town.call('POST', '/api/v1/training/sessions', {
      kind: 'town_centre',
      stationId: centre,
      heldOn: `2026-02-${String(1 + Math.floor(sessions / 3)).padStart(2, '0')}`,
      trainerName: '区民政局',
      topicItems: [],
      topicText: `第 ${sessions} 次培训`,
    });
    expect(r.statusCode, r.body).toBe(201);
  };
  /** A competence of the next person × item not yet certified. */
  const newCompetence = async () => {
    const [accountId, itemCode] = pairs.shift()!;
    const r = await town.call('POST', '/api/v1/training/competences', {
      accountId,
      itemCode,
      certifiedOn: '2026-03-02',
      expiresOn: '2027-03-01',
    });
    expect(r.statusCode, r.body).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    town = await t.login('town');
    clerk = await t.login('clerk');
    for (const who of [clerk, town])
      people.push((await who.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id);
    centre = (await town.call('GET', '/api/v1/stations?regionCode=110115110000'))
      .json<{ id: string; kind: string; regionCode: string }[]>()
      .find((s) => s.kind === 'town_centre' && s.regionCode === '110115110000')!.id;
    const held = await t.testDb.db.kysely
      .selectFrom('competences')
      .select(['account_id', 'item_code'])
      .execute();
    const items = await t.testDb.db.kysely
      .selectFrom('catalog_items')
      .select('code')
      .where('active', '=', 1)
      .orderBy('code')
      .limit(20)
      .execute();
    for (const { code } of items)
      for (const p of people)
        if (!held.some((h) => h.account_id === p && h.item_code === code)) pairs.push([p, code]);
    for (let i = 0; i < 8; i += 1) {
      await newSession();
      await newCompetence();
    }
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('sessions: every row once, in order, while sessions are recorded; bad cursors refused', async () => {
    await expectKeysetContract({
      who: town,
      offsetUrl: '/api/v1/training/sessions?from=2026-01-01',
      pageUrl: '/api/v1/training/sessions/page?from=2026-01-01',
      write: newSession,
      foreignCursor: caseCursor,
    });
  });

  it('competences: by holder, the same way', async () => {
    await expectKeysetContract({
      who: town,
      offsetUrl: '/api/v1/training/competences',
      pageUrl: '/api/v1/training/competences/page',
      write: newCompetence,
      foreignCursor: caseCursor,
    });
  });

  it('the same scope: a clerk of another town sees none of these', async () => {
    const other = await t.login('clerk-qyd');
    const res = await other.call('GET', '/api/v1/training/competences/page?townCode=110115110000');
    const offset = await other.call('GET', '/api/v1/training/competences?townCode=110115110000');
    expect(res.statusCode).toBe(offset.statusCode);
    if (res.statusCode === 200) {
      expect(offset.json()).toEqual([]);
      expect(res.json()).toMatchObject({ items: [], total: 0, totalExact: true });
    }
  });
});
