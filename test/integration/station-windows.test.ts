/**
 * Issue #14 (GS-10/GS-13) on the dialect of the run: a station's windows, a clerk sitting at one
 * (never two clerks at one window), "call next" to her window (the queue screen says which), and
 * the rating device bound to a window: it wakes only with the case of the clerk sitting there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { post, setTemplate, stationOf } from './appointments.fixtures.ts';
import { deliveredCase, residentId } from './ratings.fixtures.ts';

interface Win {
  id: string;
  number: number;
  name: string;
  sitterName: string | null;
  mine: boolean;
  availableActions: string[];
}

describe('#14 station windows, seats and devices per window', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let other: Client;
  let resident: Client;
  let stationId = '';
  let w1: Win;
  let w2: Win;

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    other = await t.login('clerk-qyd');
    resident = await t.login('resident');
    stationId = await stationOf(t);
  });
  afterAll(async () => t.close());

  const windows = async (c: Client = clerk) => {
    const r = await c.call('GET', `/api/v1/queue/stations/${stationId}/windows`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Win[]>();
  };
  const count = async (table: 'station_windows' | 'window_seats' | 'queue_tickets') =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('the demo station has 1号窗口 and 2号窗口; staff add, rename and archive windows', async () => {
    const list = await windows();
    expect(list.map((w) => w.name)).toEqual(['1号窗口', '2号窗口']);
    [w1, w2] = list as [Win, Win];
    expect(w1.availableActions).toEqual(['sit', 'rename', 'archive']);
    const added = await post(clerk, `/api/v1/queue/stations/${stationId}/windows`, { number: 3 });
    expect(added.statusCode, added.body).toBe(201);
    const w3 = added.json<Win>();
    expect(w3).toMatchObject({ number: 3, name: '3号窗口', sitterName: null });
    const dup = await post(clerk, `/api/v1/queue/stations/${stationId}/windows`, { number: 3 });
    expect(dup.json()).toMatchObject({ status: 409, code: 'QUEUE_WINDOW_NUMBER_TAKEN' });
    const renamed = await clerk.call('PATCH', `/api/v1/queue/windows/${w3.id}`, {
      name: '综合窗口',
    });
    expect(renamed.json()).toMatchObject({ name: '综合窗口' });
    const archived = await clerk.call('PATCH', `/api/v1/queue/windows/${w3.id}`, {
      archived: true,
    });
    expect(archived.json()).toMatchObject({ archived: true, availableActions: [] });
    expect((await post(clerk, `/api/v1/queue/windows/${w3.id}/sit`)).json()).toMatchObject({
      code: 'QUEUE_WINDOW_STATE',
    });
  });

  it('bad input and out of scope: 4xx problem+json, nothing written', async () => {
    const before = await count('station_windows');
    const seats = await count('window_seats');
    for (const [c, method, url, body] of [
      [clerk, 'POST', `/api/v1/queue/stations/${stationId}/windows`, { number: 0 }],
      [clerk, 'POST', `/api/v1/queue/stations/${stationId}/windows`, { number: 21 }],
      [clerk, 'POST', `/api/v1/queue/stations/${stationId}/windows`, { number: 4, x: 1 }],
      [clerk, 'PATCH', `/api/v1/queue/windows/${w1.id}`, {}],
      [clerk, 'POST', '/api/v1/queue/windows/not-a-uuid/sit', {}],
      [other, 'POST', `/api/v1/queue/stations/${stationId}/windows`, { number: 5 }],
      [other, 'POST', `/api/v1/queue/windows/${w1.id}/sit`, {}],
      [resident, 'GET', `/api/v1/queue/stations/${stationId}/windows`, undefined],
      [clerk, 'POST', `/api/v1/queue/stations/${stationId}/call-next`, { windowId: 'x' }],
    ] as const) {
      const r = method === 'POST' ? await post(c, url, body) : await c.call(method, url, body);
      expect(r.statusCode, `${method} ${url} ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${method} ${url}`).toBeLessThan(500);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(typeof r.json<{ code: string }>().code).toBe('string');
    }
    expect(await count('station_windows')).toBe(before);
    expect(await count('window_seats')).toBe(seats);
  });

  it('one clerk per window: the second gets QUEUE_WINDOW_TAKEN naming the first', async () => {
    const sat = await post(clerk, `/api/v1/queue/windows/${w2.id}/sit`);
    expect(sat.statusCode, sat.body).toBe(204);
    const seats = await count('window_seats');
    const taken = await post(town, `/api/v1/queue/windows/${w2.id}/sit`);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'QUEUE_WINDOW_TAKEN', windowId: w2.id });
    expect(await count('window_seats')).toBe(seats);
    // Calling next to a taken window: refused, nothing called.
    const tickets = await count('queue_tickets');
    await setTemplate(clerk, stationId);
    const refused = await post(town, `/api/v1/queue/stations/${stationId}/call-next`, {
      windowId: w2.id,
    });
    expect(refused.json()).toMatchObject({ code: 'QUEUE_WINDOW_TAKEN' });
    expect(await count('queue_tickets')).toBe(tickets);
    const list = await windows();
    expect(list.find((w) => w.id === w2.id)).toMatchObject({
      mine: true,
      availableActions: ['leave', 'rename'],
    });
    expect(list.find((w) => w.id === w1.id)?.availableActions).toContain('sit');
  });

  it('call next records her window; the queue screen says "A… 请到 2号窗口 / to window 2"', async () => {
    const walkIn = await post(clerk, `/api/v1/queue/stations/${stationId}/tickets`, {});
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const called = await post(clerk, `/api/v1/queue/stations/${stationId}/call-next`, {});
    expect(called.statusCode, called.body).toBe(200);
    const ticket = called.json<{ ticket: { label: string; windowNumber: number; desk: string } }>()
      .ticket;
    expect(ticket).toMatchObject({ windowNumber: 2, desk: '2号窗口' });
    const token = (
      await t.testDb.db.kysely
        .selectFrom('appt_templates')
        .select('screen_token')
        .where('station_id', '=', stationId)
        .executeTakeFirstOrThrow()
    ).screen_token;
    const screen = await t.app.inject({ method: 'GET', url: `/api/v1/queue/screen/${token}` });
    expect(screen.json<{ calling: unknown[] }>().calling[0]).toEqual({
      label: ticket.label,
      desk: '2号窗口',
      windowNumber: 2,
      text: { zh: `${ticket.label} 请到 2号窗口`, en: `${ticket.label} to window 2` },
    });
  });

  it('a device per window: each wakes only with the case of the clerk sitting at its window', async () => {
    const pair = async (windowId: string | null, name: string) => {
      const created = await post(clerk, '/api/v1/ratings/devices', {
        name,
        ...(windowId ? { windowId } : {}),
      });
      expect(created.statusCode, created.body).toBe(201);
      const paired = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ratings/device/pair',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ code: created.json<{ pairCode: string }>().pairCode }),
      });
      const token = paired.json<{ token: string }>().token;
      return async () =>
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/ratings/device/current',
            headers: { 'x-rating-device': token },
          })
        ).json<{ windowName: string | null; case: { id: string } | null }>();
    };
    const wrongWindow = await post(clerk, '/api/v1/ratings/devices', {
      name: 'x',
      windowId: crypto.randomUUID(),
    });
    expect(wrongWindow.json()).toMatchObject({ code: 'RATING_DEVICE_WINDOW' });
    const d1 = await pair(w1.id, '评价器一');
    const d2 = await pair(w2.id, '评价器二');
    const station = await pair(null, '评价器（站）');
    expect(await d1()).toMatchObject({ windowName: '1号窗口', case: null });
    const liId = await residentId(clerk);
    t.clock.advance(60_000);
    // The clerk sits at 2号窗口: her case wakes device 2 only.
    const k1 = await deliveredCase(clerk, town, liId);
    expect((await d2()).case?.id).toBe(k1.id);
    expect((await d1()).case).toBeNull();
    expect((await station()).case?.id).toBe(k1.id); // bound to the station: as before
    // She moves to 1号窗口: her next case wakes device 1; device 2 keeps the case it had.
    t.clock.advance(60_000);
    expect((await post(clerk, `/api/v1/queue/windows/${w1.id}/sit`)).statusCode).toBe(204);
    t.clock.advance(60_000);
    const k2 = await deliveredCase(clerk, town, liId);
    expect((await d1()).case?.id).toBe(k2.id);
    expect((await d2()).case?.id).toBe(k1.id);
    // She leaves: a case delivered now wakes no window's device.
    t.clock.advance(60_000);
    expect((await post(clerk, `/api/v1/queue/windows/${w1.id}/leave`)).statusCode).toBe(204);
    t.clock.advance(60_000);
    const k3 = await deliveredCase(clerk, town, liId);
    expect((await d1()).case?.id).toBe(k2.id);
    expect((await d2()).case?.id).toBe(k1.id);
    expect((await station()).case?.id).toBe(k3.id);
  });
});
