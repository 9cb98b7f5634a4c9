/** Bad input: a 4xx problem+json with a machine-readable code, in Chinese or English, and nothing written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

describe('X-9 bad input', () => {
  let t: TestApp;
  let clerk: Client;
  let admin: Client;
  const counts = async () => {
    const k = t.testDb.db.kysely;
    const n = async (
      table: 'residents' | 'audit_events' | 'stations' | 'regions' | 'idempotency_keys',
    ) =>
      Number(
        (
          await k
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      residents: await n('residents'),
      audit: await n('audit_events'),
      stations: await n('stations'),
      regions: await n('regions'),
      keys: await n('idempotency_keys'),
    };
  };
  const valid = {
    idNumber: buildIdNumber('110115', '19800808', '088'),
    fullName: '钱多多',
    homeRegionCode: '110115110207',
    address: '伊庄村',
  };

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    admin = await t.login('admin');
  });
  afterAll(async () => t.close());

  const cases: {
    name: string;
    client: () => Client;
    method: 'POST' | 'PATCH' | 'GET';
    url: string;
    body?: unknown;
    headers?: Record<string, string>;
    status: number;
    code: string;
  }[] = [
    {
      name: 'malformed JSON',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: '{"idNumber": "1101',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      name: 'empty JSON body',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: '',
      headers: { 'content-type': 'application/json' },
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      name: 'wrong types',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: { ...valid, fullName: 42 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'array instead of object',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: [valid],
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'unknown fields',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: { ...valid, isAdmin: true },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'missing fields',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: { idNumber: valid.idNumber },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'oversize body',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: { ...valid, address: 'x'.repeat(1_100_000) },
      status: 413,
      code: 'BODY_TOO_LARGE',
    },
    {
      name: 'not JSON at all',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: 'idNumber=1',
      headers: { 'content-type': 'text/plain' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'unknown region code',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: { ...valid, homeRegionCode: '110115110999' },
      status: 400,
      code: 'UNKNOWN_REGION',
    },
    {
      name: 'region code of the wrong shape',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: { ...valid, homeRegionCode: '1101' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'bad check digit',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: {
        ...valid,
        idNumber: valid.idNumber.slice(0, 17) + (valid.idNumber.endsWith('0') ? '1' : '0'),
      },
      status: 400,
      code: 'ID_NUMBER_CHECK_DIGIT',
    },
    {
      name: 'impossible birth date',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: { ...valid, idNumber: buildIdNumber('110115', '19800230', '088') },
      status: 400,
      code: 'ID_NUMBER_BIRTH_DATE',
    },
    {
      name: 'wrong length ID',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents/lookup',
      body: { idNumber: '1101151980' },
      status: 400,
      code: 'ID_NUMBER_FORMAT',
    },
    {
      name: 'bad phone',
      client: () => clerk,
      method: 'POST',
      url: '/api/v1/residents',
      body: { ...valid, phone: '12345' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'bad uuid in path',
      client: () => clerk,
      method: 'GET',
      url: '/api/v1/residents/not-a-uuid',
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'unknown query parameter',
      client: () => clerk,
      method: 'GET',
      url: '/api/v1/residents?drop=1',
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'limit out of range',
      client: () => clerk,
      method: 'GET',
      url: '/api/v1/residents?limit=100000',
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'station in an unknown region',
      client: () => admin,
      method: 'POST',
      url: '/api/v1/stations',
      body: {
        code: 'NEW-1',
        name: '新站',
        kind: 'village_station',
        regionCode: '110115110998',
        address: 'x',
        phone: '010-1234567',
        openingHours: [],
      },
      status: 400,
      code: 'UNKNOWN_REGION',
    },
    {
      name: 'station kind that does not fit the level',
      client: () => admin,
      method: 'POST',
      url: '/api/v1/stations',
      body: {
        code: 'NEW-2',
        name: '新站',
        kind: 'town_centre',
        regionCode: '110115110207',
        address: 'x',
        phone: '010-1234567',
        openingHours: [],
      },
      status: 400,
      code: 'STATION_KIND_MISMATCH',
    },
    {
      name: 'opening hours out of range',
      client: () => admin,
      method: 'POST',
      url: '/api/v1/stations',
      body: {
        code: 'NEW-3',
        name: '新站',
        kind: 'village_station',
        regionCode: '110115110207',
        address: 'x',
        phone: '010-1234567',
        openingHours: [{ days: [8], open: '25:00', close: '17:00' }],
      },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'region under an unknown parent',
      client: () => admin,
      method: 'POST',
      url: '/api/v1/regions',
      body: { code: '110115110997', name: '新村', parentCode: '110115997000', level: 'village' },
      status: 400,
      code: 'UNKNOWN_REGION',
    },
    {
      name: 'region level that does not fit',
      client: () => admin,
      method: 'POST',
      url: '/api/v1/regions',
      body: { code: '110115110997', name: '新村', parentCode: '110115110000', level: 'town' },
      status: 400,
      code: 'REGION_INVALID',
    },
    {
      name: 'unknown role in a grant',
      client: () => admin,
      method: 'POST',
      url: '/api/v1/accounts',
      body: {
        username: 'newone',
        displayName: 'x',
        password: 'long-enough-pw',
        grants: [{ role: 'emperor', regionCode: '110115110207' }],
      },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'grant in an unknown region',
      client: () => admin,
      method: 'POST',
      url: '/api/v1/accounts',
      body: {
        username: 'newtwo',
        displayName: 'x',
        password: 'long-enough-pw',
        grants: [{ role: 'clerk', regionCode: '110115110996' }],
      },
      status: 400,
      code: 'UNKNOWN_REGION',
    },
    {
      name: 'weak password',
      client: () => admin,
      method: 'POST',
      url: '/api/v1/accounts',
      body: {
        username: 'newthree',
        displayName: 'x',
        password: 'short',
        grants: [{ role: 'clerk', regionCode: '110115110207' }],
      },
      status: 400,
      code: 'WEAK_PASSWORD',
    },
    {
      name: 'unknown API route',
      client: () => clerk,
      method: 'GET',
      url: '/api/v1/nothing-here',
      status: 404,
      code: 'ROUTE_NOT_FOUND',
    },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}, nothing written`, async () => {
      const before = await counts();
      const res = await c.client().call(c.method, c.url, c.body, c.headers);
      expect(res.statusCode, res.body).toBe(c.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json<{ code: string; title: string; status: number }>();
      expect(problem.code).toBe(c.code);
      expect(problem.status).toBe(c.status);
      expect(problem.title).toMatch(/[\u4e00-\u9fff]/); // Chinese by default
      expect(await counts()).toEqual(before);
    });
  }

  it('answers in English when asked', async () => {
    const res = await clerk.call(
      'POST',
      '/api/v1/residents',
      { ...valid, homeRegionCode: '110115110999' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(res.json()).toMatchObject({ code: 'UNKNOWN_REGION', title: 'Unknown region code' });
  });

  it('field errors name the field', async () => {
    const res = await clerk.call('POST', '/api/v1/residents', { ...valid, fullName: 42 });
    expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.fullName');
  });
});
