/**
 * GS-13 好差评 over HTTP on a real database: the window rating device, signed links (once, expiry),
 * one rating per subject under parallel submits, one follow-up, identity hidden from the rated
 * staff, scope and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { count, deliveredCase, linkFor, rateByLink, residentId } from './ratings.fixtures.ts';

describe('GS-13 ratings', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let other: Client;
  let liId = '';

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    other = await t.login('clerk-qyd');
    liId = await residentId(clerk);
  });
  afterAll(async () => t.close());

  const device = (token: string) => ({
    current: () =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/ratings/device/current',
        headers: { 'x-rating-device': token },
      }),
    rate: (body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/ratings/device/ratings',
        headers: { 'x-rating-device': token, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      }),
  });

  it('the window device: paired by code, wakes with the case just delivered, a 差评 opens a ticket, back to idle', async () => {
    const created = await clerk.call('POST', '/api/v1/ratings/devices', { name: '1号窗口' });
    expect(created.statusCode, created.body).toBe(201);
    const { pairCode } = created.json<{ pairCode: string }>();
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ratings/device/pair',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ code: pairCode === '000000' ? '000001' : '000000' }),
    });
    expect(wrong.json()).toMatchObject({ code: 'RATING_PAIR_CODE_WRONG' });
    const paired = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ratings/device/pair',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ code: pairCode }),
    });
    expect(paired.statusCode, paired.body).toBe(201);
    const { token } = paired.json<{ token: string }>();
    const d = device(token);
    expect((await d.current()).json()).toMatchObject({
      case: null,
      stationName: '伊庄村政务服务站',
    });
    // The pairing code is spent; a device token is not a staff session.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ratings/device/pair',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ code: pairCode }),
    });
    expect(again.statusCode).toBe(422);
    const asStaff = await t.app.inject({
      method: 'GET',
      url: '/api/v1/ratings',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asStaff.statusCode).toBe(401);

    const k = await deliveredCase(clerk, town, liId);
    const shown = (await d.current()).json<{ case: { id: string; number: string } | null }>();
    expect(shown.case).toMatchObject({ id: k.id, number: k.number });
    // 差评 without a reason: refused, nothing written.
    const before = await count(t, 'ratings');
    const noReason = await d.rate({ caseId: k.id, level: 1, reasons: [] });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json()).toMatchObject({ code: 'RATING_REASONS_REQUIRED' });
    expect(await count(t, 'ratings')).toBe(before);
    const rated = await d.rate({
      caseId: k.id,
      level: 1,
      reasons: ['slow', 'attitude'],
      comment: '等了很久',
    });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json<{ ticketId: string | null }>().ticketId).toBeTruthy();
    expect((await d.current()).json()).toMatchObject({ case: null });
    const twice = await d.rate({ caseId: k.id, level: 5, reasons: [] });
    expect(twice.json()).toMatchObject({ code: 'RATING_DEVICE_NO_CASE' });
    // No device token, a made-up one, or a revoked device: 401.
    expect((await device('nope').current()).statusCode).toBe(401);
    const list = (await clerk.call('GET', '/api/v1/ratings/devices')).json<
      { id: string; availableActions: string[] }[]
    >();
    expect(list[0]!.availableActions).toEqual(['revoke']);
    expect(
      (await clerk.call('POST', `/api/v1/ratings/devices/${list[0]!.id}/revoke`)).statusCode,
    ).toBe(204);
    expect((await d.current()).json()).toMatchObject({ code: 'RATING_DEVICE_INVALID' });
  });

  it('one rating per service under parallel submits; one follow-up, then no more', async () => {
    const k = await deliveredCase(clerk, town, liId);
    const links = await Promise.all([1, 2, 3, 4].map(() => linkFor(clerk, k.id)));
    const answers = await Promise.all(
      links.slice(0, 3).map((l) => rateByLink(t, l.token, { level: 4 })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect(a.json()).toMatchObject({ code: 'RATING_ALREADY_GIVEN' });
    const rows = await t.testDb.db.kysely
      .selectFrom('ratings')
      .selectAll()
      .where('subject_id', '=', k.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'qr', kind: 'first', level: 4 });

    const follow = await rateByLink(t, links[3]!.token, { level: 5, followUp: true });
    expect(follow.statusCode, follow.body).toBe(201);
    expect(follow.json()).toMatchObject({ kind: 'follow_up', ticketId: null });
    const third = await rateByLink(t, (await linkFor(clerk, k.id)).token, {
      level: 5,
      followUp: true,
    });
    expect(third.json()).toMatchObject({ code: 'RATING_ALREADY_GIVEN' });
  });

  it('a rating records the service’s own channel: an appointment case is not a window one', async () => {
    const booked = await deliveredCase(clerk, town, liId, 'appointment');
    const walkIn = await deliveredCase(clerk, town, liId);
    for (const k of [booked, walkIn]) {
      const { token } = await linkFor(clerk, k.id);
      const r = await rateByLink(t, token, { level: 5 });
      expect(r.statusCode, r.body).toBe(201);
    }
    const list = (await town.call('GET', '/api/v1/ratings?limit=200')).json<
      { number: string; serviceChannel: string | null; channel: string }[]
    >();
    const of = (n: string) => list.find((x) => x.number === n);
    expect(of(booked.number)).toMatchObject({ serviceChannel: 'appointment', channel: 'qr' });
    expect(of(walkIn.number)).toMatchObject({ serviceChannel: 'window', channel: 'qr' });
  });

  it('a follow-up needs a first rating', async () => {
    const k = await deliveredCase(clerk, town, liId);
    const r = await rateByLink(t, (await linkFor(clerk, k.id)).token, { level: 3, followUp: true });
    expect(r.json()).toMatchObject({ code: 'RATING_FOLLOW_UP_NEEDS_FIRST' });
  });

  it('a signed link works once, without login, and expires', async () => {
    const k = await deliveredCase(clerk, town, liId);
    const invites = () =>
      t.testDb.db.kysely
        .selectFrom('outbox_messages')
        .select(['template_kind', 'recipient_masked'])
        .where('template_kind', '=', 'rating_invite')
        .execute();
    const before = (await invites()).length; // the delivery's own automatic invitation included
    const { token, body } = await linkFor(clerk, k.id, 'sms');
    expect(body.smsTo).toMatch(/\*/);
    const after = await invites();
    expect(after).toHaveLength(before + 1);
    expect(after.filter((m) => m.recipient_masked === body.smsTo).length).toBeGreaterThanOrEqual(1);
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ratings/public/links/${token}`,
    });
    expect(view.json()).toMatchObject({ number: k.number, next: 'first' });
    expect(view.body).not.toContain('李');
    expect((await rateByLink(t, token, { level: 5 })).statusCode).toBe(201);
    expect((await rateByLink(t, token, { level: 5, followUp: true })).json()).toMatchObject({
      code: 'RATING_LINK_USED',
    });

    const k2 = await deliveredCase(clerk, town, liId);
    const late = await linkFor(clerk, k2.id);
    t.clock.advance(16 * 86_400_000);
    try {
      const expired = await rateByLink(t, late.token, { level: 5 });
      expect(expired.statusCode).toBe(404);
      expect(expired.json()).toMatchObject({ code: 'RATING_LINK_INVALID' });
    } finally {
      t.clock.advance(-16 * 86_400_000);
    }
    expect(
      await t.testDb.db.kysely
        .selectFrom('ratings')
        .select('id')
        .where('subject_id', '=', k2.id)
        .execute(),
    ).toEqual([]);
  });

  it('a service not yet finished cannot be rated; a resident rates only their own', async () => {
    const filed = await clerk.call('POST', '/api/v1/cases', {
      residentId: liId,
      itemCode: 'DX-SB-001',
      presented: ['id_card', 'photo_1inch'],
    });
    const id = filed.json<{ id: string }>().id;
    const link = await clerk.call('POST', '/api/v1/ratings/links', {
      subjectType: 'case',
      subjectId: id,
      channel: 'qr',
    });
    expect(link.json()).toMatchObject({ code: 'RATING_NOT_RATEABLE' });
    // The demo resident is 李长福 himself (SMS login); the demo guardian is someone else.
    const resident = await t.login('resident');
    const guardian = await t.login('guardian');
    const k = await deliveredCase(clerk, town, liId);
    const body = { subjectType: 'case', subjectId: k.id, level: 5 };
    const notMine = await guardian.call('POST', '/api/v1/ratings/mine', body);
    expect(notMine.statusCode).toBe(404);
    const own = await resident.call('POST', '/api/v1/ratings/mine', body);
    expect(own.statusCode, own.body).toBe(201);
    const row = await t.testDb.db.kysely
      .selectFrom('ratings')
      .select(['channel', 'rater_resident_id'])
      .where('subject_id', '=', k.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'phone_page', rater_resident_id: liId });
  });

  it('staff never see who rated them; those who call back do', async () => {
    const mine = (await clerk.call('GET', '/api/v1/ratings?bad=true')).json<
      { rater: unknown; staffName: string }[]
    >();
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) expect(r.rater).toBeNull();
    const asClerk = await clerk.call('GET', '/api/v1/ratings/tickets');
    expect(asClerk.body).not.toContain('李*');
    const officer = (await town.call('GET', '/api/v1/ratings?bad=true')).json<
      { rater: { name: string } | null }[]
    >();
    expect(officer[0]!.rater).toMatchObject({ name: '李**' });
  });

  it('scope: another town sees none of it', async () => {
    expect((await other.call('GET', '/api/v1/ratings')).json()).toEqual([]);
    const ticket = (await town.call('GET', '/api/v1/ratings/tickets')).json<{ id: string }[]>()[0]!;
    const r = await other.call('GET', `/api/v1/ratings/tickets/${ticket.id}`);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  it('bad input on every new endpoint is a 4xx problem, nothing written', async () => {
    const before = await count(t, 'audit_events');
    const bad: [Client | null, 'GET' | 'POST', string, unknown?][] = [
      [null, 'GET', '/api/v1/ratings/public/links/short'],
      [null, 'POST', '/api/v1/ratings/public/links/AAAAAAAAAAAAAAAAAAAA', { level: 6 }],
      [null, 'POST', '/api/v1/ratings/public/links/AAAAAAAAAAAAAAAAAAAA', { level: 5 }],
      [null, 'POST', '/api/v1/ratings/device/pair', { code: 'abc' }],
      [null, 'POST', '/api/v1/ratings/device/ratings', { caseId: 'x', level: 5 }],
      [
        clerk,
        'POST',
        '/api/v1/ratings/links',
        { subjectType: 'case', subjectId: 'nope', channel: 'qr' },
      ],
      [
        clerk,
        'POST',
        '/api/v1/ratings/links',
        { subjectType: 'case', subjectId: crypto.randomUUID(), channel: 'fax' },
      ],
      [clerk, 'POST', '/api/v1/ratings/devices', { name: '' }],
      [clerk, 'POST', '/api/v1/ratings/devices', { name: '13812345678' }],
      [clerk, 'POST', `/api/v1/ratings/devices/${crypto.randomUUID()}/revoke`],
      [clerk, 'GET', '/api/v1/ratings?limit=0'],
      [clerk, 'GET', '/api/v1/ratings/tickets/not-a-uuid'],
      [
        clerk,
        'POST',
        `/api/v1/ratings/tickets/${crypto.randomUUID()}/steps`,
        { action: 'fly', version: 1 },
      ],
      [
        clerk,
        'POST',
        `/api/v1/ratings/tickets/${crypto.randomUUID()}/steps`,
        { action: 'close', version: 1 },
      ],
      [clerk, 'POST', `/api/v1/ratings/${crypto.randomUUID()}/appeal`, { reason: '' }],
      [clerk, 'POST', `/api/v1/ratings/${crypto.randomUUID()}/appeal`, { reason: '恶意' }],
      [
        town,
        'POST',
        `/api/v1/ratings/appeals/${crypto.randomUUID()}/decision`,
        { decision: 'maybe', note: 'x' },
      ],
      [clerk, 'GET', '/api/v1/ratings/metrics?month=2026-13'],
      [clerk, 'GET', '/api/v1/ratings/export?month=march'],
      [clerk, 'GET', '/api/v1/ratings/export.xlsx?month=2026-03&lang=fr'],
    ];
    for (const [c, method, url, body] of bad) {
      const r = c
        ? await c.call(method, url, body)
        : await t.app.inject({
            method,
            url,
            ...(body
              ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }
              : {}),
          });
      expect(r.statusCode, `${method} ${url} ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.headers['content-type'], url).toContain('application/problem+json');
      expect(r.json<{ code: string }>().code, url).toMatch(/^[A-Z_]+$/);
    }
    expect(await count(t, 'audit_events')).toBe(before);
  });
});
