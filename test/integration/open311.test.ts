/**
 * Issue #15 point 7 (X-9): Open311 GeoReport v2 over HTTP on a real database — discovery, services
 * and definitions, requests filed with an API key landing as a 首问 inquiry or a 点单 need, status
 * mapping, the servicerequestupdates extension; every answer checked against the GeoReport v2 JSON
 * schemas (test/fixtures/open311, ajv) and the XML shapes FixMyStreet reads; bad input answered in
 * Open311's error envelope with nothing written; a key for one town cannot file in another.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { OTHER_TOWNS, PILOT_TOWN } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/open311');
const ajv = new Ajv({ allErrors: true });
(addFormatsModule as unknown as (a: Ajv) => void)(ajv);
for (const f of fs.readdirSync(FIXTURES).filter((x) => x.endsWith('.json')))
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as object);

function expectSchema(schema: string, data: unknown) {
  const validate = ajv.getSchema(schema)!;
  expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
}

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [{ name: '#document', children: [], text: '' }];
  parser.on('opentag', (tag) => {
    const node = { name: tag.name, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    stack.at(-1)!.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return stack[0]!.children[0]!;
}
const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const names = (n: XmlNode) => n.children.map((c) => c.name);

describe('X-9 Open311 GeoReport v2', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  let keyA = '';
  let keyB = '';
  let keyAId = '';
  const ids: Record<string, string> = {};
  let needService = '';

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const postForm = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });
  const postJson = (fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: fields, headers });
  const count = async (table: keyof Database) =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const written = async () => ({
    inquiries: await count('inquiries'),
    needs: await count('vs_needs'),
    requests: await count('open311_requests'),
    audit: await count('audit_events'),
  });
  const inquiryFields = () => ({
    jurisdiction_id: PILOT_TOWN,
    service_code: 'inquiry.DX-SB-001',
    api_key: keyA,
    description: '社保卡丢了怎么补办？',
    address_string: '魏善庄镇伊庄村',
    lat: '39.6123',
    long: '116.4021',
    first_name: '桂英',
    last_name: '王',
    phone: '13912345678',
  });

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['admin', 'clerk', 'clerk-qyd', 'town', 'vstaff']) c[u] = await t.login(u);
    const idOf = async (u: string) =>
      (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const issue = async (jurisdictionId: string, acting: string, name: string) => {
      const r = await c.admin!.call('POST', '/api/v1/open311/keys', {
        name,
        jurisdictionId,
        actingAccountId: await idOf(acting),
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string; key: string; keyHint: string }>();
    };
    const a = await issue(PILOT_TOWN, 'clerk', '12345 热线');
    keyA = a.key;
    keyAId = a.id;
    keyB = (await issue(OTHER_TOWNS[0]!, 'clerk-qyd', '首都之窗')).key;
  });
  afterAll(async () => t.close());

  describe('API keys (staff API)', () => {
    it('are issued once, listed by hint only, stored hashed, audited', async () => {
      const list = await c.admin!.call('GET', '/api/v1/open311/keys');
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(keyA);
      expect(list.json<{ keyHint: string }[]>().map((k) => k.keyHint)).toContain(keyA.slice(0, 9));
      const row = await t.testDb.db.kysely
        .selectFrom('open311_api_keys')
        .selectAll()
        .where('id', '=', keyAId)
        .executeTakeFirstOrThrow();
      expect(row.key_hash).not.toContain(keyA);
      const audit = await t.testDb.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('entity_id', '=', keyAId)
        .execute();
      expect(audit.map((x) => x.action)).toEqual(['open311_key.issued']);
    });

    it('refuse non-administrators, an acting account outside the town, an unknown town', async () => {
      const clerkId = (await c.clerk!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
      const body = { name: 'x', jurisdictionId: PILOT_TOWN, actingAccountId: clerkId };
      expect((await c.clerk!.call('POST', '/api/v1/open311/keys', body)).statusCode).toBe(403);
      const before = await written();
      const outside = await c.admin!.call('POST', '/api/v1/open311/keys', {
        ...body,
        jurisdictionId: OTHER_TOWNS[0],
      });
      expect(outside.statusCode).toBe(422);
      expect(outside.json<{ code: string }>().code).toBe('OPEN311_ACTING_ACCOUNT_INVALID');
      const unknown = await c.admin!.call('POST', '/api/v1/open311/keys', {
        ...body,
        jurisdictionId: '110115999000',
      });
      expect(unknown.statusCode).toBe(404);
      expect(await written()).toEqual(before);
    });
  });

  describe('discovery and services', () => {
    it('discovery in JSON and XML', async () => {
      const j = await get('/open311/v2/discovery.json');
      expect(j.statusCode).toBe(200);
      const d = j.json<{ endpoints: { specification: string; formats: string[] }[] }>();
      expect(d.endpoints[0]!.specification).toBe('http://wiki.open311.org/GeoReport_v2');
      expect(d.endpoints[0]!.formats).toEqual(['application/json', 'text/xml']);
      const x = await get('/open311/v2/discovery.xml');
      expect(x.headers['content-type']).toContain('text/xml');
      const doc = parseXml(x.body);
      expect(doc.name).toBe('discovery');
      expect(names(child(child(doc, 'endpoints')!, 'endpoint')!)).toEqual(
        expect.arrayContaining(['specification', 'url', 'type', 'formats']),
      );
    });

    it('services: catalog items and 点单 categories, valid JSON and FixMyStreet XML', async () => {
      const j = await get(`/open311/v2/services.json?jurisdiction_id=${PILOT_TOWN}`);
      expect(j.statusCode).toBe(200);
      const services = j.json<{ service_code: string; metadata: boolean; type: string }[]>();
      expectSchema('services.json', services);
      expect(services.map((s) => s.service_code)).toContain('inquiry.DX-SB-001');
      const need = services.find((s) => s.service_code.startsWith('need.'))!;
      expect(need.metadata).toBe(true);
      needService = need.service_code;

      const x = await get(`/open311/v2/services.xml?jurisdiction_id=${PILOT_TOWN}`);
      const doc = parseXml(x.body);
      expect(doc.name).toBe('services');
      expect(new Set(names(doc))).toEqual(new Set(['service']));
      expect(doc.children).toHaveLength(services.length);
      const first = doc.children[0]!;
      for (const f of [
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ])
        expect(child(first, f), f).toBeDefined();
      expect(child(first, 'type')!.text).toBe('realtime');
    });

    it('a need service’s definition with attributes; an inquiry has none', async () => {
      const j = await get(`/open311/v2/services/${needService}.json?jurisdiction_id=${PILOT_TOWN}`);
      expect(j.statusCode, j.body).toBe(200);
      const def = j.json<{ attributes: { code: string }[] }>();
      expectSchema('service-definition.json', def);
      expect(def.attributes.map((a) => a.code)).toEqual(
        expect.arrayContaining(['place', 'wanted_from', 'wanted_to']),
      );
      const x = parseXml(
        (await get(`/open311/v2/services/${needService}.xml?jurisdiction_id=${PILOT_TOWN}`)).body,
      );
      expect(x.name).toBe('service_definition');
      expect(names(child(x, 'attributes')!)[0]).toBe('attribute');
      const inquiry = await get(
        `/open311/v2/services/inquiry.DX-SB-001.json?jurisdiction_id=${PILOT_TOWN}`,
      );
      expect(inquiry.json<{ attributes: unknown[] }>().attributes).toEqual([]);
    });

    it('unknown service, missing or unknown jurisdiction, unknown format: the error envelope', async () => {
      const cases: [string, number][] = [
        [`/open311/v2/services/need.nope.json?jurisdiction_id=${PILOT_TOWN}`, 404],
        ['/open311/v2/services.json', 400],
        ['/open311/v2/services.json?jurisdiction_id=110115999000', 404],
        [`/open311/v2/services.html?jurisdiction_id=${PILOT_TOWN}`, 404],
        [
          '/open311/v2/requests/00000000-0000-4000-8000-000000000000.json?jurisdiction_id=' +
            PILOT_TOWN,
          404,
        ],
        [`/open311/v2/requests.json?jurisdiction_id=${PILOT_TOWN}&start_date=yesterday`, 400],
        ['/open311/v2/nothing.json', 404],
      ];
      for (const [url, status] of cases) {
        const r = await get(url);
        expect(r.statusCode, url).toBe(status);
        expectSchema('errors.json', r.json());
      }
      const x = await get('/open311/v2/services.xml?jurisdiction_id=110115999000');
      expect(x.statusCode).toBe(404);
      const doc = parseXml(x.body);
      expect(doc.name).toBe('errors');
      expect(names(child(doc, 'error')!)).toEqual(['code', 'description']);
      expect(child(child(doc, 'error')!, 'description')!.text).toContain(
        'OPEN311_JURISDICTION_NOT_FOUND',
      );
    });
  });

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
