/**
 * Issue #15 point 7 (X-9): filing through Open311 — a request with an API key lands as a 首问
 * inquiry or a 点单 need; bad input answered in Open311's error envelope with nothing written; a key
 * for one town cannot file in another; retries file once; statuses mapped; the updates extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_TOWNS, PILOT_TOWN } from '../../src/modules/demo/seed-demo.ts';
import type { Client, TestApp } from '../helpers/test-app.ts';
import {
  child,
  expectSchema,
  names,
  open311World,
  parseXml,
  type Open311World,
} from './open311.fixtures.ts';

describe('X-9 Open311 GeoReport v2: filing requests', () => {
  let w: Open311World;
  let t: TestApp;
  let c: Record<string, Client>;
  let keyB = '';
  let keyAId = '';
  const get = (url: string) => w.get(url);
  const postForm = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    w.postForm(fields, headers);
  const postJson = (fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
    w.postJson(fields, headers);
  const written = () => w.written();
  const inquiryFields = () => w.inquiryFields();

  beforeAll(async () => {
    w = await open311World();
    ({ t, c, keyB, keyAId } = w);
    const services = (await w.get(`/open311/v2/services.json?jurisdiction_id=${PILOT_TOWN}`)).json<
      { service_code: string }[]
    >();
    needService = services.find((s) => s.service_code.startsWith('need.'))!.service_code;
  });
  afterAll(async () => t.close());
  const ids: Record<string, string> = {};
  let needService = '';

  describe('filing requests', () => {
    it('without a key, a revoked or unknown key, or another town’s key: 403, nothing written', async () => {
      const before = await written();
      const noKey: Record<string, string> = inquiryFields();
      delete noKey.api_key;
      for (const fields of [noKey, { ...inquiryFields(), api_key: 'o311_wrong' }]) {
        const r = await postForm(fields);
        expect(r.statusCode).toBe(403);
        expect(parseXml(r.body).name).toBe('errors');
      }
      const other = await postJson({ ...inquiryFields(), api_key: keyB });
      expect(other.statusCode).toBe(403);
      expect(other.body).toContain('OPEN311_API_KEY_OTHER_JURISDICTION');
      expect(await written()).toEqual(before);
    });

    it('bad input: 400 in the envelope, nothing written', async () => {
      const before = await written();
      const bad: Record<string, unknown>[] = [
        { ...inquiryFields(), description: '' },
        { ...inquiryFields(), description: '回电 13912345678' }, // personal number in free text
        { ...inquiryFields(), lat: 'north' },
        { ...inquiryFields(), service_code: needService, phone: undefined }, // a need needs a phone
        { ...inquiryFields(), service_code: needService, 'attribute[wanted_from]': 'soon' },
        { ...inquiryFields(), jurisdiction_id: undefined },
      ];
      for (const fields of bad) {
        const r = await postJson(fields);
        expect(r.statusCode, JSON.stringify(fields)).toBe(400);
        expectSchema('errors.json', r.json());
      }
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/json' },
        payload: '{"jurisdiction_id":',
      });
      expect(malformed.statusCode).toBe(400);
      expectSchema('errors.json', malformed.json());
      const unknownService = await postJson({ ...inquiryFields(), service_code: 'inquiry.NOPE' });
      expect(unknownService.statusCode).toBe(404);
      expect(await written()).toEqual(before);
    });

    it('an inquiry: filed form-encoded (XML answer), visible to staff as 首问 inquiry, retries file once', async () => {
      const r = await postForm(inquiryFields());
      expect(r.statusCode, r.body).toBe(201);
      const doc = parseXml(r.body);
      expect(doc.name).toBe('service_requests');
      const req = child(doc, 'request')!;
      ids.inquiry = child(req, 'service_request_id')!.text;
      expect(ids.inquiry).toMatch(/^[0-9a-f-]{36}$/);

      // The same body again (a client's retry): the same id, nothing new.
      const before = await written();
      const again = await postForm(inquiryFields());
      expect(child(child(parseXml(again.body), 'request')!, 'service_request_id')!.text).toBe(
        ids.inquiry,
      );
      expect(await written()).toEqual(before);

      const row = await t.testDb.db.kysely
        .selectFrom('open311_requests')
        .selectAll()
        .where('id', '=', ids.inquiry)
        .executeTakeFirstOrThrow();
      const inquiry = await c.town!.call('GET', `/api/v1/inquiries/${row.inquiry_id}`);
      expect(inquiry.statusCode).toBe(200);
      const iv = inquiry.json<{
        question: string;
        itemCode: string;
        status: string;
        callerDescription: string;
      }>();
      expect(iv).toMatchObject({
        question: '社保卡丢了怎么补办？',
        itemCode: 'DX-SB-001',
        status: 'open',
      });
      expect(iv.callerDescription).toContain('12345 热线');
      ids.inquiryRow = row.inquiry_id!;
      // The phone went nowhere: not in the inquiry, not in the Open311 row.
      expect(inquiry.body).not.toContain('13912345678');
      expect(JSON.stringify(row)).not.toContain('13912345678');
    });

    it('with Idempotency-Key: a retry answers the first; the key with another body is refused', async () => {
      const fields = { ...inquiryFields(), description: '老年证在哪里办？' };
      const first = await postJson(fields, { 'idempotency-key': 'fms-1' });
      expect(first.statusCode).toBe(201);
      expectSchema('post-response.json', first.json());
      const before = await written();
      const retry = await postJson(fields, { 'idempotency-key': 'fms-1' });
      expect(retry.json()).toEqual(first.json());
      const other = await postJson(
        { ...fields, description: '别的问题' },
        { 'idempotency-key': 'fms-1' },
      );
      expect(other.statusCode).toBe(400);
      expect(await written()).toEqual(before);
    });

    it('a need: filed as JSON, lands in 点单 for the centre, phone masked there and absent here', async () => {
      const r = await postJson({
        ...inquiryFields(),
        service_code: needService,
        description: '独居老人家中灯泡坏了，需要志愿者帮忙更换',
        'attribute[place]': '伊庄村3排5号',
      });
      expect(r.statusCode, r.body).toBe(201);
      ids.need = r.json<{ service_request_id: string }[]>()[0]!.service_request_id;
      const row = await t.testDb.db.kysely
        .selectFrom('open311_requests')
        .selectAll()
        .where('id', '=', ids.need)
        .executeTakeFirstOrThrow();
      expect(row.target_kind).toBe('need');
      ids.needRow = row.need_id!;
      const needs = await c.vstaff!.call('GET', '/api/v1/vs/needs?status=submitted');
      const mine = needs
        .json<{ id: string; contactPhoneMasked: string; place: string }[]>()
        .find((n) => n.id === ids.needRow);
      expect(mine).toMatchObject({ place: '伊庄村3排5号', contactPhoneMasked: '139****5678' });
    });

    it('requests: list and by id, valid JSON and XML, statuses mapped, no personal data', async () => {
      const list = await get(`/open311/v2/requests.json?jurisdiction_id=${PILOT_TOWN}`);
      expect(list.statusCode).toBe(200);
      const reqs = list.json<
        {
          service_request_id: string;
          status: string;
          lat: number | null;
          requested_datetime: string;
        }[]
      >();
      expectSchema('requests.json', reqs);
      expect(reqs.map((x) => x.service_request_id)).toEqual(
        expect.arrayContaining([ids.inquiry, ids.need]),
      );
      expect(reqs.every((x) => x.status === 'open')).toBe(true);
      const filed = reqs.find((x) => x.service_request_id === ids.inquiry)!;
      expect(filed.lat).toBe(39.6123);
      expect(filed.requested_datetime).toMatch(/\+08:00$/);
      expect(list.body).not.toMatch(/1391234|王|桂英/);

      const one = await get(`/open311/v2/requests/${ids.need}.json?jurisdiction_id=${PILOT_TOWN}`);
      expectSchema('requests.json', one.json());
      const x = parseXml(
        (await get(`/open311/v2/requests/${ids.need}.xml?jurisdiction_id=${PILOT_TOWN}`)).body,
      );
      expect(x.name).toBe('service_requests');
      const req = child(x, 'request')!;
      for (const f of [
        'service_request_id',
        'status',
        'status_notes',
        'service_code',
        'requested_datetime',
        'updated_datetime',
      ])
        expect(child(req, f), f).toBeDefined();
      // Another town sees none of them.
      const other = await get(`/open311/v2/requests.json?jurisdiction_id=${OTHER_TOWNS[0]}`);
      expect(other.json()).toEqual([]);
    });

    it('status changes: closed inquiry, rejected need; filters and servicerequestupdates', async () => {
      const start = new Date(t.clock.now.getTime() - 60_000).toISOString();
      t.clock.advance(3_600_000);
      const close = await c.clerk!.call('POST', `/api/v1/inquiries/${ids.inquiryRow}/close`, {
        note: '已电话答复',
      });
      expect(close.statusCode, close.body).toBe(200);
      const reject = await c.vstaff!.call('POST', `/api/v1/vs/needs/${ids.needRow}/reject`, {
        reason: '请联系村委会物业',
      });
      expect(reject.statusCode, reject.body).toBe(200);

      const closed = await get(
        `/open311/v2/requests.json?jurisdiction_id=${PILOT_TOWN}&status=closed`,
      );
      const cl = closed.json<{ service_request_id: string; status_notes: string }[]>();
      expectSchema('requests.json', cl);
      expect(cl.map((x) => x.service_request_id).sort()).toEqual([ids.inquiry, ids.need].sort());
      expect(cl.find((x) => x.service_request_id === ids.need)!.status_notes).toContain(
        '请联系村委会物业',
      );
      const byService = await get(
        `/open311/v2/requests.json?jurisdiction_id=${PILOT_TOWN}&service_code=${needService}`,
      );
      expect(byService.json<unknown[]>()).toHaveLength(1);

      const end = new Date(t.clock.now.getTime() + 60_000).toISOString();
      const q = `jurisdiction_id=${PILOT_TOWN}&start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`;
      const updates = await get(`/open311/v2/servicerequestupdates.json?${q}`);
      expect(updates.statusCode, updates.body).toBe(200);
      const ups =
        updates.json<
          { service_request_id: string; status: string; external_status_code: string }[]
        >();
      expectSchema('request-updates.json', ups);
      expect(
        ups
          .filter((u) => u.status === 'closed')
          .map((u) => [u.service_request_id, u.external_status_code]),
      ).toEqual(
        expect.arrayContaining([
          [ids.inquiry, 'inquiry_closed'],
          [ids.need, 'need_rejected'],
        ]),
      );
      const x = parseXml((await get(`/open311/v2/servicerequestupdates.xml?${q}`)).body);
      expect(x.name).toBe('service_request_updates');
      expect(new Set(names(x))).toEqual(new Set(['request_update']));
      expect(names(x.children[0]!)).toEqual(
        expect.arrayContaining([
          'update_id',
          'service_request_id',
          'status',
          'updated_datetime',
          'description',
        ]),
      );
    });

    it('a revoked key files nothing', async () => {
      const r = await c.admin!.call('POST', `/api/v1/open311/keys/${keyAId}/revoke`, {});
      expect(r.statusCode, r.body).toBe(200);
      const again = await c.admin!.call('POST', `/api/v1/open311/keys/${keyAId}/revoke`, {});
      expect(again.statusCode).toBe(409);
      const before = await written();
      const f = await postJson({ ...inquiryFields(), description: '撤销后再问' });
      expect(f.statusCode).toBe(403);
      expect(await written()).toEqual(before);
    });
  });
});
