/**
 * Issue #15 point 4: administrators manage accounts inside their own scope — list with
 * filters, create, disable / enable, reset a password (answered once), grant and revoke roles over
 * a scope inside their own; every change audited; bad input a 4xx with a code. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_TOWNS, PILOT_TOWN, YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Account {
  id: string;
  username: string;
  status: string;
  grants: { id: string; role: string; regionCode: string; stationId: string | null }[];
  availableActions: string[];
}

describe('X-2 accounts managed by administrators (issue #15 point 4)', () => {
  let t: TestApp;
  let admin: Client;
  let townAdmin: Client;
  let townAdminId = '';
  let clerkId = '';
  const PASSWORD = 'a-long-password-for-tests-1';

  const audit = (entityId: string) =>
    t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'before_json', 'after_json', 'actor_role'])
      .where('entity_id', '=', entityId)
      .where('action', 'not in', ['account.logged_in', 'account.logged_out'])
      .orderBy('seq')
      .execute();

  const create = async (username: string, grants: unknown[]) => {
    const r = await admin.call('POST', '/api/v1/accounts', {
      username,
      displayName: username,
      password: PASSWORD,
      grants,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    townAdminId = await create('wsz-admin', [{ role: 'admin', regionCode: PILOT_TOWN }]);
    clerkId = await create('wsz-clerk', [{ role: 'clerk', regionCode: YIZHUANG }]);
    townAdmin = await t.login('wsz-admin', PASSWORD);
  });
  afterAll(async () => t.close());

  it('lists with filters: text, role, status, region inside the scope', async () => {
    const byText = await admin.call('GET', '/api/v1/accounts?q=CLERK');
    expect(byText.statusCode).toBe(200);
    const names = byText.json<Account[]>().map((a) => a.username);
    expect(names).toEqual(expect.arrayContaining(['clerk', 'clerk-qyd', 'wsz-clerk']));
    expect(names).not.toContain('admin');
    const byRole = await admin.call('GET', '/api/v1/accounts?role=agent');
    expect(byRole.json<Account[]>().map((a) => a.username)).toEqual(['agent']);
    const inTown = await admin.call('GET', `/api/v1/accounts?regionCode=${OTHER_TOWNS[0]}`);
    expect(inTown.json<Account[]>().map((a) => a.username)).toEqual(['clerk-qyd']);
    const paged = await admin.call('GET', '/api/v1/accounts?limit=2&offset=1');
    expect(paged.json<Account[]>()).toHaveLength(2);
    // A `%` is a character, not a wildcard.
    expect((await admin.call('GET', '/api/v1/accounts?q=%25')).json<Account[]>()).toEqual([]);
    const disabled = await admin.call('GET', '/api/v1/accounts?status=disabled');
    expect(disabled.json<Account[]>()).toEqual([]);
    const own = byText.json<Account[]>().find((a) => a.username === 'wsz-clerk')!;
    expect(own.availableActions).toEqual(['disable', 'reset_password', 'grant', 'revoke']);
  });

  it('a town administrator sees and changes only the town’s accounts, never their own', async () => {
    const list = (await townAdmin.call('GET', '/api/v1/accounts')).json<Account[]>();
    const names = list.map((a) => a.username);
    expect(names).toEqual(expect.arrayContaining(['wsz-admin', 'wsz-clerk', 'clerk', 'town']));
    expect(names).not.toContain('admin');
    expect(names).not.toContain('clerk-qyd');
    expect(list.find((a) => a.username === 'wsz-admin')!.availableActions).toEqual([]);
    const adminId = (await admin.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const foreign = await townAdmin.call('POST', `/api/v1/accounts/${adminId}/disable`);
    expect([foreign.statusCode, foreign.json<{ code: string }>().code]).toEqual([
      404,
      'ACCOUNT_NOT_FOUND',
    ]);
    const self = await townAdmin.call('POST', `/api/v1/accounts/${townAdminId}/disable`);
    expect([self.statusCode, self.json<{ code: string }>().code]).toEqual([
      409,
      'ACCOUNT_SELF_CHANGE',
    ]);
    const outside = await townAdmin.call('GET', `/api/v1/accounts?regionCode=${OTHER_TOWNS[0]}`);
    expect([outside.statusCode, outside.json<{ code: string }>().code]).toEqual([
      403,
      'OUT_OF_SCOPE',
    ]);
    const grantOutside = await townAdmin.call('POST', `/api/v1/accounts/${clerkId}/grants`, {
      role: 'clerk',
      regionCode: OTHER_TOWNS[0],
    });
    expect(grantOutside.json<{ code: string }>().code).toBe('OUT_OF_SCOPE');
    // An account that also holds a grant beyond the town is a higher administrator's to change.
    const wide = await create('wide-clerk', [
      { role: 'clerk', regionCode: YIZHUANG },
      { role: 'clerk', regionCode: OTHER_TOWNS[1] },
    ]);
    const partly = await townAdmin.call('POST', `/api/v1/accounts/${wide}/disable`);
    expect([partly.statusCode, partly.json<{ code: string }>().code]).toEqual([
      403,
      'ACCOUNT_OUT_OF_SCOPE',
    ]);
    const seen = (await townAdmin.call('GET', `/api/v1/accounts/${wide}`)).json<Account>();
    expect(seen.grants.map((g) => g.regionCode)).toEqual([YIZHUANG]);
    expect(seen.availableActions).toEqual([]);
  });

  it('disable ends the sessions and refuses login; enable restores; audited', async () => {
    const clerk = await t.login('wsz-clerk', PASSWORD);
    expect((await clerk.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const off = await townAdmin.call('POST', `/api/v1/accounts/${clerkId}/disable`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<Account>()).toMatchObject({ status: 'disabled' });
    expect(off.json<Account>().availableActions).toEqual(['enable', 'grant', 'revoke']);
    expect((await clerk.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await expect(t.login('wsz-clerk', PASSWORD)).rejects.toThrow(/403/);
    const again = await townAdmin.call('POST', `/api/v1/accounts/${clerkId}/disable`);
    expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([
      409,
      'ACCOUNT_TRANSITION_NOT_ALLOWED',
    ]);
    const on = await townAdmin.call('POST', `/api/v1/accounts/${clerkId}/enable`);
    expect(on.json<Account>().status).toBe('active');
    expect((await t.login('wsz-clerk', PASSWORD)).username).toBe('wsz-clerk');
    const events = await audit(clerkId);
    expect(events.map((e) => e.action)).toEqual([
      'account.created',
      'account.disabled',
      'account.enabled',
    ]);
    expect(events[1]!.actor_role).toBe('admin');
  });

  it('reset password: a one-time password answered once, sessions end, never audited in clear', async () => {
    const clerk = await t.login('wsz-clerk', PASSWORD);
    const reset = await townAdmin.call('POST', `/api/v1/accounts/${clerkId}/password-reset`, {});
    expect(reset.statusCode, reset.body).toBe(200);
    const { password } = reset.json<{ password: string }>();
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    expect((await clerk.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await expect(t.login('wsz-clerk', PASSWORD)).rejects.toThrow(/401/);
    expect((await t.login('wsz-clerk', password)).username).toBe('wsz-clerk');
    const events = await audit(clerkId);
    expect(events.at(-1)!.action).toBe('account.password_reset');
    expect(JSON.stringify(events)).not.toContain(password);
    // Keyed: a repeat never gets the password again.
    const key = { 'idempotency-key': crypto.randomUUID() };
    const url = `/api/v1/accounts/${clerkId}/password-reset`;
    const first = await townAdmin.call('POST', url, {}, key);
    expect(first.statusCode).toBe(200);
    const repeat = await townAdmin.call('POST', url, {}, key);
    expect(repeat.statusCode).toBe(409);
    expect(repeat.body).not.toContain(first.json<{ password: string }>().password);
  });

  it('after a reset the account must change the password before anything else (PASSWORD_CHANGE_REQUIRED)', async () => {
    const { password } = await resetFor(clerkId);
    const clerk = await t.login('wsz-clerk', password);
    expect((await clerk.call('GET', '/api/v1/auth/me')).json()).toMatchObject({
      username: 'wsz-clerk',
      mustChangePassword: true,
    });
    for (const [method, url] of [
      ['GET', '/api/v1/cases'],
      ['GET', '/api/v1/residents'],
      ['POST', '/api/v1/cases'],
    ] as const) {
      const r = await clerk.call(method, url, method === 'POST' ? {} : undefined);
      expect([r.statusCode, r.json<{ code: string }>().code], url).toEqual([
        403,
        'PASSWORD_CHANGE_REQUIRED',
      ]);
    }
    const events = await audit(clerkId);
    expect(events.at(-1)!.action).toBe('account.password_reset');
    expect(JSON.parse(events.at(-1)!.after_json!)).toEqual({ mustChangePassword: true });
    // The one-time password itself is refused as the new one; then an own password opens everything.
    const same = await clerk.call('POST', '/api/v1/auth/password', {
      currentPassword: password,
      newPassword: password,
    });
    expect(same.statusCode).toBe(400);
    const changed = await clerk.call('POST', '/api/v1/auth/password', {
      currentPassword: password,
      newPassword: 'meadow-lantern-river-2026',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await clerk.call('GET', '/api/v1/auth/me')).json()).toMatchObject({
      mustChangePassword: false,
    });
    expect((await clerk.call('GET', '/api/v1/cases')).statusCode).toBe(200);
    // A fresh login with the new password is not gated either.
    const again = await t.login('wsz-clerk', 'meadow-lantern-river-2026');
    expect((await again.call('GET', '/api/v1/cases')).statusCode).toBe(200);
  });

  it('grant and revoke a role over a station or a region; never the last; audited', async () => {
    const station = (await admin.call('GET', `/api/v1/stations?regionCode=${PILOT_TOWN}`)).json<
      { id: string; regionCode: string }[]
    >()[0]!;
    const granted = await townAdmin.call('POST', `/api/v1/accounts/${clerkId}/grants`, {
      role: 'town_officer',
      stationId: station.id,
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const grant = granted.json<{ id: string; stationId: string; regionCode: string }>();
    expect(grant).toMatchObject({ stationId: station.id, regionCode: station.regionCode });
    const dup = await townAdmin.call('POST', `/api/v1/accounts/${clerkId}/grants`, {
      role: 'town_officer',
      stationId: station.id,
    });
    expect([dup.statusCode, dup.json<{ code: string }>().code]).toEqual([
      409,
      'ACCOUNT_GRANT_EXISTS',
    ]);
    const me = await (
      await t.login('wsz-clerk', (await resetFor(clerkId)).password)
    ).call('GET', '/api/v1/auth/me');
    expect(
      me
        .json<{ grants: { role: string }[] }>()
        .grants.map((g) => g.role)
        .sort(),
    ).toEqual(['clerk', 'town_officer']);
    const revoked = await townAdmin.call(
      'POST',
      `/api/v1/accounts/${clerkId}/grants/${grant.id}/revoke`,
    );
    expect(revoked.statusCode, revoked.body).toBe(200);
    const left = revoked.json<Account>().grants;
    expect(left.map((g) => g.role)).toEqual(['clerk']);
    const last = await townAdmin.call(
      'POST',
      `/api/v1/accounts/${clerkId}/grants/${left[0]!.id}/revoke`,
    );
    expect([last.statusCode, last.json<{ code: string }>().code]).toEqual([
      409,
      'ACCOUNT_LAST_GRANT',
    ]);
    const gone = await townAdmin.call(
      'POST',
      `/api/v1/accounts/${clerkId}/grants/${grant.id}/revoke`,
    );
    expect(gone.json<{ code: string }>().code).toBe('ACCOUNT_GRANT_NOT_FOUND');
    const actions = (await audit(clerkId)).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('account.role_'))).toEqual([
      'account.role_granted',
      'account.role_revoked',
    ]);
  });

  async function resetFor(id: string) {
    const r = await townAdmin.call('POST', `/api/v1/accounts/${id}/password-reset`, {});
    return r.json<{ password: string }>();
  }

  it('bad input is a 4xx with a code, never a 500', async () => {
    const cases: [string, string, unknown, number][] = [
      ['GET', '/api/v1/accounts?role=king', undefined, 400],
      ['GET', '/api/v1/accounts?status=gone', undefined, 400],
      ['GET', '/api/v1/accounts/not-a-uuid', undefined, 400],
      ['GET', `/api/v1/accounts/${crypto.randomUUID()}`, undefined, 404],
      ['POST', `/api/v1/accounts/${crypto.randomUUID()}/enable`, undefined, 404],
      ['POST', `/api/v1/accounts/${clerkId}/grants`, { role: 'clerk' }, 400],
      [
        'POST',
        `/api/v1/accounts/${clerkId}/grants`,
        { role: 'clerk', regionCode: YIZHUANG, stationId: crypto.randomUUID() },
        400,
      ],
      [
        'POST',
        `/api/v1/accounts/${clerkId}/grants`,
        { role: 'clerk', stationId: crypto.randomUUID() },
        400,
      ],
      [
        'POST',
        `/api/v1/accounts/${clerkId}/grants`,
        { role: 'clerk', regionCode: '110115110299' },
        400,
      ],
      ['POST', `/api/v1/accounts/${clerkId}/grants/${crypto.randomUUID()}/revoke`, undefined, 404],
    ];
    for (const [method, url, body, status] of cases) {
      const r = await admin.call(method as 'GET', url, body);
      expect(r.statusCode, `${method} ${url} ${r.body}`).toBe(status);
      expect(r.json<{ code: string }>().code, url).toMatch(/^[A-Z_]+$/);
    }
  });

  it('every other role is refused every account route', async () => {
    const grantId = crypto.randomUUID();
    const routes: [string, string, unknown][] = [
      ['GET', '/api/v1/accounts', undefined],
      ['GET', `/api/v1/accounts/${clerkId}`, undefined],
      ['POST', `/api/v1/accounts/${clerkId}/disable`, undefined],
      ['POST', `/api/v1/accounts/${clerkId}/enable`, undefined],
      ['POST', `/api/v1/accounts/${clerkId}/password-reset`, {}],
      ['POST', `/api/v1/accounts/${clerkId}/grants`, { role: 'clerk', regionCode: YIZHUANG }],
      ['POST', `/api/v1/accounts/${clerkId}/grants/${grantId}/revoke`, undefined],
    ];
    for (const username of ['supervisor', 'town', 'clerk', 'vstaff', 'leader', 'resident']) {
      const c = await t.login(username);
      for (const [method, url, body] of routes) {
        const r = await c.call(method as 'GET', url, body);
        expect(r.statusCode, `${username} ${method} ${url}`).toBe(403);
      }
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/accounts' });
    expect(anonymous.statusCode).toBe(401);
  });
});
