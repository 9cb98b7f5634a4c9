/**
 * X-3 over HTTP: a case's free text refuses personal numbers and nothing of them reaches the action
 * log, the case view or the audit log; a postal delivery address and recipient phone are stored only
 * encrypted and shown masked; client request ids are taken only when well-formed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const LI = '110115194803120019'; // 李长福, home 三顺庄村
const ADDRESS = '北京市大兴区魏善庄镇伊庄村杏花巷17号 李小红 收';
interface CaseJson {
  id: string;
  version: number;
  state: string;
  delivery?: {
    method: string;
    postalAddress: string | null;
    recipientPhoneMasked: string | null;
  } | null;
}

describe('personal data in cases (X-3)', () => {
  let t: TestApp;
  let clerk: Client; // 伊庄村
  let town: Client; // 魏善庄镇政务服务中心
  let liId = '';
  const act = (c: Client, kase: CaseJson, body: Record<string, unknown>) =>
    c.call('POST', `/api/v1/cases/${kase.id}/transitions`, {
      expectedVersion: kase.version,
      ...body,
    });
  const everything = async () => {
    const db = t.testDb.db.kysely;
    const rows = [
      await db.selectFrom('case_actions').selectAll().execute(),
      await db.selectFrom('audit_events').selectAll().execute(),
      await db.selectFrom('cases').selectAll().execute(),
      await db.selectFrom('case_deliveries').selectAll().execute(),
    ];
    return JSON.stringify(rows) + t.logs.join('\n');
  };

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
  });
  afterAll(async () => t.close());

  it('refuses mobiles and ID numbers in transition reasons and decisions; nothing is written', async () => {
    let kase = (
      await clerk.call('POST', '/api/v1/cases', {
        residentId: liId,
        itemCode: 'DX-SB-001',
        presented: ['id_card', 'photo_1inch'],
      })
    ).json<CaseJson>();
    for (const reason of [
      '申请人撤回，回电 138 0013 8000',
      '回电+86 138-0013-8000',
      '回电１３８００１３８０００',
      '身份证 11010519491231002X 有误',
    ]) {
      const res = await act(clerk, kase, { action: 'withdraw', reason });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'FREE_TEXT_PERSONAL_NUMBER',
        errors: [{ path: 'body.reason', code: 'FREE_TEXT_PERSONAL_NUMBER' }],
      });
    }
    kase = (await act(clerk, kase, { action: 'route' })).json<CaseJson>();
    const decide = await act(town, kase, {
      action: 'decide',
      result: 'approved',
      resultText: '同意，请致电13800138000领取',
    });
    expect(decide.json()).toMatchObject({ code: 'FREE_TEXT_PERSONAL_NUMBER' });
    const en = await town.call(
      'POST',
      `/api/v1/cases/${kase.id}/transitions`,
      { expectedVersion: kase.version, action: 'suspend', reason: 'call 13800138000' },
      { 'accept-language': 'en' },
    );
    expect(en.json<{ errors: { message: string }[] }>().errors[0]!.message).toContain(
      'mobile number',
    );
    const all = await everything();
    expect(all).not.toMatch(/0013.?8000|13800138000|19491231002X|１３８/);
  });

  it('a postal address and recipient phone are stored encrypted and shown masked', async () => {
    let kase = (
      await clerk.call('POST', '/api/v1/cases', {
        residentId: liId,
        itemCode: 'DX-SB-001',
        presented: ['id_card', 'photo_1inch'],
      })
    ).json<CaseJson>();
    kase = (await act(clerk, kase, { action: 'route' })).json<CaseJson>();
    kase = (
      await act(town, kase, { action: 'decide', result: 'approved', resultText: '同意补办' })
    ).json<CaseJson>();
    const phoneInAddress = await act(town, kase, {
      action: 'deliver',
      deliveryMethod: 'post',
      postalAddress: `${ADDRESS} 13800138000`,
    });
    expect(phoneInAddress.json()).toMatchObject({ code: 'FREE_TEXT_PERSONAL_NUMBER' });
    const delivered = await act(town, kase, {
      action: 'deliver',
      deliveryMethod: 'post',
      postalAddress: ADDRESS,
      recipientPhone: '13800138000',
    });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json<CaseJson>().delivery).toMatchObject({
      method: 'post',
      postalAddress: ADDRESS,
      recipientPhoneMasked: '138****8000',
    });
    const view = (await clerk.call('GET', `/api/v1/cases/${kase.id}`)).json<CaseJson>();
    expect(view.delivery).toMatchObject({
      postalAddress: ADDRESS,
      recipientPhoneMasked: '138****8000',
    });
    // Agents of other villages, the public tracking page: no address (they may not see the case).
    const other = await t.login('clerk-qyd');
    expect((await other.call('GET', `/api/v1/cases/${kase.id}`)).statusCode).toBe(403);
    const all = await everything();
    expect(all).not.toContain('杏花巷17号');
    expect(all).not.toContain('13800138000');
    expect(all).toContain('138****8000'); // the log keeps the masked phone
    const stored = await t.testDb.db.kysely
      .selectFrom('case_deliveries')
      .selectAll()
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(t.pii.decrypt(stored.address_cipher!)).toBe(ADDRESS);
    expect(t.pii.decrypt(stored.phone_cipher!)).toBe('13800138000');
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/events?entityId=${kase.id}`,
      headers: { cookie: (await t.login('admin')).cookie },
    });
    expect(audit.body).not.toContain('杏花巷17号');
    expect(audit.body).not.toContain('13800138000');
  });

  it('a client request id is used only when it matches ^[A-Za-z0-9._-]{8,64}$', async () => {
    const ok = await clerk.call('GET', '/api/v1/auth/me', undefined, {
      'x-request-id': 'kiosk-7.req_0001',
    });
    expect(ok.headers['x-request-id']).toBe('kiosk-7.req_0001');
    for (const bad of ['short', 'evil\tline', `x${'y'.repeat(70)}`, '110115194803120019']) {
      const res = await clerk.call('GET', '/api/v1/auth/me', undefined, { 'x-request-id': bad });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(t.logs.join('\n')).not.toContain('110115194803120019');
  });

  it('logs mask numbers in URL-encoded query strings, mobiles included', async () => {
    await clerk.call('GET', `/api/v1/residents?q=${encodeURIComponent('程 110115194803120019')}`);
    await clerk.call('GET', `/api/v1/residents?q=${encodeURIComponent('138 0013 8000')}`);
    const logs = t.logs.join('\n');
    expect(logs).not.toContain('194803120');
    expect(logs).not.toMatch(/0013(%20| )?8000/);
    expect(logs).toContain('138****8000');
  });
});
