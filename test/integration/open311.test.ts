/**
 * Issue #15 point 7 (X-9): Open311 GeoReport v2 over HTTP on a real database — the staff API for
 * keys, discovery, services and definitions checked against the GeoReport v2 JSON schemas (ajv) and
 * the XML shapes FixMyStreet reads; errors in Open311's envelope. Filing: open311-requests.test.ts.
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

describe('X-9 Open311 GeoReport v2: keys, discovery, services', () => {
  let w: Open311World;
  let t: TestApp;
  let c: Record<string, Client>;
  let keyA = '';
  let keyAId = '';
  let needService = '';
  const get = (url: string) => w.get(url);
  const written = () => w.written();

  beforeAll(async () => {
    w = await open311World();
    ({ t, c, keyA, keyAId } = w);
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
});
