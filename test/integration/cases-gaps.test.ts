/**
 * The remaining pieces of 赶集式通办 over HTTP on a real database: CASE_OUTSIDE_SCOPE naming the
 * region in words (GS-3), the case view's first responder and home village names (GS-4), the case
 * list's filters, the supervisor's Excel export (GS-5, GS-8) and the scan of a signed
 * authorization form (GS-6) — with bad input refused and nothing written.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { STAFF_ROLES } from '../../src/modules/auth/roles.ts';
import { ACCOUNTS } from './access/route-case.ts';
import { OVERDUE_COLUMNS } from '../../src/modules/first-response/supervision-workbook.ts';

const LI = '110115194803120019'; // 李长福, home 三顺庄村
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

interface CaseJson {
  id: string;
  number: string;
  state: string;
  firstResponderId: string;
  firstResponder: { id: string; displayName: string };
  homeRegionCode: string;
  homeRegionName: string;
  acceptingStation: { id: string; name: string };
  applicant: { fullName: string };
}
interface AuthJson {
  id: string;
  status: string;
  consent: { method: string; attachmentId: string | null; scanUrl: string | null };
}

describe('GS-3 GS-4 GS-6 X-8 cases: remaining gaps', () => {
  let t: TestApp;
  let clerk: Client; // 伊庄村
  let agent: Client; // 三顺庄村
  let town: Client;
  let other: Client; // 青云店镇
  let supervisor: Client;
  let liId = '';
  let agentId = '';
  let first: CaseJson;
  let second: CaseJson;

  const count = async (table: 'cases' | 'audit_events' | 'authorization_scans') =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const list = async (c: Client, qs: string) => {
    const r = await c.call('GET', `/api/v1/cases?${qs}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<CaseJson[]>().map((x) => x.number);
  };
  const loginAll = async () => {
    clerk = await t.login('clerk');
    agent = await t.login('agent');
    town = await t.login('town');
    other = await t.login('clerk-qyd');
    supervisor = await t.login('supervisor');
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll();
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    agentId = (await agent.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const a = await clerk.call('POST', '/api/v1/cases', {
      residentId: liId,
      itemCode: 'DX-SB-001',
      presented: ['id_card', 'photo_1inch'],
    });
    expect(a.statusCode, a.body).toBe(201);
    first = a.json<CaseJson>();
    t.clock.advance(86400_000);
    await loginAll();
    const b = await town.call('POST', '/api/v1/cases', {
      residentId: liId,
      itemCode: 'DX-SB-001',
      presented: ['id_card'],
    });
    expect(b.statusCode, b.body).toBe(201);
    second = b.json<CaseJson>();
  });
  afterAll(async () => t.close());

  it('CASE_OUTSIDE_SCOPE names the town in words, per language, and keeps the code', async () => {
    const before = await count('cases');
    const body = { residentId: liId, itemCode: 'DX-SB-001', presented: [] };
    const zh = await other.call('POST', '/api/v1/cases', body);
    expect(zh.statusCode).toBe(403);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json()).toMatchObject({
      code: 'CASE_OUTSIDE_SCOPE',
      detail: '可在魏善庄镇的任一服务站办理',
      fileWithin: { regionCode: '110115110000', regionName: '魏善庄镇' },
    });
    const en = await other.call('POST', '/api/v1/cases', body, { 'accept-language': 'en' });
    const enBody = en.json<{ code: string; detail: string; fileWithin: unknown }>();
    expect(enBody.code).toBe('CASE_OUTSIDE_SCOPE');
    expect(enBody.detail).toContain('any station in 魏善庄镇');
    expect(enBody.fileWithin).toEqual({ regionCode: '110115110000', regionName: '魏善庄镇' });
    expect(await count('cases')).toBe(before);
  });

  it('the case view names the first responder and the home village', async () => {
    const me = (await clerk.call('GET', '/api/v1/auth/me')).json<{
      id: string;
      displayName: string;
    }>();
    const seen = (await town.call('GET', `/api/v1/cases/${first.id}`)).json<CaseJson>();
    expect(seen.firstResponderId).toBe(me.id);
    expect(seen.firstResponder).toEqual({ id: me.id, displayName: me.displayName });
    expect(seen.homeRegionName).toBe('三顺庄村');
    expect(seen.homeRegionCode).toBe(first.homeRegionCode);
    const listed = (await clerk.call('GET', '/api/v1/cases')).json<CaseJson[]>();
    expect(listed.find((c) => c.id === first.id)?.firstResponder.displayName).toBe(me.displayName);
  });

  it('filters the list by number, applicant name, station, state and overdue, inside reach', async () => {
    const both = [second.number, first.number];
    expect(await list(town, `number=${first.number}`)).toEqual([first.number]);
    expect(await list(town, `number=${first.number.slice(0, 8)}`)).toEqual([first.number]);
    expect(await list(town, `number=${second.number.slice(0, 8)}-`)).toEqual([second.number]);
    expect(await list(town, 'number=19990101')).toEqual([]);
    expect(await list(town, `applicantName=${encodeURIComponent('李长')}`)).toEqual(both);
    expect(
      await list(town, `applicantName=${encodeURIComponent('李长福')}&applicantMatch=exact`),
    ).toEqual(both);
    expect(
      await list(town, `applicantName=${encodeURIComponent('李长')}&applicantMatch=exact`),
    ).toEqual([]);
    expect(await list(town, `stationId=${first.acceptingStation.id}`)).toEqual([first.number]);
    expect(
      await list(town, `state=${second.state}&stationId=${second.acceptingStation.id}`),
    ).toEqual([second.number]);
    expect(await list(town, 'overdue=true')).toEqual([]);
    expect(await list(town, 'overdue=false')).toEqual(both);
    // A clerk of another town filters only their own list.
    expect(await list(other, `number=${first.number}`)).toEqual([]);
    expect(await list(other, `stationId=${first.acceptingStation.id}`)).toEqual([]);

    // Far past the first case's due date (9 March): it is overdue, unless it is paused.
    t.clock.advance(14 * 86400_000);
    await loginAll();
    const overdue = await list(town, 'overdue=true');
    expect(overdue).toContain(first.number);
    expect(await list(town, 'overdue=false')).not.toContain(first.number);

    for (const bad of [
      'number=abc',
      'number=2026030212',
      'number=20260302-123456',
      'applicantName=',
      `applicantName=${encodeURIComponent('李%')}`,
      'applicantName=a_b',
      'applicantMatch=fuzzy',
      'stationId=not-a-uuid',
      'overdue=yes',
      'state=lost',
      'colour=red',
    ]) {
      const r = await town.call('GET', `/api/v1/cases?${bad}`);
      expect(r.statusCode, bad).toBe(400);
      expect(r.json(), bad).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('says per field what is wrong, in Chinese or English by Accept-Language', async () => {
    const url = '/api/v1/cases?number=abc&applicantMatch=fuzzy&limit=0';
    const zh = (await town.call('GET', url)).json<{
      errors: { path: string; message: string; code: string }[];
    }>();
    expect(zh.errors).toEqual([
      { path: 'querystring.number', message: '格式不正确', code: 'invalid_format' },
      {
        path: 'querystring.applicantMatch',
        message: '只能是以下之一：exact、prefix',
        code: 'invalid_value',
      },
      { path: 'querystring.limit', message: '不能小于 1', code: 'too_small' },
    ]);
    const en = (await town.call('GET', url, undefined, { 'accept-language': 'en-GB,en' })).json<{
      title: string;
      errors: { path: string; message: string }[];
    }>();
    expect(en.title).toBe('The request is not valid');
    expect(en.errors.map((e) => e.path)).toEqual(zh.errors.map((e) => e.path));
    expect(en.errors[2]!.message).toMatch(/Too small/);
    const filed = await clerk.call('POST', '/api/v1/cases', { itemCode: 'DX-SB-001', extra: 1 });
    const bad = filed.json<{ code: string; errors: unknown[] }>();
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.errors).toContainEqual({
      path: 'body.residentId',
      message: '必填',
      code: 'invalid_type',
    });
    expect(bad.errors).toContainEqual({
      path: 'body',
      message: '不认识的字段：extra',
      code: 'unrecognized_keys',
    });
  });

  it('exports the supervisor’s lists as .xlsx that reads back', async () => {
    // A pending hand-off of the first case to the town centre, left past its deadline.
    const townId = (await town.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const h = await clerk.call('POST', '/api/v1/handoffs', {
      entityType: 'case',
      entityId: first.id,
      toAccountId: townId,
      reason: '需镇中心核实',
    });
    expect(h.statusCode, h.body).toBe(201);
    t.clock.advance(5 * 86400_000);
    await loginAll();

    const r = await supervisor.call('GET', '/api/v1/cases/supervision.xlsx');
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['content-disposition']).toMatch(
      /^attachment; filename="supervision-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['超期办件', '待接收转交', '各站数据']);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const overdue = rows('超期办件');
    // Headers in one language (issue #11: they mixed "办件编号 (number)").
    expect(overdue[0]).toEqual(OVERDUE_COLUMNS.map((c) => c.zh));
    const firstRow = overdue.find((row) => row[0] === first.number);
    expect(firstRow).toEqual([
      first.number,
      expect.stringContaining('社会保障卡'),
      '李长福',
      '三顺庄村',
      first.acceptingStation.name,
      '已受理',
      expect.any(String),
      '2026-03-09',
    ]);
    const handoffs = rows('待接收转交');
    expect(handoffs).toHaveLength(2);
    expect(handoffs[1]).toEqual([
      '办件',
      first.number,
      first.firstResponder.displayName,
      first.firstResponder.displayName,
      expect.any(String),
      '需镇中心核实',
      expect.any(String),
      expect.stringMatching(/^2026-03-\d{2}$/),
      '是',
    ]);
    const stations = rows('各站数据');
    const yz = stations.find((row) => row[0] === first.acceptingStation.name);
    expect(yz).toEqual([first.acceptingStation.name, expect.any(String), 1, 1, 1, 1, 0, 1, 0, 0]);

    // The same lists in English: sheet names, headers and words, no Chinese label left.
    const en = await supervisor.call('GET', '/api/v1/cases/supervision.xlsx?lang=en');
    expect(en.statusCode).toBe(200);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toEqual([
      'Overdue cases',
      'Pending hand-offs',
      'Stations',
    ]);
    const enRows = (name: string) => {
      const out: unknown[][] = [];
      wbEn.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    expect(enRows('Overdue cases')[0]).toEqual(OVERDUE_COLUMNS.map((c) => c.en));
    expect(enRows('Overdue cases').find((row) => row[0] === first.number)?.[5]).toBe('Accepted');
    expect(enRows('Pending hand-offs')[1]?.[0]).toBe('Case');
    expect(enRows('Pending hand-offs')[1]?.[8]).toBe('Yes');
    for (const sheet of ['Overdue cases', 'Pending hand-offs', 'Stations'])
      expect(enRows(sheet)[0]!.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(
      (await supervisor.call('GET', '/api/v1/cases/supervision.xlsx?lang=fr')).statusCode,
    ).toBe(400);

    // Another town's officer sees none of it; a clerk may not export.
    const qyd = await t.login('clerk-qyd');
    expect((await qyd.call('GET', '/api/v1/cases/supervision.xlsx')).statusCode).toBe(403);
    expect((await clerk.call('GET', '/api/v1/cases/supervision.xlsx')).json()).toMatchObject({
      code: 'FORBIDDEN',
    });
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/cases/supervision.xlsx' });
    expect(anon.statusCode).toBe(401);
  });

  describe('GS-6 the scan of a signed authorization form', () => {
    const upload = (c: Client | null, id: string, body: Buffer, type = 'application/pdf') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/authorizations/${id}/scan`,
        headers: { 'content-type': type, ...(c ? { cookie: c.cookie } : {}) },
        payload: body,
      });
    const record = async (consent: Record<string, unknown>) => {
      const r = await clerk.call('POST', '/api/v1/authorizations', {
        residentId: liId,
        agentAccountId: agentId,
        items: ['DX-SB-001'],
        expiresOn: '2026-12-31',
        consent,
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<AuthJson>();
    };

    it('stores the scan, links it as the consent attachment and serves the same bytes', async () => {
      await loginAll();
      const auth = await record({ method: 'signed_form' });
      expect(auth.consent).toMatchObject({ attachmentId: null, scanUrl: null });
      const before = {
        scans: await count('authorization_scans'),
        audit: await count('audit_events'),
      };
      const up = await upload(clerk, auth.id, TINY_PDF);
      expect(up.statusCode, up.body).toBe(201);
      const view = up.json<AuthJson>();
      expect(view.consent.method).toBe('signed_form');
      expect(view.consent.attachmentId).toMatch(/^[0-9a-f-]{36}$/);
      expect(view.consent.scanUrl).toBe(`/api/v1/authorizations/${auth.id}/scan`);
      // The same bytes again: 200, nothing new written.
      const again = await upload(clerk, auth.id, TINY_PDF);
      expect(again.statusCode).toBe(200);
      expect(await count('authorization_scans')).toBe(before.scans + 1);
      expect(await count('audit_events')).toBe(before.audit + 1);
      // Stored encrypted, served as it was sent, to staff in reach and to the agent named.
      const stored = await t.testDb.db.kysely
        .selectFrom('authorization_scans')
        .select('data')
        .where('authorization_id', '=', auth.id)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(stored.data).includes(Buffer.from('%PDF'))).toBe(false);
      for (const c of [clerk, town, agent, supervisor]) {
        const file = await c.call('GET', view.consent.scanUrl!);
        expect(file.statusCode, c.username).toBe(200);
        expect(file.headers['content-type']).toBe('application/pdf');
        expect(Buffer.compare(file.rawPayload, TINY_PDF)).toBe(0);
      }
      const listed = (await clerk.call('GET', `/api/v1/authorizations?residentId=${liId}`)).json<
        AuthJson[]
      >();
      expect(listed.find((a) => a.id === auth.id)?.consent.scanUrl).toBe(view.consent.scanUrl);
      expect((await other.call('GET', view.consent.scanUrl!)).statusCode).toBe(403);
    });

    it('refuses bad uploads and writes nothing', async () => {
      await loginAll();
      const signed = await record({ method: 'signed_form' });
      const phone = await record({ method: 'phone', callRecordRef: '站内录音第 7 通' });
      const before = {
        scans: await count('authorization_scans'),
        audit: await count('audit_events'),
      };
      const refused: [Awaited<ReturnType<typeof upload>>, number, string][] = [
        [await upload(clerk, phone.id, TINY_PDF), 409, 'AUTHORIZATION_NOT_SIGNED_FORM'],
        [await upload(clerk, signed.id, TINY_PDF, 'image/png'), 415, 'ATTACHMENT_TYPE_MISMATCH'],
        [await upload(clerk, signed.id, Buffer.alloc(0)), 400, 'ATTACHMENT_EMPTY'],
        [
          await upload(clerk, signed.id, TINY_PDF, 'text/plain'),
          415,
          'ATTACHMENT_TYPE_UNSUPPORTED',
        ],
        [await upload(other, signed.id, TINY_PDF), 403, 'OUT_OF_SCOPE'],
        [await upload(supervisor, signed.id, TINY_PDF), 403, 'FORBIDDEN'],
        [await upload(null, signed.id, TINY_PDF), 401, 'UNAUTHENTICATED'],
        [await upload(clerk, crypto.randomUUID(), TINY_PDF), 404, 'AUTHORIZATION_NOT_FOUND'],
        [await upload(clerk, 'nope', TINY_PDF), 400, 'VALIDATION_FAILED'],
      ];
      for (const [r, status, code] of refused) {
        expect(r.statusCode, `${code}: ${r.body}`).toBe(status);
        expect(r.json()).toMatchObject({ code });
      }
      const missing = await clerk.call('GET', `/api/v1/authorizations/${signed.id}/scan`);
      expect(missing.json()).toMatchObject({ code: 'AUTHORIZATION_SCAN_NOT_FOUND' });
      await clerk.call('POST', `/api/v1/authorizations/${signed.id}/revoke`, {
        reason: '本人撤回',
      });
      const revoked = await upload(clerk, signed.id, TINY_PDF);
      expect(revoked.json()).toMatchObject({ code: 'AUTHORIZATION_REVOKED' });
      expect(await count('authorization_scans')).toBe(before.scans);
      expect(await count('audit_events')).toBe(before.audit + 1); // the revocation only
    });

    it('route × role: who may upload and read the scan', async () => {
      await loginAll();
      const uploaders = ['clerk', 'town_officer', 'agent'];
      for (const [username, role] of Object.entries(ACCOUNTS)) {
        const c = await t.login(username);
        const auth = await record({ method: 'signed_form' });
        const pdf = Buffer.concat([TINY_PDF, Buffer.from(`% ${username}\n`)]);
        const up = await upload(c, auth.id, pdf);
        expect(up.statusCode, `${role} upload: ${up.body}`).toBe(
          uploaders.includes(role) ? 201 : 403,
        );
        if (!uploaders.includes(role)) await upload(clerk, auth.id, pdf);
        const read = await c.call('GET', `/api/v1/authorizations/${auth.id}/scan`);
        expect(read.statusCode, `${role} read`).toBe(
          (STAFF_ROLES as readonly string[]).includes(role) ? 200 : 403,
        );
      }
    });
  });
});
