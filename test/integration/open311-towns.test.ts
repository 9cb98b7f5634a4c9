/**
 * Issue #15 points 7 and 9: Open311 services per town. A town's services are the shared catalog
 * items plus its own "+N" (魏善庄镇's WSZ-NY-* demo items); another town neither lists them nor
 * accepts a request naming one (404 in Open311's error envelope, nothing written), in JSON and XML,
 * still valid against the GeoReport v2 schemas. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOWN_ITEMS } from '../../src/modules/catalog/demo-catalog-town.ts';
import { OTHER_TOWNS, PILOT_TOWN } from '../../src/modules/demo/seed-demo.ts';
import type { TestApp } from '../helpers/test-app.ts';
import {
  child,
  expectSchema,
  open311World,
  parseXml,
  type Open311World,
} from './open311.fixtures.ts';

const QINGYUNDIAN = OTHER_TOWNS[0]!;
const OWN = `inquiry.${DEMO_TOWN_ITEMS[0]!.code}`;
const SHARED = 'inquiry.DX-SB-001';

describe('issue #15: Open311 services per town (shared items + the town’s own)', () => {
  let w: Open311World;
  let t: TestApp;

  beforeAll(async () => {
    w = await open311World();
    ({ t } = w);
  });
  afterAll(async () => t.close());

  const codes = async (town: string) => {
    const r = await w.get(`/open311/v2/services.json?jurisdiction_id=${town}`);
    expect(r.statusCode, r.body).toBe(200);
    const services = r.json<{ service_code: string }[]>();
    expectSchema('services.json', services);
    return services.map((s) => s.service_code);
  };

  it('the town lists its own items and the shared ones; another town only the shared', async () => {
    const own = DEMO_TOWN_ITEMS.map((i) => `inquiry.${i.code}`);
    expect(own.length).toBeGreaterThan(0);
    const pilot = await codes(PILOT_TOWN);
    expect(pilot).toEqual(expect.arrayContaining([SHARED, ...own]));
    const other = await codes(QINGYUNDIAN);
    expect(other).toContain(SHARED);
    expect(other.filter((c) => own.includes(c))).toEqual([]);
    // every inquiry service of the other town is a shared item: the pilot lists them all too
    expect(other.filter((c) => c.startsWith('inquiry.') && !pilot.includes(c))).toEqual([]);

    const xml = parseXml(
      (await w.get(`/open311/v2/services.xml?jurisdiction_id=${QINGYUNDIAN}`)).body,
    );
    const xmlCodes = xml.children.map((s) => child(s, 'service_code')!.text);
    expect(xmlCodes).toEqual(other);
  });

  it('another town’s item: its definition is 404 in the envelope (JSON and XML)', async () => {
    const mine = await w.get(`/open311/v2/services/${OWN}.json?jurisdiction_id=${PILOT_TOWN}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expectSchema('service-definition.json', mine.json());
    const json = await w.get(`/open311/v2/services/${OWN}.json?jurisdiction_id=${QINGYUNDIAN}`);
    expect(json.statusCode).toBe(404);
    expectSchema('errors.json', json.json());
    expect(json.body).toContain('OPEN311_SERVICE_NOT_FOUND');
    const xml = await w.get(`/open311/v2/services/${OWN}.xml?jurisdiction_id=${QINGYUNDIAN}`);
    expect(xml.statusCode).toBe(404);
    expect(parseXml(xml.body).name).toBe('errors');
  });

  it('a request naming another town’s item is refused, nothing written; in its own town it files', async () => {
    const before = await w.written();
    const other = await w.postJson({
      ...w.inquiryFields(),
      jurisdiction_id: QINGYUNDIAN,
      api_key: w.keyB,
      service_code: OWN,
      address_string: '青云店镇',
    });
    expect(other.statusCode, other.body).toBe(404);
    expectSchema('errors.json', other.json());
    expect(other.body).toContain('OPEN311_SERVICE_NOT_FOUND');
    const form = await w.postForm({
      ...w.inquiryFields(),
      jurisdiction_id: QINGYUNDIAN,
      api_key: w.keyB,
      service_code: OWN,
    });
    expect(form.statusCode).toBe(404);
    expect(parseXml(form.body).name).toBe('errors');
    expect(await w.written()).toEqual(before);

    // The shared item files in the other town; the town's own item in its own town.
    const shared = await w.postJson({
      ...w.inquiryFields(),
      jurisdiction_id: QINGYUNDIAN,
      api_key: w.keyB,
      address_string: '青云店镇',
    });
    expect(shared.statusCode, shared.body).toBe(201);
    const own = await w.postJson({ ...w.inquiryFields(), service_code: OWN });
    expect(own.statusCode, own.body).toBe(201);
    const [created] = own.json<{ service_request_id: string }[]>();
    const back = await w.get(
      `/open311/v2/requests/${created!.service_request_id}.json?jurisdiction_id=${PILOT_TOWN}`,
    );
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<{ service_code: string }[]>()[0]!.service_code).toBe(OWN);
  });
});
