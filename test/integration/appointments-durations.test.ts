/**
 * GS-10 per-item durations on the dialect of the run: a booking naming a catalog item occupies as
 * many consecutive slots as the template's minutes for it; every one must have room (never over
 * capacity under parallel requests); the end shown is the run's end; a cancellation gives back
 * every slot it took; an item without the appointment channel, or a run past closing, is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { post, residentIds, setTemplate, stationOf } from './appointments.fixtures.ts';

interface Summary {
  code: string;
  channels: string[];
}
interface Slots {
  minutes: number;
  slots: { start: string; end: string; free: number }[];
}

describe('GS-10 per-item durations', () => {
  let t: TestApp;
  let clerk: Client;
  let resident: Client;
  let stationId = '';
  let people: string[] = [];
  let long = ''; // 60 minutes: two 30-minute slots
  let plain = ''; // bookable, no minutes set: one slot
  let notBookable = '';

  const counters = async (date: string) =>
    Object.fromEntries(
      (
        await t.testDb.db.kysely
          .selectFrom('appt_slots')
          .select(['starts_at', 'booked_count'])
          .where('station_id', '=', stationId)
          .where('date', '=', date)
          .execute()
      ).map((r) => [
        new Date(Date.parse(new Date(r.starts_at).toISOString()) + 8 * 3_600_000)
          .toISOString()
          .slice(11, 16),
        Number(r.booked_count),
      ]),
    );
  const book = (c: Client, body: Record<string, unknown>) =>
    post(c, '/api/v1/appointments/bookings', { stationId, date: '2026-03-03', ...body });

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    resident = await t.login('resident');
    stationId = await stationOf(t);
    people = await residentIds(t, 12);
    const items = (await clerk.call('GET', '/api/v1/catalog/items?limit=200')).json<{
      items: Summary[];
    }>().items;
    const bookable = items.filter((i) => i.channels.includes('appointment'));
    long = bookable[0]!.code;
    plain = bookable[1]!.code;
    notBookable = items.find((i) => !i.channels.includes('appointment'))!.code;
    await setTemplate(clerk, stationId, { capacity: 1, itemMinutes: { [long]: 60 } });
  }, 60_000);
  afterAll(async () => t.close());

  it('offers the starts with room for the whole item, ending where its run ends', async () => {
    const res = await resident.call(
      'GET',
      `/api/v1/appointments/stations/${stationId}/slots?date=2026-03-03&itemCode=${long}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const day = res.json<Slots>();
    expect(day.minutes).toBe(60);
    expect(day.slots[0]).toMatchObject({ start: '09:00', end: '10:00', free: 1 });
    const starts = day.slots.map((s) => s.start);
    expect(starts).toContain('10:30'); // 10:30–11:30
    expect(starts).not.toContain('11:00'); // would run into the lunch break
    expect(starts).not.toContain('16:30'); // would run past closing
    const single = (
      await resident.call(
        'GET',
        `/api/v1/appointments/stations/${stationId}/slots?date=2026-03-03&itemCode=${plain}`,
      )
    ).json<Slots>();
    expect(single.minutes).toBe(30);
    expect(single.slots.map((s) => s.start)).toContain('11:00');
  });

  it('a long item takes two slots, shows its end, and its cancellation frees both', async () => {
    const res = await book(resident, { start: '09:00', itemCode: long });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json<{ id: string; start: string; end: string; itemCode: string }>();
    expect(b).toMatchObject({ start: '09:00', end: '10:00', itemCode: long });
    expect(await counters('2026-03-03')).toMatchObject({ '09:00': 1, '09:30': 1 });
    const full = await book(clerk, { start: '09:30', residentId: people[0] });
    expect(full.json<{ code: string }>().code).toBe('APPT_SLOT_FULL');
    const cancel = await post(resident, `/api/v1/appointments/bookings/${b.id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(await counters('2026-03-03')).toMatchObject({ '09:00': 0, '09:30': 0 });
  });

  it('refuses an item without the appointment channel and a run past closing', async () => {
    const before = await counters('2026-03-03');
    const wrong = await book(clerk, {
      start: '14:00',
      itemCode: notBookable,
      residentId: people[1],
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json<{ code: string }>().code).toBe('APPT_ITEM_NOT_OFFERED');
    const late = await book(clerk, { start: '16:30', itemCode: long, residentId: people[1] });
    expect(late.statusCode).toBe(422);
    expect(late.json<{ code: string }>().code).toBe('APPT_SPAN_NOT_OFFERED');
    expect(await counters('2026-03-03')).toEqual(before);
  });

  it('overlapping long bookings in parallel: no slot ever over capacity, a loser takes nothing', async () => {
    // 13:30, 14:00, 14:30 starts of a 60-minute item overlap pairwise (capacity 1).
    const starts = ['13:30', '14:00', '14:30', '13:30', '14:00', '14:30', '15:00', '15:30'];
    const results = await Promise.all(
      starts.map((start, i) => book(clerk, { start, itemCode: long, residentId: people[i + 2] })),
    );
    const codes = results.map((r) =>
      r.statusCode === 201 ? 'ok' : r.json<{ code: string }>().code,
    );
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'APPT_SLOT_FULL')).toBe(true);
    const won = results
      .filter((r) => r.statusCode === 201)
      .map((r) => r.json<{ start: string; end: string }>());
    const c = await counters('2026-03-03');
    expect(Object.values(c).every((n) => n <= 1)).toBe(true);
    // every counter taken belongs to exactly one winner's run, and each winner holds two
    const taken = Object.entries(c)
      .filter(([, n]) => n === 1)
      .map(([s]) => s)
      .filter((s) => s >= '13:30');
    expect(taken).toHaveLength(won.length * 2);
    expect(won.length).toBeGreaterThanOrEqual(2);
    const links = await t.testDb.db.kysely
      .selectFrom('appt_booking_slots')
      .innerJoin('appt_bookings', 'appt_bookings.id', 'appt_booking_slots.booking_id')
      .select('appt_booking_slots.slot_id')
      .where('appt_bookings.status', '=', 'booked')
      .where('appt_bookings.station_id', '=', stationId)
      .execute();
    expect(new Set(links.map((l) => l.slot_id)).size).toBe(links.length);
  }, 60_000);
});
