/**
 * Issue #15 point 4: accounts linked to resident and volunteer records. A resident record: staff
 * link an existing account (and unlink it). A volunteer registered by staff gets an account both ways — centre staff link
 * (and unlink) an account, or the person claims the record by their verified phone — and then
 * `/volunteers/me` shows the record and their hours record opens. Audited; bad input a 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAccountPhone } from '../../src/modules/auth/account-phone.ts';
import { PILOT_TOWN, YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'a-long-password-for-tests-1';

describe('issue #15: volunteer records and accounts, linked both ways', () => {
  let t: TestApp;
  let admin: Client;
  let vstaff: Client;
  let seq = 400;

  const register = async (phone?: string) => {
    seq += 1;
    const r = await vstaff.call('POST', '/api/v1/volunteers', {
      idNumber: buildIdNumber('110115', '19800101', String(seq)),
      fullName: `链接志愿者${seq}`,
      ...(phone ? { phone } : {}),
      homeRegionCode: YIZHUANG,
      skills: ['理发'],
      serviceRegionCodes: [PILOT_TOWN],
      availability: { weekdays: [6, 7], parts: ['am'] },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };
  const account = async (username: string, phone?: string) => {
    const r = await admin.call('POST', '/api/v1/accounts', {
      username,
      displayName: username,
      password: PASSWORD,
      grants: [{ role: 'resident', regionCode: YIZHUANG }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<{ id: string }>().id;
    if (phone) await setAccountPhone(t.testDb.db.kysely, t.pii, { accountId: id, phone });
    return { id, client: await t.login(username, PASSWORD) };
  };
  const code = (r: { json: <T>() => T }) => r.json<{ code: string }>().code;
  const actions = (entityId: string) =>
    t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'after_json'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    vstaff = await t.login('vstaff');
  });
  afterAll(async () => t.close());

  it('the person claims the record registered with their phone, and then sees it', async () => {
    const volunteerId = await register('13912340001');
    const { client } = await account('claim-one', '+86 139-1234-0001');
    expect((await client.call('GET', '/api/v1/volunteers/me')).json()).toMatchObject({
      volunteer: null,
    });
    // Self-registering is refused as before: the ID number is taken — claiming is the way.
    const claim = await client.call('POST', '/api/v1/volunteers/me/claim');
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json<{ volunteer: { id: string } }>().volunteer.id).toBe(volunteerId);
    const me = await client.call('GET', '/api/v1/auth/me');
    expect(me.json<{ grants: { role: string }[] }>().grants.map((g) => g.role)).toContain(
      'volunteer',
    );
    expect((await client.call('GET', '/api/v1/vs/me/record')).statusCode).toBe(200);
    const again = await client.call('POST', '/api/v1/volunteers/me/claim');
    expect([again.statusCode, code(again)]).toEqual([409, 'VOLUNTEER_ALREADY_REGISTERED']);
    const events = await actions(volunteerId);
    expect(events.map((e) => e.action)).toEqual([
      'volunteer.registered',
      'volunteer.account_linked',
    ]);
    expect(JSON.parse(events[1]!.after_json!)).toMatchObject({ by: 'phone' });
  });

  it('no verified phone, or no record with it: refused with a code', async () => {
    const bare = await account('claim-bare');
    const noPhone = await bare.client.call('POST', '/api/v1/volunteers/me/claim');
    expect([noPhone.statusCode, code(noPhone)]).toEqual([409, 'VOLUNTEER_CLAIM_NO_PHONE']);
    const other = await account('claim-other', '13912349999');
    const none = await other.client.call('POST', '/api/v1/volunteers/me/claim');
    expect([none.statusCode, code(none)]).toEqual([404, 'VOLUNTEER_CLAIM_NONE']);
  });

  it('staff link an account to a record without a phone, then unlink it; audited', async () => {
    const volunteerId = await register();
    const { id, client } = await account('linked-by-staff');
    const link = await vstaff.call('POST', `/api/v1/volunteers/${volunteerId}/account`, {
      accountId: id,
    });
    expect(link.statusCode, link.body).toBe(200);
    const mine = await client.call('GET', '/api/v1/volunteers/me');
    expect(mine.json<{ volunteer: { id: string } }>().volunteer.id).toBe(volunteerId);
    expect((await client.call('GET', '/api/v1/vs/me/record')).statusCode).toBe(200);
    const twice = await vstaff.call('POST', `/api/v1/volunteers/${volunteerId}/account`, {
      accountId: id,
    });
    expect([twice.statusCode, code(twice)]).toEqual([409, 'VOLUNTEER_ACCOUNT_LINKED']);
    const second = await register();
    const taken = await vstaff.call('POST', `/api/v1/volunteers/${second}/account`, {
      accountId: id,
    });
    expect([taken.statusCode, code(taken)]).toEqual([409, 'VOLUNTEER_ALREADY_REGISTERED']);
    const unlink = await vstaff.call('POST', `/api/v1/volunteers/${volunteerId}/account/unlink`);
    expect(unlink.statusCode, unlink.body).toBe(200);
    expect((await client.call('GET', '/api/v1/volunteers/me')).json()).toMatchObject({
      volunteer: null,
    });
    const again = await vstaff.call('POST', `/api/v1/volunteers/${volunteerId}/account/unlink`);
    expect([again.statusCode, code(again)]).toEqual([409, 'VOLUNTEER_ACCOUNT_NOT_LINKED']);
    expect((await actions(volunteerId)).map((e) => e.action)).toEqual([
      'volunteer.registered',
      'volunteer.account_linked',
      'volunteer.account_unlinked',
    ]);
  });

  it('only centre staff in scope link; bad input is a 4xx', async () => {
    const volunteerId = await register();
    const clerk = await t.login('clerk');
    const { id } = await account('link-refused');
    const byClerk = await clerk.call('POST', `/api/v1/volunteers/${volunteerId}/account`, {
      accountId: id,
    });
    expect(byClerk.statusCode).toBe(403);
    const cases: [string, unknown, number, string][] = [
      [`/api/v1/volunteers/${volunteerId}/account`, {}, 400, 'VALIDATION_FAILED'],
      [
        `/api/v1/volunteers/${volunteerId}/account`,
        { accountId: crypto.randomUUID() },
        404,
        'VOLUNTEER_LINK_ACCOUNT_NOT_FOUND',
      ],
      [
        `/api/v1/volunteers/${crypto.randomUUID()}/account`,
        { accountId: id },
        404,
        'VOLUNTEER_NOT_FOUND',
      ],
      ['/api/v1/volunteers/not-a-uuid/account', { accountId: id }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [url, body, status, problem] of cases) {
      const r = await vstaff.call('POST', url, body);
      expect([r.statusCode, code(r)], url).toEqual([status, problem]);
    }
  });

  it('staff link an existing account to a resident record, then unlink it; audited', async () => {
    const clerk = await t.login('clerk');
    const created = await clerk.call('POST', '/api/v1/residents', {
      idNumber: buildIdNumber('110115', '19600505', '031'),
      fullName: '张链接',
      homeRegionCode: YIZHUANG,
      address: '伊庄村1号',
    });
    expect(created.statusCode, created.body).toBe(201);
    const residentId = created.json<{ id: string }>().id;
    const person = await account('resident-linked');
    const link = await clerk.call('POST', `/api/v1/residents/${residentId}/account`, {
      accountId: person.id,
    });
    expect(link.statusCode, link.body).toBe(200);
    const me = await person.client.call('GET', '/api/v1/auth/me');
    expect(me.json<{ residentId: string }>().residentId).toBe(residentId);
    const twice = await clerk.call('POST', `/api/v1/residents/${residentId}/account`, {
      accountId: (await account('resident-second')).id,
    });
    expect([twice.statusCode, code(twice)]).toEqual([409, 'RESIDENT_LOGIN_EXISTS']);
    const other = await clerk.call('POST', '/api/v1/residents', {
      idNumber: buildIdNumber('110115', '19600505', '053'),
      fullName: '李链接',
      homeRegionCode: YIZHUANG,
      address: '伊庄村2号',
    });
    const taken = await clerk.call(
      'POST',
      `/api/v1/residents/${other.json<{ id: string }>().id}/account`,
      { accountId: person.id },
    );
    expect([taken.statusCode, code(taken)]).toEqual([409, 'RESIDENT_LINK_ACCOUNT_TAKEN']);
    const unlink = await clerk.call('POST', `/api/v1/residents/${residentId}/account/unlink`);
    expect(unlink.statusCode, unlink.body).toBe(200);
    const after = await person.client.call('GET', '/api/v1/auth/me');
    expect(after.json<{ residentId: string | null }>().residentId).toBeNull();
    const again = await clerk.call('POST', `/api/v1/residents/${residentId}/account/unlink`);
    expect([again.statusCode, code(again)]).toEqual([409, 'RESIDENT_ACCOUNT_NOT_LINKED']);
    const events = (await actions(residentId)).map((e) => e.action);
    expect(events.filter((a) => a.startsWith('resident.account_'))).toEqual([
      'resident.account_linked',
      'resident.account_unlinked',
    ]);
    const vstaffTry = await vstaff.call('POST', `/api/v1/residents/${residentId}/account`, {
      accountId: person.id,
    });
    expect(vstaffTry.statusCode).toBe(403);
    const unknown = await clerk.call('POST', `/api/v1/residents/${residentId}/account`, {
      accountId: crypto.randomUUID(),
    });
    expect([unknown.statusCode, code(unknown)]).toEqual([404, 'RESIDENT_LINK_ACCOUNT_NOT_FOUND']);
  });
});
