/**
 * Issue #14 (GS-10) on the dialect of the run: creating a resident's phone login twice at once —
 * two clerks, other phones, other Idempotency-Keys — makes exactly one account; every loser gets
 * a clear 409 (RESIDENT_LOGIN_EXISTS). The same key sent twice at once is one request (replayed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const YIZHUANG = '110115110207';

describe('GS-10 one phone login per resident, under parallel requests', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let people: string[] = [];

  const accountsOf = async (residentId: string) =>
    (
      await t.testDb.db.kysely
        .selectFrom('accounts')
        .select('id')
        .where('resident_id', '=', residentId)
        .execute()
    ).length;
  const link = (c: Client, residentId: string, phone: string, key: string) =>
    c.call('POST', `/api/v1/residents/${residentId}/login`, { phone }, { 'idempotency-key': key });

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    const rows = await t.testDb.db.kysely
      .selectFrom('residents')
      .select('id')
      .where('home_region_code', '=', YIZHUANG)
      .where('id', 'not in', (eb) =>
        eb.selectFrom('accounts').select('resident_id').where('resident_id', 'is not', null),
      )
      .orderBy('id')
      .limit(3)
      .execute();
    people = rows.map((r) => r.id);
    expect(people).toHaveLength(3);
  });
  afterAll(async () => t.close());

  it('eight parallel requests with other phones: one account, seven RESIDENT_LOGIN_EXISTS', async () => {
    const who = people[0]!;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        link(i % 2 ? clerk : town, who, `1390000${String(2000 + i)}`, `race-a-${i}`),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const losers = results.filter((r) => r.statusCode !== 201);
    expect(losers.map((r) => r.statusCode)).toEqual(Array(7).fill(409));
    expect(losers.map((r) => r.json<{ code: string }>().code)).toEqual(
      Array(7).fill('RESIDENT_LOGIN_EXISTS'),
    );
    expect(losers[0]!.headers['content-type']).toContain('application/problem+json');
    expect(await accountsOf(who)).toBe(1);
  });

  it('the same phone for one resident at once: one account, the others told it exists', async () => {
    const who = people[1]!;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        link(i % 2 ? clerk : town, who, '13900003000', `race-b-${i}`),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(
      results.filter((r) => r.statusCode !== 201).map((r) => r.json<{ code: string }>().code),
    ).toEqual(Array(5).fill('RESIDENT_LOGIN_EXISTS'));
    expect(await accountsOf(who)).toBe(1);
  });

  it('one Idempotency-Key sent four times at once: one account, the same answer each time', async () => {
    const who = people[2]!;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => link(clerk, who, '13900004000', 'race-c')),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const ids = new Set(results.map((r) => r.json<{ accountId: string }>().accountId));
    expect(ids.size).toBe(1);
    expect(await accountsOf(who)).toBe(1);
  });
});
