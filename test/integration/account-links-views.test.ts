/**
 * Issue #15 point 4: what the web's link buttons read. An account (administrators' /accounts)
 * shows its linked resident and volunteer records and `linkActions`; a resident record and a
 * volunteer record show their linked account (or none) and `availableActions`; linkers find the
 * account to link by name, username or full mobile number, inside their scope. The actions follow
 * each change; the roles without the capability get none (or 403). Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAccountPhone } from '../../src/modules/auth/account-phone.ts';
import { YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'a-long-password-for-tests-1';

interface AccountLinksView {
  resident: { id: string; fullName: string } | null;
  volunteer: { id: string; fullName: string; volunteerNumber: string } | null;
  linkActions: string[];
}
interface RecordAccount {
  account: { id: string; username: string; phoneMasked: string | null } | null;
  availableActions: string[];
}

describe('issue #15 p4: the linked records and accounts the web shows, with their actions', () => {
  let t: TestApp;
  let admin: Client;
  let vstaff: Client;
  let clerk: Client;
  let supervisor: Client;
  let accountId = '';
  let volunteerId = '';
  let residentId = '';
  const code = (r: { json: <T>() => T }) => r.json<{ code: string }>().code;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    vstaff = await t.login('vstaff');
    clerk = await t.login('clerk');
    supervisor = await t.login('supervisor');
    const acc = await admin.call('POST', '/api/v1/accounts', {
      username: 'links-view',
      displayName: '关联测试人',
      password: PASSWORD,
      grants: [{ role: 'resident', regionCode: YIZHUANG }],
    });
    expect(acc.statusCode, acc.body).toBe(201);
    accountId = acc.json<{ id: string }>().id;
    await setAccountPhone(t.testDb.db.kysely, t.pii, { accountId, phone: '13912345601' });
    const v = await vstaff.call('POST', '/api/v1/volunteers', {
      idNumber: buildIdNumber('110115', '19790101', '611'),
      fullName: '关联志愿者甲',
      homeRegionCode: YIZHUANG,
      skills: ['理发'],
      serviceRegionCodes: [YIZHUANG],
      availability: { weekdays: [6], parts: ['am'] },
    });
    expect(v.statusCode, v.body).toBe(201);
    volunteerId = v.json<{ id: string }>().id;
    const r = await clerk.call('POST', '/api/v1/residents', {
      idNumber: buildIdNumber('110115', '19610606', '613'),
      fullName: '关联居民乙',
      homeRegionCode: YIZHUANG,
      address: '伊庄村9号',
    });
    expect(r.statusCode, r.body).toBe(201);
    residentId = r.json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  const accountView = async () => {
    const r = await admin.call('GET', `/api/v1/accounts/${accountId}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<AccountLinksView>();
  };

  it('an account without links: none shown, both links offered to an administrator', async () => {
    expect(await accountView()).toMatchObject({
      resident: null,
      volunteer: null,
      linkActions: ['link_resident', 'link_volunteer'],
    });
    const list = await admin.call('GET', '/api/v1/accounts?q=links-view');
    expect(list.json<AccountLinksView[]>()[0]).toMatchObject({
      linkActions: ['link_resident', 'link_volunteer'],
    });
  });

  it('linkers find the account by name, username or full mobile, inside their scope', async () => {
    const find = async (c: Client, kind: string, q: string) => {
      const r = await c.call(
        'GET',
        `/api/v1/accounts/link-candidates?for=${kind}&q=${encodeURIComponent(q)}`,
      );
      expect(r.statusCode, r.body).toBe(200);
      return r.json<{ id: string; phoneMasked: string | null; linked: boolean }[]>();
    };
    for (const q of ['关联测试', 'links-VIEW', '139 1234 5601'])
      expect((await find(vstaff, 'volunteer', q)).map((a) => a.id)).toContain(accountId);
    expect((await find(clerk, 'resident', '关联测试人'))[0]).toMatchObject({
      id: accountId,
      phoneMasked: '139****5601',
      linked: false,
    });
    // Part of a phone number is no search key for phones.
    expect((await find(vstaff, 'volunteer', '5601')).map((a) => a.id)).not.toContain(accountId);
    // Another town's clerk does not reach the account.
    const qyd = await t.login('clerk-qyd');
    expect((await find(qyd, 'resident', '关联测试人')).map((a) => a.id)).not.toContain(accountId);
    // Without the kind's capability: refused.
    const byClerk = await clerk.call('GET', '/api/v1/accounts/link-candidates?for=volunteer&q=x');
    expect([byClerk.statusCode, code(byClerk)]).toEqual([403, 'FORBIDDEN']);
    const bySupervisor = await supervisor.call(
      'GET',
      '/api/v1/accounts/link-candidates?for=resident&q=x',
    );
    expect(bySupervisor.statusCode).toBe(403);
    for (const url of [
      '/api/v1/accounts/link-candidates?for=resident',
      '/api/v1/accounts/link-candidates?for=king&q=x',
      '/api/v1/accounts/link-candidates?for=resident&q=x&limit=0',
    ]) {
      const r = await clerk.call('GET', url);
      expect([r.statusCode, code(r)], url).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('a volunteer record: none, then the linked account; the actions follow', async () => {
    const view = async () => {
      const r = await vstaff.call('GET', `/api/v1/volunteers/${volunteerId}/account`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json<RecordAccount>();
    };
    expect(await view()).toEqual({ volunteerId, account: null, availableActions: ['link'] });
    const link = await vstaff.call('POST', `/api/v1/volunteers/${volunteerId}/account`, {
      accountId,
    });
    expect(link.statusCode, link.body).toBe(200);
    expect(await view()).toMatchObject({
      account: { id: accountId, username: 'links-view', phoneMasked: '139****5601' },
      availableActions: ['unlink'],
    });
    expect(await accountView()).toMatchObject({
      volunteer: { id: volunteerId, fullName: '关联志愿者甲' },
      linkActions: ['link_resident', 'unlink_volunteer'],
    });
    const candidates = await vstaff.call(
      'GET',
      '/api/v1/accounts/link-candidates?for=volunteer&q=links-view',
    );
    expect(candidates.json<{ linked: boolean }[]>()[0]!.linked).toBe(true);
    const byClerk = await clerk.call('GET', `/api/v1/volunteers/${volunteerId}/account`);
    expect(byClerk.statusCode).toBe(403);
    const unknown = await vstaff.call('GET', `/api/v1/volunteers/${crypto.randomUUID()}/account`);
    expect([unknown.statusCode, code(unknown)]).toEqual([404, 'VOLUNTEER_NOT_FOUND']);
  });

  it('a resident record: none, then the linked account; readers see it without actions', async () => {
    const view = async (c: Client) => {
      const r = await c.call('GET', `/api/v1/residents/${residentId}/account`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json<RecordAccount>();
    };
    expect(await view(clerk)).toEqual({
      residentId,
      account: null,
      availableActions: ['create_login', 'link'],
    });
    expect((await view(supervisor)).availableActions).toEqual([]);
    const link = await clerk.call('POST', `/api/v1/residents/${residentId}/account`, {
      accountId,
    });
    expect(link.statusCode, link.body).toBe(200);
    expect(await view(clerk)).toMatchObject({
      account: { id: accountId },
      availableActions: ['unlink'],
    });
    expect(await view(supervisor)).toMatchObject({
      account: { id: accountId },
      availableActions: [],
    });
    expect(await accountView()).toMatchObject({
      resident: { id: residentId, fullName: '关联居民乙' },
      volunteer: { id: volunteerId },
      linkActions: ['unlink_resident', 'unlink_volunteer'],
    });
    const qyd = await t.login('clerk-qyd');
    const outside = await qyd.call('GET', `/api/v1/residents/${residentId}/account`);
    expect(outside.statusCode).toBe(403);
  });

  it('unlinking from the account page’s actions: the records’ own routes; audited', async () => {
    expect(
      (await vstaff.call('POST', `/api/v1/volunteers/${volunteerId}/account/unlink`)).statusCode,
    ).toBe(200);
    expect(
      (await clerk.call('POST', `/api/v1/residents/${residentId}/account/unlink`)).statusCode,
    ).toBe(200);
    expect(await accountView()).toMatchObject({
      resident: null,
      volunteer: null,
      linkActions: ['link_resident', 'link_volunteer'],
    });
    const actions = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', 'in', [residentId, volunteerId])
      .where('action', 'like', '%account_%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'volunteer.account_linked',
      'resident.account_linked',
      'volunteer.account_unlinked',
      'resident.account_unlinked',
    ]);
  });
});
