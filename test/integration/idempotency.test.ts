/** Idempotency-Key on creating POSTs, including two parallel requests, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { idempotencyBodyHash } from '../../src/server/idempotency.plugin.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

describe('X-9 Idempotency-Key', () => {
  let t: TestApp;
  let clerk: Client;
  const count = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('residents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const body = (seq: string) => ({
    idNumber: buildIdNumber('110115', '19700505', seq),
    fullName: '孙秀英',
    homeRegionCode: '110115110207',
    address: '伊庄村',
  });

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
  });
  afterAll(async () => t.close());

  it('two parallel POSTs with one key create one row and return the same result', async () => {
    const before = await count();
    const headers = { 'idempotency-key': 'reg-parallel-1' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        clerk.call('POST', '/api/v1/residents', body('101'), headers),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const ids = new Set(results.map((r) => r.json<{ id: string }>().id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    expect(await count()).toBe(before + 1);
  });

  it('a later retry with the same key and body replays the first answer', async () => {
    const first = await clerk.call('POST', '/api/v1/residents', body('103'), {
      'idempotency-key': 'reg-retry',
    });
    const again = await clerk.call('POST', '/api/v1/residents', body('103'), {
      'idempotency-key': 'reg-retry',
    });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
  });

  it('the same key with a different body is a 422 and writes nothing', async () => {
    await clerk.call('POST', '/api/v1/residents', body('105'), {
      'idempotency-key': 'reg-mismatch',
    });
    const before = await count();
    const res = await clerk.call('POST', '/api/v1/residents', body('107'), {
      'idempotency-key': 'reg-mismatch',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await count()).toBe(before);
  });

  it('a refused request is replayed as refused (the key is spent on its answer)', async () => {
    const dup = { ...body('101') };
    const first = await clerk.call('POST', '/api/v1/residents', dup, {
      'idempotency-key': 'reg-dup',
    });
    expect(first.statusCode).toBe(409);
    const again = await clerk.call('POST', '/api/v1/residents', dup, {
      'idempotency-key': 'reg-dup',
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('keys belong to one account: another account may use the same key', async () => {
    const agent = await t.login('agent');
    const res = await agent.call('POST', '/api/v1/residents', body('109'), {
      'idempotency-key': 'reg-parallel-1',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key', async () => {
    const res = await clerk.call('POST', '/api/v1/residents', body('111'), {
      'idempotency-key': 'x'.repeat(201),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID' });
  });
});

describe('X-9 a key whose first request died', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('is released after two minutes to the next claimant', async () => {
    const clerk = await t.login('clerk');
    const account = await t.testDb.db.kysely
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'clerk')
      .executeTakeFirstOrThrow();
    const body = {
      idNumber: buildIdNumber('110115', '19700606', '301'),
      fullName: '吴建华',
      homeRegionCode: '110115110207',
      address: '伊庄村',
    };
    // A node claimed the key with this exact body and crashed before committing anything.
    await t.testDb.db.kysely
      .insertInto('idempotency_keys')
      .values({
        account_id: account.id,
        key: 'crashed',
        method: 'POST',
        path: '/api/v1/residents',
        body_hash: idempotencyBodyHash(t.pii, 'POST', '/api/v1/residents', body),
        state: 'pending',
        status_code: null,
        response_body: null,
        created_at: t.clock.now.toISOString(),
        completed_at: null,
        claim_id: 'claim-of-the-dead-node',
        resource_type: null,
        resource_id: null,
      })
      .execute();
    t.clock.advance(3 * 60_000);
    const res = await clerk.call('POST', '/api/v1/residents', body, {
      'idempotency-key': 'crashed',
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
