/** register, exact lookup through the keyed hash, masked everywhere, audited reveal — and no full ID number in any response or log line. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const NEW_ID = buildIdNumber('110115', '19520618', '024');
const ALL_FULL_IDS: string[] = [NEW_ID, '110115194803120019'];

describe('X-3 resident registry', () => {
  let t: TestApp;
  let clerk: Client;
  let residentId = '';

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    const rows = await t.testDb.db.kysely.selectFrom('residents').select('id_cipher').execute();
    ALL_FULL_IDS.push(...rows.map((r) => t.pii.decrypt(r.id_cipher)));
  });
  afterAll(async () => t.close());

  it('registers a resident with the ID stored encrypted and shown masked', async () => {
    const res = await clerk.call('POST', '/api/v1/residents', {
      idNumber: NEW_ID.toLowerCase(),
      fullName: '王桂兰',
      phone: '13911112222',
      homeRegionCode: '110115110230',
      address: '半壁店村12号',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Record<string, string>>();
    residentId = body.id!;
    expect(body).toMatchObject({
      fullName: '王桂兰',
      sex: 'female',
      birthDate: '1952-06-18',
      idMasked: `110115********${NEW_ID.slice(-4)}`,
      phoneMasked: '139****2222',
      homeRegionName: '半壁店村',
    });
    const row = await t.testDb.db.kysely
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', residentId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(NEW_ID);
    expect(JSON.stringify(row)).not.toContain('13911112222');
    expect(row.registered_station_id).not.toBeNull();
  });

  it('finds the resident by exact ID number, and only by the exact number', async () => {
    const found = await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: ` ${NEW_ID} ` });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ id: residentId });
    const other = await clerk.call('POST', '/api/v1/residents/lookup', {
      idNumber: buildIdNumber('110115', '19520618', '026'),
    });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'RESIDENT_NOT_FOUND' });
  });

  it('refuses a second registration of the same ID number', async () => {
    const res = await clerk.call('POST', '/api/v1/residents', {
      idNumber: NEW_ID,
      fullName: '王桂兰',
      homeRegionCode: '110115110230',
      address: 'x',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'RESIDENT_EXISTS' });
  });

  it('refuses a home region that is not a village', async () => {
    const res = await clerk.call('POST', '/api/v1/residents', {
      idNumber: buildIdNumber('110115', '19600101', '031'),
      fullName: '赵六',
      homeRegionCode: '110115110000',
      address: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REGION_NOT_VILLAGE' });
  });

  it('lists residents by name within scope, masked', async () => {
    const list = (
      await clerk.call('GET', `/api/v1/residents?q=${encodeURIComponent('王桂兰')}`)
    ).json<{ idMasked: string }[]>();
    expect(list).toHaveLength(1);
    expect(list[0]!.idMasked).toContain('********');
  });

  it('reveal needs a reason, returns the number, and writes an audit event with the reason', async () => {
    const noReason = await clerk.call('POST', `/api/v1/residents/${residentId}/reveal`, {});
    expect(noReason.statusCode).toBe(400);
    const res = await clerk.call('POST', `/api/v1/residents/${residentId}/reveal`, {
      reason: '居民本人要求核对号码',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ idNumber: NEW_ID, phone: '13911112222' });
    const event = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'resident.revealed')
      .where('entity_id', '=', residentId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toMatchObject({ reason: '居民本人要求核对号码' });
    expect(event.actor_role).toBe('clerk');
    expect(event.station_id).not.toBeNull();
  });

  it('error paths with full numbers in the body do not echo them', async () => {
    await clerk.call('POST', '/api/v1/residents/lookup', {
      idNumber: NEW_ID.slice(0, 17) + (NEW_ID.endsWith('1') ? '2' : '1'),
    });
    await clerk.call('POST', '/api/v1/residents', {
      idNumber: NEW_ID,
      fullName: 'x',
      homeRegionCode: '110115110230',
      address: 'x',
      extra: NEW_ID,
    });
  });

  it('no full ID number appears in any response (but the audited reveal), log line or audit event', async () => {
    const visible = t.responses.filter((r) => !r.url.endsWith('/reveal'));
    expect(visible.length).toBeGreaterThan(5);
    expect(t.logs.length).toBeGreaterThan(5);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .execute();
    for (const id of ALL_FULL_IDS) {
      for (const r of visible) expect(r.body, r.url).not.toContain(id);
      for (const line of t.logs) expect(line).not.toContain(id);
      for (const a of audit) expect(`${a.before_json}${a.after_json}`).not.toContain(id);
    }
  });
});
