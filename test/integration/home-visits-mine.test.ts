/**
 * Issue #14 GS-10 home visits for residents, on a real database (both dialects): the resident (or
 * a relative on their account) asks for a visit from the phone pages; one open request at a time;
 * bad input is 4xx and writes nothing; when the station schedules it (day and window) and when it
 * is done, the resident gets an in-app notification and an SMS in the outbox, written in the same
 * transaction; the resident lists their own visits with the window and the structured records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface MyVisit {
  id: string;
  stationName: string;
  status: string;
  preferredDates: string[];
  day: string | null;
  window: { from: string; to: string } | null;
  records: { template: string; values: Record<string, number>; flags: string[] }[];
}

describe('GS-10 a resident asks for a home visit and hears of it', () => {
  let t: TestApp;
  let resident: Client;
  let clerk: Client;
  let residentAccount = '';
  let visit: MyVisit;
  let staffName = '';
  const db = () => t.testDb.db.kysely;
  const notices = (kind: string) =>
    db()
      .selectFrom('notifications')
      .select(['params', 'entity_id'])
      .where('account_id', '=', residentAccount)
      .where('kind', '=', kind)
      .execute();
  const sms = (template: string) =>
    db()
      .selectFrom('outbox_messages')
      .select(['recipient_masked', 'recipient_cipher'])
      .where('template_kind', '=', template)
      .execute();
  const countVisits = async () =>
    Number(
      (
        await db()
          .selectFrom('home_visits')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    resident = await t.login('resident');
    clerk = await t.login('clerk');
    residentAccount = (await resident.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  const ask = {
    requestedBy: 'relative',
    requesterRelation: '女儿',
    reason: 'elderly',
    preferredDates: ['2026-03-04'],
    contactPhone: '13911112222',
    note: '老人腿脚不便',
  };

  it('bad input is 4xx problem+json and writes nothing', async () => {
    const before = await countVisits();
    const bad: [Client, unknown, number, string][] = [
      [resident, { ...ask, preferredDates: ['2026-03-01'] }, 400, 'VISIT_PREFERRED_DATES_INVALID'],
      [resident, { ...ask, reason: 'bored' }, 400, 'VALIDATION_FAILED'],
      [resident, { ...ask, contactPhone: '12345' }, 400, 'VALIDATION_FAILED'],
      [
        resident,
        { ...ask, residentId: '00000000-0000-4000-8000-000000000000' },
        400,
        'VALIDATION_FAILED',
      ],
      [clerk, ask, 403, 'FORBIDDEN'],
    ];
    for (const [who, body, status, code] of bad) {
      const r = await who.call('POST', '/api/v1/home-visits/mine', body);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json<{ code: string }>().code).toBe(code);
    }
    expect(await countVisits()).toBe(before);
  });

  it('the resident asks; a second open request is refused', async () => {
    const res = await resident.call('POST', '/api/v1/home-visits/mine', ask, {
      'Idempotency-Key': 'my-visit-0001',
    });
    expect(res.statusCode, res.body).toBe(201);
    visit = res.json<MyVisit>();
    expect(visit).toMatchObject({
      status: 'requested',
      preferredDates: ['2026-03-04'],
      day: null,
      window: null,
      records: [],
    });
    expect(visit.stationName.length).toBeGreaterThan(0);
    const replay = await resident.call('POST', '/api/v1/home-visits/mine', ask, {
      'Idempotency-Key': 'my-visit-0001',
    });
    expect(replay.json<MyVisit>().id).toBe(visit.id);
    const again = await resident.call('POST', '/api/v1/home-visits/mine', ask);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('VISIT_ALREADY_REQUESTED');
    const stored = await db()
      .selectFrom('home_visits')
      .select(['requested_by', 'contact_phone_cipher'])
      .where('id', '=', visit.id)
      .executeTakeFirstOrThrow();
    expect(stored.requested_by).toBe('relative');
    expect(stored.contact_phone_cipher).not.toContain('13911112222');
  });

  it('scheduled for an afternoon: a notification and an SMS with the day and window', async () => {
    // the visiting unit: staff of the resident's village station, where the request landed
    const { station_id } = await db()
      .selectFrom('home_visits')
      .select('station_id')
      .where('id', '=', visit.id)
      .executeTakeFirstOrThrow();
    const staff = await db()
      .selectFrom('role_grants as g')
      .innerJoin('accounts as a', 'a.id', 'g.account_id')
      .select(['a.username', 'g.role'])
      .where('g.station_id', '=', station_id)
      .where('g.role', 'in', ['clerk', 'agent', 'town_officer'])
      .orderBy('g.role', 'desc')
      .execute();
    expect(staff.length, 'someone serves the village station').toBeGreaterThan(0);
    staffName = staff[0]!.username;
    clerk = await t.login(staffName);
    const res = await clerk.call('POST', '/api/v1/home-visits/schedule', {
      day: '2026-03-04',
      window: 'afternoon',
      visitIds: [visit.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [n] = await notices('home_visit_scheduled');
    expect(n!.entity_id).toBe(visit.id);
    expect(JSON.parse(n!.params)).toMatchObject({ date: '2026-03-04', from: '14:00', to: '17:00' });
    // (the demo's own scheduled visits wrote theirs at seeding: one here goes to the contact phone)
    const mine2222 = (await sms('home_visit_scheduled')).filter(
      (m) => m.recipient_masked === '139****2222',
    );
    expect(mine2222).toHaveLength(1);
    expect(mine2222[0]!.recipient_cipher).not.toContain('13911112222');
    const [mine] = (await resident.call('GET', '/api/v1/home-visits/mine')).json<MyVisit[]>();
    expect(mine).toMatchObject({
      id: visit.id,
      status: 'scheduled',
      day: '2026-03-04',
      window: { from: '14:00', to: '17:00' },
    });
    const feed = await resident.call('GET', '/api/v1/notifications');
    expect(feed.body).toContain('14:00');
  });

  it('done with a blood-pressure record: notified again; the record is on the resident’s list', async () => {
    t.clock.advance(Date.parse('2026-03-04T07:00:00Z') - t.clock.now.getTime());
    clerk = await t.login(staffName); // sessions do not last two days
    resident = await t.login('resident');
    expect(
      (await clerk.call('POST', `/api/v1/home-visits/${visit.id}/depart`, {})).statusCode,
    ).toBe(200);
    const rec = await clerk.call('POST', `/api/v1/home-visits/${visit.id}/records`, {
      template: 'chronic_checkup',
      values: { systolic: 162, diastolic: 97 },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const done = await clerk.call('POST', `/api/v1/home-visits/${visit.id}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);
    const [n] = await notices('home_visit_done');
    expect(JSON.parse(n!.params)).toMatchObject({ date: '2026-03-04' });
    expect(
      (await sms('home_visit_done')).filter((m) => m.recipient_masked === '139****2222'),
    ).toHaveLength(1);
    const [mine] = (await resident.call('GET', '/api/v1/home-visits/mine')).json<MyVisit[]>();
    expect(mine!.status).toBe('done');
    expect(mine!.records).toHaveLength(1);
    expect(mine!.records[0]!.values).toEqual({ systolic: 162, diastolic: 97 });
    expect(mine!.records[0]!.flags.length).toBeGreaterThan(0); // out of range
    // another resident's list never has it; staff may not call the resident's list
    expect((await clerk.call('GET', '/api/v1/home-visits/mine')).statusCode).toBe(403);
  });
});
