/**
 * Issue #14 point 3 (GS-10) 不打烊: a resident files their own case online — an item that offers
 * online, any station inside its 通办 scope; the same one-time notice, a case number and 查询码;
 * photos from the phone; the station's staff find it with channel=online. A station links a
 * resident's phone login at the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { LI } from './cases.fixtures.ts';
import {
  sendDueMessages,
  type SmsProvider,
} from '../../src/modules/notifications/outbox.sender.ts';

const CHENG = '110115194611230037'; // 程建国, home 伊庄村, no login of his own yet
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
  'hex',
);

interface Filed {
  id: string;
  number: string;
  trackingCode: string;
  state: string;
  station: { id: string; name: string };
  notice: { complete: boolean; missing: { key: string; blocking: boolean }[] };
  dueDate: string | null;
}

describe('GS-10 online filing by residents (不打烊)', () => {
  let t: TestApp;
  let clerk: Client;
  let resident: Client;
  let yizhuang = ''; // the clerk's station, in the resident's town (通办)
  let outside = ''; // a town centre of another town
  const idem = (key: string) => ({ 'idempotency-key': key });
  const fileOnline = (c: Client, body: Record<string, unknown>, key?: string) =>
    c.call(
      'POST',
      '/api/v1/cases/online',
      { itemCode: 'DX-SB-001', stationId: yizhuang, presented: ['id_card'], ...body },
      key ? idem(key) : {},
    );
  const count = async (table: 'cases' | 'audit_events' | 'attachments' | 'accounts') =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const upload = (c: Client, caseId: string, body: Buffer, key = 'id_card') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/online/${caseId}/photos?materialKey=${key}`,
      headers: { 'content-type': 'image/png', cookie: c.cookie },
      payload: body,
    });

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    resident = await t.login('resident');
    const db = t.testDb.db.kysely;
    yizhuang = (
      await db
        .selectFrom('stations')
        .select('id')
        .where('name', '=', '伊庄村政务服务站')
        .executeTakeFirstOrThrow()
    ).id;
    outside = (
      await db
        .selectFrom('stations')
        .select('id')
        .where('kind', '=', 'town_centre')
        .where('region_code', 'not like', '110115110%')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.close());

  it('lists the items a resident may file online, searchable by pinyin', async () => {
    const r = await resident.call('GET', '/api/v1/catalog/items?channel=online&q=sbk&limit=50');
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json<{ total: number; items: { code: string; channels: string[] }[] }>();
    expect(list.items.map((i) => i.code)).toContain('DX-SB-001');
    expect(list.items.every((i) => i.channels.includes('online'))).toBe(true);
    const all = (
      await resident.call('GET', '/api/v1/catalog/items?channel=online&limit=200')
    ).json<{
      total: number;
      items: { code: string }[];
    }>();
    expect(all.items.map((i) => i.code)).not.toContain('DX-CL-001');
    expect(all.total).toBe(all.items.length);
  });

  it('lists the stations of the item’s scope, the home village’s first', async () => {
    const r = await resident.call('GET', '/api/v1/cases/online/stations?itemCode=DX-SB-001');
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json<{
      offered: boolean;
      stations: { id: string; name: string; home: boolean }[];
    }>();
    expect(s.offered).toBe(true);
    expect(s.stations[0]).toMatchObject({ name: '三顺庄村政务服务站', home: true });
    expect(s.stations.map((x) => x.id)).toContain(yizhuang);
    expect(s.stations.map((x) => x.id)).not.toContain(outside);
    const none = await resident.call('GET', '/api/v1/cases/online/stations?itemCode=DX-CL-001');
    expect(none.json()).toMatchObject({ offered: false, stations: [] });
  });

  it('a resident files online: the one-time notice, a number and 查询码; channel online at the chosen station', async () => {
    const before = await count('audit_events');
    const r = await fileOnline(resident, {}, 'online-file-1');
    expect(r.statusCode, r.body).toBe(201);
    const filed = r.json<Filed>();
    expect(filed.number).toMatch(/^\d{9}-\d{8}-\d{7}$/);
    expect(filed.trackingCode).toMatch(/^\d{8}$/);
    expect(filed).toMatchObject({ state: 'awaiting_supplement', dueDate: null });
    expect(filed.station.id).toBe(yizhuang);
    expect(filed.notice.complete).toBe(false);
    expect(filed.notice.missing.filter((m) => m.blocking).map((m) => m.key)).toEqual([
      'photo_1inch',
    ]);
    expect(await count('audit_events')).toBe(before + 1);
    // The station's clerk sees it, as an online case (filter channel=online).
    const list = await clerk.call('GET', '/api/v1/cases?channel=online&limit=50');
    expect(list.statusCode, list.body).toBe(200);
    const rows = list.json<{ id: string; channel: string; acceptingStation: { id: string } }[]>();
    expect(rows.map((c) => c.id)).toContain(filed.id);
    expect(rows.every((c) => c.channel === 'online')).toBe(true);
    const windowOnly = (await clerk.call('GET', '/api/v1/cases?channel=window&limit=50')).json<
      { id: string }[]
    >();
    expect(windowOnly.map((c) => c.id)).not.toContain(filed.id);
    // The resident's own list has it; public tracking opens with the number and code.
    const mine = (await resident.call('GET', '/api/v1/cases/mine')).json<{
      cases: { number: string }[];
    }>();
    expect(mine.cases.map((c) => c.number)).toContain(filed.number);
    const track = await t.app.inject({
      method: 'GET',
      url: `/api/v1/track?number=${filed.number}&code=${filed.trackingCode}`,
    });
    expect(track.statusCode, track.body).toBe(200);
  });

  it('all materials presented: accepted at once with a due date', async () => {
    const r = await fileOnline(resident, { presented: ['id_card', 'photo_1inch'] });
    expect(r.statusCode, r.body).toBe(201);
    const filed = r.json<Filed>();
    expect(filed.state).toBe('accepted');
    expect(filed.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('the same Idempotency-Key files once', async () => {
    const before = await count('cases');
    const a = await fileOnline(resident, { presented: ['id_card'] }, 'online-file-2');
    const b = await fileOnline(resident, { presented: ['id_card'] }, 'online-file-2');
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json()).toEqual(a.json());
    expect(await count('cases')).toBe(before + 1);
  });

  it('an item without the online channel is refused, and nothing is written', async () => {
    const before = await count('cases');
    const r = await fileOnline(resident, { itemCode: 'DX-CL-001', presented: [] });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'CHANNEL_NOT_OFFERED' });
    expect(await count('cases')).toBe(before);
  });

  it('a station outside the item’s scope is refused with where it can be filed', async () => {
    const before = await count('cases');
    const r = await fileOnline(resident, { stationId: outside });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'CASE_OUTSIDE_SCOPE' });
    expect(await count('cases')).toBe(before);
  });

  it('bad input: 4xx problems, nothing written', async () => {
    const before = await count('cases');
    const bad: [Record<string, unknown>, number, string][] = [
      [{ presented: ['no_such_material'] }, 400, 'UNKNOWN_MATERIAL'],
      [{ presented: ['id_card', 'id_card'] }, 400, 'UNKNOWN_MATERIAL'],
      [{ itemCode: 'NO-SUCH-1' }, 404, 'CATALOG_ITEM_NOT_FOUND'],
      [{ stationId: '00000000-0000-4000-8000-000000000000' }, 400, 'UNKNOWN_STATION'],
      [{ stationId: 'not-a-uuid' }, 400, 'VALIDATION_FAILED'],
      [{ residentId: '00000000-0000-4000-8000-000000000000' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of bad) {
      const r = await fileOnline(resident, body);
      expect(r.statusCode, JSON.stringify(body) + r.body).toBe(status);
      expect(r.json<{ code: string }>().code, JSON.stringify(body)).toBe(code);
    }
    expect(await count('cases')).toBe(before);
  });

  it('staff, volunteers and unlinked accounts cannot file online', async () => {
    expect((await fileOnline(clerk, {})).statusCode).toBe(403);
    expect((await fileOnline(await t.login('volunteer'), {})).statusCode).toBe(403);
  });

  it('photos: the resident uploads to their own online case; another resident cannot', async () => {
    const filed = (await fileOnline(resident, {})).json<Filed>();
    const up = await upload(resident, filed.id, PNG);
    expect(up.statusCode, up.body).toBe(201);
    const again = await upload(resident, filed.id, PNG);
    expect(again.statusCode).toBe(200);
    expect((await upload(resident, filed.id, Buffer.from('not a png'))).json()).toMatchObject({
      code: 'ATTACHMENT_TYPE_MISMATCH',
    });
    expect((await upload(resident, filed.id, PNG, 'nope')).json()).toMatchObject({
      code: 'UNKNOWN_MATERIAL',
    });
    // The station's clerk sees the photo on the case.
    const scans = (await clerk.call('GET', `/api/v1/cases/${filed.id}/attachments`)).json<
      { materialKey: string }[]
    >();
    expect(scans.map((s) => s.materialKey)).toEqual(['id_card']);
    // Another resident (程建国, given a login by the station) sees nothing of it.
    const chengId = (
      await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: CHENG })
    ).json<{ id: string }>().id;
    const link = await clerk.call(
      'POST',
      `/api/v1/residents/${chengId}/login`,
      { phone: '13900001234' },
      idem('link-cheng'),
    );
    expect(link.statusCode, link.body).toBe(201);
    const cheng = await smsLogin('13900001234');
    const before = await count('attachments');
    expect((await upload(cheng, filed.id, PNG)).json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect(await count('attachments')).toBe(before);
    const theirs = (await cheng.call('GET', '/api/v1/cases/mine')).json<{
      linked: boolean;
      cases: { number: string }[];
    }>();
    expect(theirs).toMatchObject({ linked: true });
    expect(theirs.cases.map((c) => c.number)).not.toContain(filed.number);
    // A window case of the resident cannot take photos through this path.
    const windowCase = await clerk.call('POST', '/api/v1/cases', {
      residentId: (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
        id: string;
      }>().id,
      itemCode: 'DX-SB-001',
      presented: ['id_card'],
    });
    const wc = windowCase.json<{ id: string }>();
    expect((await upload(resident, wc.id, PNG)).json()).toMatchObject({ code: 'CASE_NOT_PARTY' });
  });

  it('the station links a phone login once; a taken phone or a bad one is refused', async () => {
    const liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    const before = await count('accounts');
    const exists = await clerk.call('POST', `/api/v1/residents/${liId}/login`, {
      phone: '13700001111',
    });
    expect(exists.json()).toMatchObject({ code: 'RESIDENT_LOGIN_EXISTS' });
    const someone = (await clerk.call('GET', '/api/v1/residents?limit=20')).json<
      { id: string; fullName: string }[]
    >();
    const other = someone.find((p) => p.fullName !== '李长福' && p.fullName !== '程建国')!;
    const taken = await clerk.call('POST', `/api/v1/residents/${other.id}/login`, {
      phone: '13900001234',
    });
    expect(taken.json()).toMatchObject({ code: 'RESIDENT_LOGIN_PHONE_TAKEN' });
    const badPhone = await clerk.call('POST', `/api/v1/residents/${other.id}/login`, {
      phone: '010-12345678',
    });
    expect(badPhone.json()).toMatchObject({ code: 'RESIDENT_LOGIN_PHONE_INVALID' });
    expect(await count('accounts')).toBe(before);
    const byResident = await resident.call('POST', `/api/v1/residents/${other.id}/login`, {
      phone: '13700002222',
    });
    expect(byResident.statusCode).toBe(403);
  });

  it('roles: photos only for residents, a login only for station staff; anonymous callers are 401', async () => {
    const kase = (await fileOnline(resident, {})).json<Filed>();
    const liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    for (const username of ['clerk', 'agent', 'volunteer', 'guardian', 'admin']) {
      const c = await t.login(username);
      const r = await upload(c, kase.id, PNG);
      expect(r.statusCode, username).toBe(403);
      expect(r.json(), username).toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const username of ['agent', 'volunteer', 'guardian', 'supervisor', 'resident']) {
      const c = await t.login(username);
      const r = await c.call('POST', `/api/v1/residents/${liId}/login`, { phone: '13700003333' });
      expect(r.statusCode, username).toBe(403);
      expect(r.json(), username).toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const username of ['clerk', 'town', 'admin']) {
      const c = await t.login(username);
      const r = await c.call('POST', `/api/v1/residents/${liId}/login`, { phone: '13700003333' });
      expect(r.json(), username).toMatchObject({ code: 'RESIDENT_LOGIN_EXISTS' });
    }
    const anonymous = [
      t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/online/${kase.id}/photos?materialKey=id_card`,
        headers: { 'content-type': 'image/png' },
        payload: PNG,
      }),
      t.app.inject({
        method: 'POST',
        url: `/api/v1/residents/${liId}/login`,
        payload: { phone: '13700003333' },
      }),
    ];
    for (const r of await Promise.all(anonymous)) expect(r.statusCode).toBe(401);
  });

  /** The real SMS login: ask for a code, read it from the outbox's send, log in with it. */
  async function smsLogin(phone: string): Promise<Client> {
    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-code',
      payload: { phone },
    });
    expect(ask.statusCode, ask.body).toBe(202);
    const sent: string[] = [];
    const provider: SmsProvider = {
      name: 'test',
      async send(_to, kind, params) {
        if (kind === 'login_code') sent.push(String(params.code));
        return { providerId: `p-${sent.length}` };
      },
    };
    await sendDueMessages(t.testDb.db.kysely, {
      pii: t.pii,
      provider,
      nodeId: 't',
      now: t.clock.now,
    });
    expect(sent).toHaveLength(1);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sms-login',
      payload: { phone, code: sent[0] },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = `ds_session=${login.cookies.find((c) => c.name === 'ds_session')!.value}`;
    return {
      username: phone,
      cookie,
      call: (method, url, body, headers = {}) =>
        t.app.inject({
          method,
          url,
          headers: {
            cookie,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        }),
    };
  }
});
