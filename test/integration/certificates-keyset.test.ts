/**
 * Issue #16 point 5 on both dialects: the certificates list pages by keyset (GET
 * /vs/certificates/page) — every row once in the offset list's order (latest issued first), none
 * twice while certificates are issued, the total exact, a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';
import { buildRecordsWorld } from './records-world.fixtures.ts';

describe('#16 p5 keyset pages of the volunteer certificates', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  let teamA = '';
  let vol = '';
  let caseCursor = '';

  const issue = async () => {
    const r = await c.leader!.call('POST', '/api/v1/vs/certificates', {
      volunteerId: vol,
      teamId: teamA,
    });
    expect(r.statusCode, r.body).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ teamA, vol } = await buildRecordsWorld(t, c));
    for (let i = 0; i < 10; i += 1) {
      await issue();
      if (i % 3 === 2) t.clock.advance(60_000); // three share each instant: the id breaks ties
    }
    const page = (await c.clerk!.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('certificates: every row once, in order, under concurrent issuing; bad cursors refused', async () => {
    await expectKeysetContract({
      who: c.leader!,
      offsetUrl: `/api/v1/vs/certificates?teamId=${teamA}`,
      pageUrl: `/api/v1/vs/certificates/page?teamId=${teamA}`,
      write: issue,
      foreignCursor: caseCursor,
    });
  });

  it('the volunteer sees their own the same way; an empty selection is one empty page', async () => {
    const mine = c.volunteer!;
    const own = await mine.call('GET', '/api/v1/vs/certificates/page?limit=200');
    expect(own.statusCode, own.body).toBe(200);
    const offset = await mine.call('GET', '/api/v1/vs/certificates?limit=200');
    expect(own.json<{ items: { id: string }[] }>().items.map((x) => x.id)).toEqual(
      offset.json<{ id: string }[]>().map((x) => x.id),
    );
    const none = await mine.call(
      'GET',
      '/api/v1/vs/certificates/page?teamId=00000000-0000-4000-8000-000000000000',
    );
    expect(none.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
  });
});
