/**
 * Issue #16 point 5: the actor for a token is kept briefly by the node that resolved it. Every
 * change this node commits to what an actor is made of — a logout, a grant given or revoked, an
 * account disabled, raw SQL — is seen by its very next request; another node's change within
 * DOORSTEP_ACTOR_CACHE_MS. Both databases, real HTTP handling (inject), the app's own clock.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_TABLES } from '../../src/modules/auth/actor-cache.ts';
import { actorStatementSql, hashToken } from '../../src/modules/auth/session.service.ts';
import { YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import type { Db } from '../../src/db/connection.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'a-long-password-for-tests-1';

interface Me {
  grants: { role: string }[];
}

describe('the actor cache (issue #16 point 5)', () => {
  let t: TestApp;
  let admin: Client;
  let otherNode: Db;
  let seq = 0;

  /** A fresh clerk of 伊庄村 with its own session. */
  const newClerk = async () => {
    const username = `cache-clerk-${++seq}`;
    const r = await admin.call('POST', '/api/v1/accounts', {
      username,
      displayName: username,
      password: PASSWORD,
      grants: [{ role: 'clerk', regionCode: YIZHUANG }],
    });
    expect(r.statusCode, r.body).toBe(201);
    return { id: r.json<{ id: string }>().id, client: await t.login(username, PASSWORD) };
  };
  const me = (c: Client) => c.call('GET', '/api/v1/auth/me');
  const sessionId = (c: Client) => hashToken(c.cookie.slice('ds_session='.length));
  const cached = (c: Client) => t.app.actorCache.find(`cookie:${sessionId(c)}`, t.clock.now);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    otherNode = t.testDb.openAnother();
  });
  afterAll(async () => {
    await otherNode.close();
    await t.close();
  });

  it('names every table the actor is read from (a new join must be watched too)', () => {
    const read = [...actorStatementSql(t.app.kysely).matchAll(/\b(?:from|join)\s+"(\w+)"/gi)].map(
      (m) => m[1],
    );
    expect(read.length).toBeGreaterThan(0);
    expect([...new Set(read)].sort()).toEqual([...ACTOR_TABLES].sort());
  });

  it('a second request answers from the cache; another node’s revocation is seen within the TTL', async () => {
    const { client } = await newClerk();
    expect((await me(client)).statusCode).toBe(200);
    expect(cached(client)?.grants.map((g) => g.role)).toEqual(['clerk']);
    // Another node ends the session: this node does not see that write.
    await otherNode.kysely
      .updateTable('sessions')
      .set({ revoked_at: t.clock.now.toISOString() })
      .where('id', '=', sessionId(client))
      .execute();
    expect((await me(client)).statusCode).toBe(200);
    t.clock.advance(2000); // DOORSTEP_ACTOR_CACHE_MS, the default
    expect((await me(client)).statusCode).toBe(401);
  });

  it('this node’s logout, grant, revocation and disabling are seen by the very next request', async () => {
    const { id, client } = await newClerk();
    expect((await me(client)).statusCode).toBe(200);
    const granted = await admin.call('POST', `/api/v1/accounts/${id}/grants`, {
      role: 'town_officer',
      regionCode: '110115110000',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const after = await me(client);
    expect(
      after
        .json<Me>()
        .grants.map((g) => g.role)
        .sort(),
    ).toEqual(['clerk', 'town_officer']);
    const grantId = granted.json<{ id: string }>().id;
    const revoked = await admin.call('POST', `/api/v1/accounts/${id}/grants/${grantId}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await me(client)).json<Me>().grants.map((g) => g.role)).toEqual(['clerk']);
    const off = await admin.call('POST', `/api/v1/accounts/${id}/disable`);
    expect(off.statusCode, off.body).toBe(200);
    expect((await me(client)).statusCode).toBe(401);

    const second = await newClerk();
    expect((await me(second.client)).statusCode).toBe(200);
    expect((await second.client.call('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await me(second.client)).statusCode).toBe(401);
  });

  it('raw SQL through this node counts as well, once committed — a rollback changes nothing', async () => {
    const { id, client } = await newClerk();
    expect((await me(client)).statusCode).toBe(200);
    await expect(
      t.app.kysely.transaction().execute(async (trx) => {
        await sql`update accounts set status = 'disabled' where id = ${id}`.execute(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(cached(client)).toBeDefined();
    expect((await me(client)).statusCode).toBe(200);
    await sql`update accounts set status = 'disabled' where id = ${id}`.execute(t.app.kysely);
    expect(cached(client)).toBeUndefined();
    expect((await me(client)).statusCode).toBe(401);
  });

  it('a session’s touch and a new login do not empty the cache of everybody else', async () => {
    const a = await newClerk();
    const b = await newClerk();
    expect((await me(b.client)).statusCode).toBe(200);
    expect(cached(b.client)).toBeDefined();
    // a's last use was 10 minutes ago (written by another node): a's next request records its use.
    const tenMinutesAgo = new Date(t.clock.now.getTime() - 600_000).toISOString();
    await otherNode.kysely
      .updateTable('sessions')
      .set({ last_seen_at: tenMinutesAgo })
      .where('id', '=', sessionId(a.client))
      .execute();
    expect((await me(a.client)).statusCode).toBe(200);
    const seen = await t.testDb.db.kysely
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('id', '=', sessionId(a.client))
      .executeTakeFirstOrThrow();
    expect(seen.last_seen_at).toBe(t.clock.now.toISOString());
    await t.login(`cache-clerk-${seq}`, PASSWORD); // a new session of b's account
    expect(cached(b.client)).toBeDefined();
  });

  it('an expired session is refused even while kept', async () => {
    const { client } = await newClerk();
    expect((await me(client)).statusCode).toBe(200);
    expect(cached(client)).toBeDefined();
    t.clock.advance(12 * 3600_000);
    expect((await me(client)).statusCode).toBe(401);
  });
});

describe('the actor cache turned off (DOORSTEP_ACTOR_CACHE_MS=0)', () => {
  let t: TestApp;
  let otherNode: Db;
  beforeAll(async () => {
    t = await createTestApp({ env: { DOORSTEP_ACTOR_CACHE_MS: '0' } });
    otherNode = t.testDb.openAnother();
  });
  afterAll(async () => {
    await otherNode.close();
    await t.close();
  });

  it('another node’s revocation is seen at once', async () => {
    const clerk = await t.login('clerk');
    expect((await clerk.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect(t.app.actorCache.size).toBe(0);
    await otherNode.kysely
      .updateTable('sessions')
      .set({ revoked_at: t.clock.now.toISOString() })
      .where('id', '=', hashToken(clerk.cookie.slice('ds_session='.length)))
      .execute();
    expect((await clerk.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });
});
