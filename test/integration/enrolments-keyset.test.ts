/**
 * Issue #16 point 5 on both dialects: a guardian's enrolments page by keyset
 * (GET /programs/enrolments/page) — every row of the unpaged list once, in its order (newest
 * application first, then id); none twice and none lost while the family applies; the total
 * exact; a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { asGuardian, bulkGuardians, createClass, type BulkGuardian } from './programs.fixtures.ts';
import { caseListCursor, expectUnpagedKeysetContract } from './unpaged-keyset.fixtures.ts';

describe('#16 p5 keyset pages of a guardian’s enrolments', () => {
  let t: TestApp;
  let organiser: Client;
  let guardian: Client;
  let other: Client;
  const asClient = (who: BulkGuardian): Client => ({
    username: `guardian-${who.i}`,
    cookie: '',
    call: (method, url, body) => asGuardian(t, who, method as 'GET' | 'POST', url, body),
  });
  let childId = '';
  let caseCursor = '';
  let n = 0;

  /** An application to a new class; three share each instant, so the id breaks ties. */
  const apply = async () => {
    n += 1;
    const { classId } = await createClass(organiser, 30);
    const res = await guardian.call('POST', `/api/v1/programs/classes/${classId}/enrolments`, {
      childId,
    });
    expect(res.statusCode, res.body).toBe(201);
    if (n % 3 === 0) t.clock.advance(60_000);
  };

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await t.login('organiser');
    caseCursor = await caseListCursor(await t.login('clerk'));
    // Two families of the fixtures (a Bearer session, one child each), as a client of the contract.
    const [family, neighbour] = await bulkGuardians(t.testDb.db.kysely, t.pii, 2);
    guardian = asClient(family!);
    other = asClient(neighbour!);
    childId = family!.childId;
    for (let i = 0; i < 8; i += 1) await apply();
  });
  afterAll(async () => t.close());

  it('every row once, in order, while the family applies; bad cursors refused', async () => {
    await expectUnpagedKeysetContract({
      who: guardian,
      listUrl: '/api/v1/programs/enrolments',
      pageUrl: '/api/v1/programs/enrolments/page',
      write: apply,
      foreignCursor: caseCursor,
    });
  });

  it('another guardian’s page holds none of them', async () => {
    const mine = (await guardian.call('GET', '/api/v1/programs/enrolments/page?limit=200')).json<{
      items: { id: string }[];
    }>();
    expect(mine.items.length).toBeGreaterThan(6);
    const res = await other.call('GET', '/api/v1/programs/enrolments/page');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
  });
});
