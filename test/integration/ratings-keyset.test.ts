/**
 * Issue #16 point 5 on both dialects: the ratings, rectification tickets and appeals lists page by
 * keyset (GET /ratings/page, /ratings/tickets/page, /ratings/appeals/page) — every row once in the
 * offset list's order, none twice while rows are written, the total exact, a bad or foreign
 * cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';
import { deliveredCase, linkFor, rateByLink, residentId } from './ratings.fixtures.ts';

describe('#16 p5 keyset pages of ratings, rectification tickets and appeals', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let supervisor: Client;
  let liId = '';
  let caseCursor = '';

  /** A 差评 of a delivered case: a rating and its rectification ticket. */
  const badRating = async () => {
    const k = await deliveredCase(clerk, town, liId);
    const r = await rateByLink(t, (await linkFor(clerk, k.id)).token, {
      level: 2,
      reasons: ['repeat_visits'],
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };
  /** A 差评 and the clerk's appeal of it. */
  const appealed = async () => {
    const id = await badRating();
    const r = await clerk.call('POST', `/api/v1/ratings/${id}/appeal`, { reason: '群众误评' });
    expect(r.statusCode, r.body).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    supervisor = await t.login('supervisor');
    liId = await residentId(clerk);
    for (let i = 0; i < 8; i += 1) {
      await appealed(); // a rating, its ticket and its appeal
      if (i % 3 === 2) t.clock.advance(60_000); // three share each instant: the id breaks ties
    }
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  }, 120_000);
  afterAll(async () => t.close());

  it('ratings: every row once, in order, under concurrent ratings; bad cursors refused', async () => {
    await expectKeysetContract({
      who: supervisor,
      offsetUrl: '/api/v1/ratings?bad=true',
      pageUrl: '/api/v1/ratings/page?bad=true',
      write: badRating,
      foreignCursor: caseCursor,
    });
  });

  it('rectification tickets: soonest due first, the same way', async () => {
    const tickets = await town.call('GET', '/api/v1/ratings/tickets/page?limit=1');
    const ticketCursor = tickets.json<{ nextCursor: string }>().nextCursor;
    await expectKeysetContract({
      who: town,
      offsetUrl: '/api/v1/ratings/tickets?open=true',
      pageUrl: '/api/v1/ratings/tickets/page?open=true',
      write: badRating,
      foreignCursor: caseCursor,
    });
    // A ticket cursor is refused by the ratings list, and the other way round.
    const r = await supervisor.call('GET', `/api/v1/ratings/page?after=${ticketCursor}`);
    expect(r.statusCode).toBe(400);
    expect(r.json<{ code: string }>().code).toMatch(/CURSOR_INVALID$/);
  });

  it('appeals: pending ones newest first, the same way', async () => {
    await expectKeysetContract({
      who: supervisor,
      offsetUrl: '/api/v1/ratings/appeals?pending=true',
      pageUrl: '/api/v1/ratings/appeals/page?pending=true',
      write: appealed,
      foreignCursor: caseCursor,
    });
  });

  it('the same access as the offset lists: a resident may not page ratings', async () => {
    const resident = await t.login('resident');
    for (const url of ['/api/v1/ratings', '/api/v1/ratings/page']) {
      expect((await resident.call('GET', url)).statusCode).toBe(403);
    }
  });
});
