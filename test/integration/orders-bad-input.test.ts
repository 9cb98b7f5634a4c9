/**
 * VS-3/4/5/7 over HTTP on a real database: 点单 (self and on behalf), 审单 (accept, reject with a
 * reason that reaches the requester), merging, directed dispatch with ranked suggestions, decline
 * with a coded reason, reassign, cancel, 抢单 with exactly one winner among 50 teams, the window
 * sweep (open → escalate, once with two sweepers on PostgreSQL), the contact hidden until a team
 * holds the order, and 评单 once.
 *
 * This file: bad input on every endpoint and the wanted time / contact of issue #11.
 */
import { describe, expect, it } from 'vitest';
import { type Client } from '../helpers/test-app.ts';
import {
  accept,
  clerk,
  count,
  leaderA,
  need,
  onBehalf,
  resident,
  t,
  teamA,
  useOrdersWorld,
  vstaff,
  SANSHUNZHUANG,
  QYD_VILLAGE,
  cat,
  type Need,
} from './orders.world.fixtures.ts';

describe('volunteer service orders', () => {
  useOrdersWorld();

  it('bad input on every endpoint → 4xx problem+json, nothing written', async () => {
    const n = await need();
    const order = await accept((await need()).id);
    const none = '00000000-0000-4000-8000-000000000000';
    const tables = [
      'vs_needs',
      'vs_orders',
      'vs_order_actions',
      'vs_ratings',
      'notifications',
      'audit_events',
    ] as const;
    const counts = async () => Promise.all(tables.map((x) => count(x)));
    const before = await counts();
    const ok = {
      regionCode: SANSHUNZHUANG,
      categoryCode: cat,
      description: '描述',
      place: '地点',
      contactName: '张三',
      contactPhone: '13912345678',
    };
    const cases: [Client, string, string, unknown, number, string?][] = [
      [resident, 'POST', '/api/v1/vs/needs', { ...ok, extra: 1 }, 400],
      [resident, 'POST', '/api/v1/vs/needs', { ...ok, contactPhone: '12345' }, 400],
      [resident, 'POST', '/api/v1/vs/needs', { ...ok, description: '' }, 400],
      [
        resident,
        'POST',
        '/api/v1/vs/needs',
        { ...ok, regionCode: '110115999999' },
        422,
        'VS_REGION_NOT_FOUND',
      ],
      [
        resident,
        'POST',
        '/api/v1/vs/needs',
        { ...ok, categoryCode: 'nope' },
        422,
        'VS_NEED_CATEGORY_INVALID',
      ],
      [
        resident,
        'POST',
        '/api/v1/vs/needs',
        { ...ok, categoryCode: undefined },
        422,
        'VS_NEED_CATEGORY_INVALID',
      ],
      [
        resident,
        'POST',
        '/api/v1/vs/needs',
        { ...ok, projectId: none },
        422,
        'VS_PROJECT_NOT_ON_MENU',
      ],
      [
        resident,
        'POST',
        '/api/v1/vs/needs',
        { ...ok, wantedFrom: '2026-03-05T04:00:00Z', wantedTo: '2026-03-05T01:00:00Z' },
        422,
        'VS_WANTED_WINDOW_INVALID',
      ],
      [resident, 'POST', '/api/v1/vs/needs', '{"regionCode":', 400, 'MALFORMED_JSON'],
      [clerk, 'POST', '/api/v1/vs/needs/on-behalf', { ...ok, channel: 'self' }, 400],
      [
        clerk,
        'POST',
        '/api/v1/vs/needs/on-behalf',
        { ...ok, channel: 'phone', residentId: none },
        404,
        'RESIDENT_NOT_FOUND',
      ],
      [
        clerk,
        'POST',
        '/api/v1/vs/needs/on-behalf',
        { ...ok, channel: 'phone', regionCode: QYD_VILLAGE },
        403,
        'OUT_OF_SCOPE',
      ],
      [vstaff, 'GET', '/api/v1/vs/needs?status=nope', undefined, 400],
      [resident, 'GET', '/api/v1/vs/menu', undefined, 400],
      [vstaff, 'POST', `/api/v1/vs/needs/${none}/accept`, {}, 404, 'VS_NEED_NOT_FOUND'],
      [vstaff, 'POST', `/api/v1/vs/needs/${n.id}/accept`, { title: '' }, 400],
      [vstaff, 'POST', `/api/v1/vs/needs/not-a-uuid/accept`, {}, 400],
      [vstaff, 'POST', `/api/v1/vs/needs/${n.id}/reject`, {}, 400],
      [vstaff, 'POST', `/api/v1/vs/needs/${n.id}/reject`, { reason: '   ' }, 400],
      [vstaff, 'POST', '/api/v1/vs/needs/merge', { needIds: [n.id], title: 't' }, 400],
      [vstaff, 'POST', '/api/v1/vs/needs/merge', { needIds: [n.id, none], title: 't' }, 404],
      [
        vstaff,
        'POST',
        '/api/v1/vs/needs/merge',
        { needIds: [n.id, n.id], title: 't' },
        422,
        'VS_MERGE_INVALID',
      ],
      [resident, 'POST', `/api/v1/vs/needs/${n.id}/rating`, { stars: 6 }, 400],
      [
        resident,
        'POST',
        `/api/v1/vs/needs/${n.id}/rating`,
        { stars: 5 },
        409,
        'VS_RATING_NOT_OPEN',
      ],
      [vstaff, 'GET', '/api/v1/vs/orders?state=nope', undefined, 400],
      [vstaff, 'GET', `/api/v1/vs/orders/${none}`, undefined, 404, 'VS_ORDER_NOT_FOUND'],
      [vstaff, 'GET', `/api/v1/vs/orders/${none}/suggestions`, undefined, 404],
      [
        vstaff,
        'POST',
        `/api/v1/vs/orders/${order.id}/direct`,
        { teamId: none },
        404,
        'VS_ORDER_TEAM_NOT_FOUND',
      ],
      [
        vstaff,
        'POST',
        `/api/v1/vs/orders/${order.id}/direct`,
        { teamId: teamA, windowHours: 0 },
        400,
      ],
      [vstaff, 'POST', `/api/v1/vs/orders/${order.id}/open`, { windowHours: 'x' }, 400],
      [vstaff, 'POST', `/api/v1/vs/orders/${order.id}/reassign`, {}, 400],
      [vstaff, 'POST', `/api/v1/vs/orders/${order.id}/cancel`, {}, 400],
      [
        vstaff,
        'POST',
        `/api/v1/vs/orders/${order.id}/complete`,
        {},
        409,
        'VS_ORDER_STATE_CONFLICT',
      ],
      [leaderA, 'POST', `/api/v1/vs/orders/${order.id}/accept`, {}, 409],
      [leaderA, 'POST', `/api/v1/vs/orders/${order.id}/grab`, { teamId: 'x' }, 400],
      [leaderA, 'POST', `/api/v1/vs/orders/${order.id}/grab`, {}, 409],
      [leaderA, 'POST', `/api/v1/vs/orders/${order.id}/decline`, { reasonCode: 'bored' }, 400],
      [resident, 'GET', '/api/v1/vs/rankings/teams?minRatings=0', undefined, 400],
    ];
    for (const [who, method, url, body, status, code] of cases) {
      const r = await who.call(method as 'GET', url, body);
      expect(r.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${r.body}`).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      if (code) expect(r.json()).toMatchObject({ code });
    }
    expect(await counts()).toEqual(before);
  });

  it('issue #11: a wanted time in the past (China time) is refused, by residents and on behalf; today’s later hours pass', async () => {
    // The clock: 2026-03-02 09:30 in Beijing (01:30 UTC).
    expect(t.clock.now.toISOString()).toBe('2026-03-02T01:30:00.000Z');
    const base = {
      regionCode: SANSHUNZHUANG,
      categoryCode: cat,
      description: '想请志愿者帮忙修理水管',
      place: '三顺庄村 8 号',
      contactName: '张三',
      contactPhone: '13912345678',
    };
    const refused: Record<string, string>[] = [
      // Yesterday in China (23:59 on 1 March), though it ends today.
      { wantedFrom: '2026-03-01T15:59:00Z', wantedTo: '2026-03-02T04:00:00Z' },
      // Today, but already over at 09:30 (08:00–09:00).
      { wantedFrom: '2026-03-02T00:00:00Z', wantedTo: '2026-03-02T01:00:00Z' },
      // A start only, at 09:00 today.
      { wantedFrom: '2026-03-02T01:00:00Z' },
      // An end only, yesterday; and a zone offset that names the same instant.
      { wantedTo: '2026-03-01T10:00:00+08:00' },
    ];
    const counts = async () => Promise.all([count('vs_needs'), count('audit_events')]);
    const before = await counts();
    for (const wanted of refused) {
      for (const [who, url, extra] of [
        [resident, '/api/v1/vs/needs', {}],
        [clerk, '/api/v1/vs/needs/on-behalf', { channel: 'phone' }],
      ] as const) {
        const r = await who.call('POST', url, { ...base, ...extra, ...wanted });
        expect(r.statusCode, `${url} ${JSON.stringify(wanted)} → ${r.body}`).toBe(422);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(r.json()).toMatchObject({ code: 'VS_WANTED_IN_PAST' });
        expect(r.json<{ title: string }>().title).toContain('北京时间');
      }
    }
    expect(await counts()).toEqual(before);
    const en = await resident.call(
      'POST',
      '/api/v1/vs/needs',
      { ...base, wantedFrom: '2026-03-02T01:00:00Z' },
      { 'accept-language': 'en' },
    );
    expect(en.json<{ title: string }>().title).toContain('China time');
    // Midnight in China starts today; a window that began this morning and ends later passes.
    await need(resident, { wantedFrom: '2026-03-01T16:00:00Z', wantedTo: '2026-03-02T04:00:00Z' });
    await need(resident, { wantedFrom: '2026-03-02T01:45:00+00:00', wantedTo: undefined });
    await onBehalf(clerk, { wantedFrom: '2026-03-02T06:00:00Z', wantedTo: '2026-03-02T08:00:00Z' });
  });

  it('issue #11: on behalf of a resident picked from the registry, the phone on record is the contact; without one a phone is required', async () => {
    const found = await clerk.call('POST', '/api/v1/residents/lookup', {
      idNumber: '110115194803120019', // 李长福, 三顺庄村
    });
    expect(found.statusCode, found.body).toBe(200);
    const person = found.json<{ id: string; phoneMasked: string | null }>();
    expect(person.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const body = {
      regionCode: SANSHUNZHUANG,
      categoryCode: cat,
      channel: 'phone',
      description: '电话求助：想请志愿者帮忙打扫院子',
      place: '三顺庄村',
      contactName: '李长福',
    };
    const r = await clerk.call('POST', '/api/v1/vs/needs/on-behalf', {
      ...body,
      residentId: person.id,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<Need>().contactPhoneMasked).toBe(person.phoneMasked);
    // A phone given wins over the one on record.
    const other = await clerk.call('POST', '/api/v1/vs/needs/on-behalf', {
      ...body,
      residentId: person.id,
      contactPhone: '13600001234',
    });
    expect(other.json<Need>().contactPhoneMasked).toBe('136****1234');
    // No resident picked and no phone: refused with a code, nothing written.
    const before = await count('vs_needs');
    const refused = await clerk.call('POST', '/api/v1/vs/needs/on-behalf', body);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'VS_CONTACT_PHONE_REQUIRED' });
    expect(await count('vs_needs')).toBe(before);
    // A resident ordering for themself still gives a phone (the schema requires it).
    const self = await resident.call('POST', '/api/v1/vs/needs', {
      regionCode: body.regionCode,
      categoryCode: body.categoryCode,
      description: body.description,
      place: body.place,
      contactName: body.contactName,
    });
    expect(self.statusCode, self.body).toBe(400);
  });
});
