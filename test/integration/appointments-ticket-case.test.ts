/**
 * Issue #14 GS-10 filing from the queue, on a real database (both dialects): the case filed for a
 * ticket is linked only when it records the ticket's channel — `appointment` for a booked ticket
 * (lane A), `window` for a walk-in (lane B); another channel is 422 QUEUE_CASE_CHANNEL and links
 * nothing. Filing itself is the ordinary intake (materials, one-time notice) with that channel.
 * (The lane → channel rule is pure: queue.rules.test.ts covers lane A.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { post, stationOf } from './appointments.fixtures.ts';

interface Ticket {
  id: string;
  lane: string;
  residentId: string | null;
  caseId: string | null;
  availableActions: string[];
}

describe('GS-10 the case filed for a ticket records its channel', () => {
  let t: TestApp;
  let clerk: Client;
  let stationId = '';
  let itemCode = '';
  const linkOf = async (id: string) =>
    (
      await t.testDb.db.kysely
        .selectFrom('queue_tickets')
        .select('case_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).case_id;

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    stationId = await stationOf(t);
    // an item that offers the appointment channel
    const list = await clerk.call('GET', '/api/v1/catalog/items?limit=200');
    expect(list.statusCode, list.body).toBe(200);
    itemCode = list
      .json<{ items: { code: string; channels: string[] }[] }>()
      .items.find((i) => i.channels.includes('appointment'))!.code;
  });
  afterAll(async () => t.close());

  async function fileFor(ticket: Ticket, channel: string) {
    const res = await post(clerk, '/api/v1/cases', {
      residentId: ticket.residentId,
      itemCode,
      presented: [],
      channel,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; channel: string }>();
  }

  it('a walk-in (B): a window case links, an appointment case is refused', async () => {
    const residentId = (
      await t.testDb.db.kysely
        .selectFrom('residents')
        .select('id')
        .where('home_region_code', '=', '110115110207')
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
    const b = await post(clerk, `/api/v1/queue/stations/${stationId}/tickets`, { residentId });
    expect(b.statusCode, b.body).toBe(201);
    const ticket = b.json<Ticket>();
    expect(ticket.lane).toBe('B');
    // filing is offered while the ticket is served (the resident is at the window)
    const called = await post(clerk, `/api/v1/queue/stations/${stationId}/call-next`, {});
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json<{ ticket: { id: string } }>().ticket.id).toBe(ticket.id);
    const serving = await post(clerk, `/api/v1/queue/tickets/${ticket.id}/start`);
    expect(serving.json<Ticket>().availableActions).toContain('file_case');
    const wrong = await fileFor(ticket, 'appointment');
    const refused = await post(clerk, `/api/v1/queue/tickets/${ticket.id}/case`, {
      caseId: wrong.id,
    });
    expect(refused.json()).toMatchObject({ code: 'QUEUE_CASE_CHANNEL', expected: 'window' });
    expect(await linkOf(ticket.id)).toBeNull();
    const right = await fileFor(ticket, 'window');
    const linked = await post(clerk, `/api/v1/queue/tickets/${ticket.id}/case`, {
      caseId: right.id,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(await linkOf(ticket.id)).toBe(right.id);
  });
});
