/**
 * GS-10 under parallel requests, on the dialect of the run: a slot's capacity is never exceeded
 * whatever the burst; one person never holds two bookings of a day; 'call next' by two clerks (and
 * devices) at once never calls one ticket twice; the queue screen shows numbers, never names.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { post, setTemplate, stationOf, YIZHUANG } from './appointments.fixtures.ts';

const N = 40;

async function bulkResidents(t: TestApp, n: number): Promise<string[]> {
  const at = new Date().toISOString();
  const rows = Array.from({ length: n }, (_, i) => ({
    id: crypto.randomUUID(),
    full_name: `测试居民${i}`,
    sex: 'male' as const,
    birth_date: '1950-01-01',
    id_hash: crypto.randomBytes(16).toString('hex'),
    id_cipher: 'x',
    id_masked: '110***********0000',
    phone_cipher: null,
    phone_masked: null,
    home_region_code: YIZHUANG,
    address: '伊庄村',
    registered_station_id: null,
    is_demo: 0,
    created_at: at,
    updated_at: at,
  }));
  await t.testDb.db.kysely.insertInto('residents').values(rows).execute();
  return rows.map((r) => r.id);
}

describe('GS-10 bursts: capacity, one per day, call next', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let stationId = '';
  let people: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ poolWaitMs: 120_000 });
    clerk = await t.login('clerk');
    town = await t.login('town');
    stationId = await stationOf(t);
    await setTemplate(clerk, stationId, { capacity: 3 });
    people = await bulkResidents(t, N);
  }, 120_000);
  afterAll(async () => t.close());

  it(`${N} parallel bookings of one slot of capacity 3: exactly 3 win`, async () => {
    const results = await Promise.all(
      people.map((residentId, i) =>
        post(i % 2 ? clerk : town, '/api/v1/appointments/bookings', {
          stationId,
          date: '2026-03-03',
          start: '09:30',
          residentId,
        }),
      ),
    );
    const codes = results.map((r) =>
      r.statusCode === 201 ? 'ok' : r.json<{ code: string }>().code,
    );
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'APPT_SLOT_FULL')).toBe(true);
    const slot = await t.testDb.db.kysely
      .selectFrom('appt_slots')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('date', '=', '2026-03-03')
      .execute();
    expect(slot).toHaveLength(1);
    expect(Number(slot[0]!.booked_count)).toBe(3);
    const live = await t.testDb.db.kysely
      .selectFrom('appt_bookings')
      .select('id')
      .where('slot_id', '=', slot[0]!.id)
      .where('status', '=', 'booked')
      .execute();
    expect(live).toHaveLength(3);
  }, 120_000);

  it('one person booking eight slots of one day at once gets exactly one', async () => {
    const who = people[N - 1]!;
    const starts = ['09:00', '10:00', '10:30', '11:00', '13:30', '14:00', '14:30', '15:00'];
    const results = await Promise.all(
      starts.map((start, i) =>
        post(i % 2 ? clerk : town, '/api/v1/appointments/bookings', {
          stationId,
          date: '2026-03-03',
          start,
          residentId: who,
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(
      results.filter((r) => r.statusCode !== 201).map((r) => r.json<{ code: string }>().code),
    ).toEqual(Array(7).fill('APPT_ONE_PER_DAY'));
    const slots = await t.testDb.db.kysely
      .selectFrom('appt_slots')
      .select((eb) => eb.fn.sum<number>('booked_count').as('n'))
      .where('station_id', '=', stationId)
      .where('date', '=', '2026-03-03')
      .executeTakeFirstOrThrow();
    expect(Number(slots.n)).toBe(4); // 3 in 09:30 + the one that won: no counter left taken
  }, 60_000);

  it("'call next' by two clerks at once, many times: every ticket called exactly once", async () => {
    const tickets = 12;
    const issued = await Promise.all(
      Array.from({ length: tickets }, (_, i) =>
        post(i % 2 ? clerk : town, `/api/v1/queue/stations/${stationId}/tickets`, {
          ...(i === 7 ? { priority: 'elderly' } : {}),
        }),
      ),
    );
    expect(issued.map((r) => r.statusCode)).toEqual(Array(tickets).fill(201));
    const labels = issued.map((r) => r.json<{ label: string }>().label).sort();
    expect(labels).toEqual(
      Array.from({ length: tickets }, (_, i) => `B${String(i + 1).padStart(3, '0')}`),
    );
    const calls = await Promise.all(
      Array.from({ length: tickets * 2 }, (_, i) =>
        post(i % 2 ? clerk : town, `/api/v1/queue/stations/${stationId}/call-next`, {
          desk: i % 2 ? '1号窗口' : '2号窗口',
        }),
      ),
    );
    expect(calls.map((r) => r.statusCode)).toEqual(Array(tickets * 2).fill(200));
    const called = calls
      .map((r) => r.json<{ ticket: { id: string } | null }>().ticket)
      .filter((x): x is { id: string } => x !== null)
      .map((x) => x.id);
    expect(called).toHaveLength(tickets);
    expect(new Set(called).size).toBe(tickets);
    const audits = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'queue.ticket_called')
      .execute();
    expect(audits).toHaveLength(tickets);
  }, 120_000);

  it('the queue order: priority first, then a due appointment, then walk-ins', async () => {
    // Tuesday 09:40 China: the 09:30 bookings are due.
    t.clock.now = new Date('2026-03-03T01:40:00.000Z');
    clerk = await t.login('clerk');
    const day = await clerk.call('GET', `/api/v1/appointments/stations/${stationId}/day`);
    expect(day.statusCode, day.body).toBe(200);
    const booking = day
      .json<{ bookings: { id: string; start: string; availableActions: string[] }[] }>()
      .bookings.find((b) => b.start === '09:30')!;
    expect(booking.availableActions).toEqual(['cancel', 'check_in']);
    const walk = await post(clerk, `/api/v1/queue/stations/${stationId}/tickets`, {});
    expect(walk.json<{ label: string }>().label).toBe('B001');
    const prio = await post(clerk, `/api/v1/queue/stations/${stationId}/tickets`, {
      priority: 'pregnant',
    });
    const a = await post(clerk, `/api/v1/appointments/bookings/${booking.id}/check-in`, {});
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json<{ label: string; lane: string }>()).toMatchObject({ label: 'A001', lane: 'A' });
    const again = await post(clerk, `/api/v1/appointments/bookings/${booking.id}/check-in`, {});
    expect(again.json<{ code: string }>().code).toBe('APPT_BOOKING_STATE');
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await post(clerk, `/api/v1/queue/stations/${stationId}/call-next`, {});
      order.push(r.json<{ ticket: { label: string } }>().ticket.label);
    }
    expect(order).toEqual([prio.json<{ label: string }>().label, 'A001', 'B001']);

    // Service times: start and finish record them.
    const aId = a.json<{ id: string }>().id;
    const start = await post(clerk, `/api/v1/queue/tickets/${aId}/start`);
    expect(start.json()).toMatchObject({
      status: 'serving',
      availableActions: ['finish', 'file_case'],
    });
    t.clock.advance(12 * 60_000);
    const done = await post(clerk, `/api/v1/queue/tickets/${aId}/finish`);
    expect(done.json()).toMatchObject({ status: 'done', serviceMinutes: 12, availableActions: [] });
    const twice = await post(clerk, `/api/v1/queue/tickets/${aId}/finish`);
    expect(twice.json<{ code: string }>().code).toBe('QUEUE_TICKET_STATE');
  }, 60_000);

  it('the queue screen shows numbers and desks, never a name; a wrong link is 404', async () => {
    const tpl = await clerk.call('GET', `/api/v1/appointments/stations/${stationId}/template`);
    const token = tpl.json<{ screenToken: string }>().screenToken;
    const screen = await t.app.inject({ method: 'GET', url: `/api/v1/queue/screen/${token}` });
    expect(screen.statusCode, screen.body).toBe(200);
    const body = screen.json<{ calling: { label: string }[]; stationName: string }>();
    expect(body.calling.length).toBeGreaterThan(0);
    expect(screen.body).not.toMatch(/测试居民|李长福|程建国/);
    const wrong = await t.app.inject({
      method: 'GET',
      url: `/api/v1/queue/screen/${'x'.repeat(24)}`,
    });
    expect(wrong.statusCode).toBe(404);
  });
});
