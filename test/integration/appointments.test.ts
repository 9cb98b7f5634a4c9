/**
 * GS-10 appointments on the dialect of the run: the window and the slots of a day, online and
 * phone bookings, one per person per day, the cut-off, the no-show sweep (exactly once) and the
 * restriction it leads to, reminders the day before (exactly once), scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markNoShows, sendReminders } from '../../src/modules/appointments/appointments.sweep.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { post, residentIds, setTemplate, stationOf } from './appointments.fixtures.ts';

describe('GS-10 appointments', () => {
  let t: TestApp;
  let clerk: Client;
  let resident: Client;
  let stationId = '';
  let others: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    resident = await t.login('resident');
    stationId = await stationOf(t);
    others = await residentIds(t, 6);
    await setTemplate(clerk, stationId);
  });
  afterAll(async () => t.close());

  it('a resident sees the window: next working day to five working days ahead', async () => {
    const res = await resident.call('GET', '/api/v1/appointments/stations');
    expect(res.statusCode, res.body).toBe(200);
    const s = res
      .json<{ id: string; from: string; to: string }[]>()
      .find((x) => x.id === stationId)!;
    // START is Monday 2026-03-02 09:30 China time.
    expect(s).toMatchObject({ from: '2026-03-03', to: '2026-03-09' });
  });

  it('the slots of a day follow the template, the market day and the closure', async () => {
    const day = async (date: string) =>
      (
        await resident.call('GET', `/api/v1/appointments/stations/${stationId}/slots?date=${date}`)
      ).json<{
        bookable: boolean;
        slots: { start: string; free: number }[];
      }>();
    const tue = await day('2026-03-03');
    expect(tue.bookable).toBe(true);
    expect(tue.slots).toHaveLength(12);
    expect(tue.slots[0]).toMatchObject({ start: '09:00', free: 2 });
    expect((await day('2026-03-04')).slots[0]!.start).toBe('07:30');
    expect((await day('2026-03-05')).slots).toEqual([]);
    expect((await day('2026-03-07')).slots).toEqual([]);
    expect((await day('2026-03-02')).bookable).toBe(false);
  });

  it('a resident books online; a second booking that day is refused; outside the window too', async () => {
    const ok = await post(resident, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-03',
      start: '09:00',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      channel: 'online',
      status: 'booked',
      start: '09:00',
      end: '09:30',
      availableActions: ['cancel'],
    });
    const again = await post(resident, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-03',
      start: '10:00',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('APPT_ONE_PER_DAY');
    const today = await post(resident, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-02',
      start: '15:00',
    });
    expect(today.json<{ code: string }>().code).toBe('APPT_OUTSIDE_WINDOW');
    const noSlot = await post(resident, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-06',
      start: '09:10',
    });
    expect(noSlot.json<{ code: string }>().code).toBe('APPT_SLOT_NOT_OFFERED');
    const mine = await resident.call('GET', '/api/v1/appointments/bookings/mine');
    expect(mine.json<unknown[]>()).toHaveLength(1);
  });

  it('staff book by phone for a caller, also today; a clerk of another town may not', async () => {
    const res = await post(clerk, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-02',
      start: '16:00',
      residentId: others[0],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      channel: 'phone',
      availableActions: ['cancel', 'check_in'],
    });
    const town = await t.login('town');
    const central = await post(town, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-03',
      start: '09:00',
      residentId: others[1],
    });
    expect(central.statusCode, central.body).toBe(201);
    const far = await t.login('clerk-qyd');
    const refused = await post(far, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-03',
      start: '10:00',
      residentId: others[2],
    });
    expect(refused.statusCode).toBe(403);
    // The 09:00 slot of Tuesday is full now (capacity 2).
    const full = await post(clerk, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-03',
      start: '09:00',
      residentId: others[3],
    });
    expect(full.json<{ code: string }>().code).toBe('APPT_SLOT_FULL');
  });

  it('the resident cancels before the cut-off, not after; the place is free again', async () => {
    const b = await post(resident, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-04',
      start: '08:00',
    });
    expect(b.statusCode, b.body).toBe(201);
    const id = b.json<{ id: string }>().id;
    const other = await post(resident, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-06',
      start: '09:00',
    });
    const otherId = other.json<{ id: string }>().id;
    const c = await post(resident, `/api/v1/appointments/bookings/${id}/cancel`);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'cancelled', availableActions: [] });
    const slots = await resident.call(
      'GET',
      `/api/v1/appointments/stations/${stationId}/slots?date=2026-03-04`,
    );
    expect(
      slots
        .json<{ slots: { start: string; free: number }[] }>()
        .slots.find((s) => s.start === '08:00')!.free,
    ).toBe(2);
    // Friday 09:00 China = 01:00Z; the cut-off (2 h) is 23:00Z on Thursday.
    t.clock.now = new Date('2026-03-05T23:30:00.000Z');
    resident = await t.login('resident');
    clerk = await t.login('clerk');
    const late = await post(resident, `/api/v1/appointments/bookings/${otherId}/cancel`);
    expect(late.json<{ code: string }>().code).toBe('APPT_CUTOFF_PASSED');
    const staff = await post(clerk, `/api/v1/appointments/bookings/${otherId}/cancel`);
    expect(staff.statusCode, staff.body).toBe(200);
    t.clock.now = new Date('2026-03-02T01:30:00.000Z');
  });

  it('reminders the day before go out once, in-app and by SMS through the outbox', async () => {
    const db = t.testDb.db.kysely;
    t.clock.now = new Date('2026-03-02T02:00:00.000Z'); // Monday 10:00 China
    const [a, b] = await Promise.all([
      sendReminders(db, { now: t.clock.now, pii: t.pii }),
      sendReminders(db, { now: t.clock.now, pii: t.pii }),
    ]);
    expect(a + b).toBe(2); // the resident's and the town officer's bookings of Tuesday
    expect(await sendReminders(db, { now: t.clock.now, pii: t.pii })).toBe(0);
    const notes = await resident.call('GET', '/api/v1/notifications');
    expect(notes.body).toContain('appt_reminder');
    const sms = await db
      .selectFrom('outbox_messages')
      .select('template_kind')
      .where('template_kind', '=', 'appt_reminder')
      .execute();
    expect(sms.length).toBe(2);
  });

  it('no-shows are marked exactly once, and two of them pause online booking (staff may still book)', async () => {
    const db = t.testDb.db.kysely;
    // The resident's Tuesday booking passes unused; then a Wednesday one too.
    const wed = await post(resident, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-04',
      start: '09:00',
    });
    expect(wed.statusCode, wed.body).toBe(201);
    t.clock.now = new Date('2026-03-04T03:00:00.000Z'); // Wednesday 11:00 China
    resident = await t.login('resident');
    clerk = await t.login('clerk');
    const dueBefore = await db
      .selectFrom('appt_bookings')
      .select('id')
      .where('status', '=', 'booked')
      .where('ends_at', '<=', new Date(t.clock.now.getTime() - 15 * 60_000).toISOString())
      .execute();
    // phone Mon 16:00, resident Tue, town's Tue, resident Wed, and the demo's Monday bookings
    expect(dueBefore.length).toBeGreaterThanOrEqual(4);
    const runs = await Promise.all([1, 2, 3].map(() => markNoShows(db, { now: t.clock.now })));
    expect(runs.reduce((x, y) => x + y, 0)).toBe(dueBefore.length);
    expect(await markNoShows(db, { now: t.clock.now })).toBe(0);
    const audited = await db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'appt.no_show')
      .execute();
    expect(audited).toHaveLength(dueBefore.length);
    const refused = await post(resident, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-06',
      start: '10:00',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('APPT_RESTRICTED');
    const me = await t.testDb.db.kysely
      .selectFrom('accounts')
      .select('resident_id')
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const byPhone = await post(clerk, '/api/v1/appointments/bookings', {
      stationId,
      date: '2026-03-06',
      start: '10:00',
      residentId: me.resident_id,
    });
    expect(byPhone.statusCode, byPhone.body).toBe(201);
    t.clock.now = new Date('2026-03-02T01:30:00.000Z');
    resident = await t.login('resident');
    clerk = await t.login('clerk');
  });

  it('bad input is a 4xx problem and writes nothing', async () => {
    const before = await t.testDb.db.kysely.selectFrom('appt_bookings').select('id').execute();
    const cases: [string, string, unknown][] = [
      ['POST', '/api/v1/appointments/bookings', { stationId, date: '2026-02-30', start: '09:00' }],
      ['POST', '/api/v1/appointments/bookings', { stationId, date: '2026-03-03', start: '9:00' }],
      [
        'POST',
        '/api/v1/appointments/bookings',
        { stationId: 'x', date: '2026-03-03', start: '09:00' },
      ],
      [
        'POST',
        '/api/v1/appointments/bookings',
        { stationId, date: '2026-03-03', start: '09:00', extra: 1 },
      ],
    ];
    for (const [, url, body] of cases) {
      const res = await post(resident, url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const tpl = await clerk.call('PUT', `/api/v1/appointments/stations/${stationId}/template`, {
      slotMinutes: 30,
      capacity: 1,
      weekly: { '1': [{ start: '10:00', end: '09:00' }] },
      exceptions: [],
      itemMinutes: {},
      leadWorkingDays: 1,
      horizonWorkingDays: 5,
      cancelCutoffHours: 2,
      noShowGraceMinutes: 15,
      noShowLimit: 2,
      noShowWindowDays: 90,
    });
    expect(tpl.statusCode).toBe(400);
    expect(tpl.json<{ code: string }>().code).toBe('APPT_TEMPLATE_INVALID');
    const missing = await post(
      clerk,
      `/api/v1/appointments/bookings/${crypto.randomUUID()}/cancel`,
    );
    expect(missing.statusCode).toBe(404);
    const after = await t.testDb.db.kysely.selectFrom('appt_bookings').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});

describe('GS-10 who may work a station', () => {
  let t: TestApp;
  let stationId = '';
  beforeAll(async () => {
    t = await createTestApp();
    stationId = await stationOf(t);
    await setTemplate(await t.login('clerk'), stationId);
  });
  afterAll(async () => t.close());

  it('the station staff in scope; other roles 403; another town’s clerk 403', async () => {
    const urls: [string, string, unknown?][] = [
      ['GET', `/api/v1/appointments/stations/${stationId}/template`],
      ['GET', `/api/v1/appointments/stations/${stationId}/day`],
      ['POST', `/api/v1/queue/stations/${stationId}/tickets`, {}],
      ['POST', `/api/v1/queue/stations/${stationId}/call-next`, {}],
    ];
    for (const who of ['clerk', 'town', 'admin', 'clerk-qyd', 'agent', 'resident', 'volunteer']) {
      const c = await t.login(who);
      for (const [method, url, body] of urls) {
        const res = method === 'GET' ? await c.call('GET', url) : await post(c, url, body);
        const expected = ['clerk', 'town', 'admin'].includes(who) ? [200, 201] : [403];
        expect(expected, `${who} ${method} ${url}: ${res.body}`).toContain(res.statusCode);
      }
    }
    const slots = await (
      await t.login('resident')
    ).call('GET', `/api/v1/appointments/stations/${stationId}/slots?date=2026-03-03`);
    expect(slots.statusCode).toBe(200);
    const anon = await t.app.inject({
      method: 'GET',
      url: `/api/v1/appointments/stations/${stationId}/day`,
    });
    expect(anon.statusCode).toBe(401);
  });
});
