/**
 * VS-3/4/5/7 over HTTP on a real database: 点单 (self and on behalf), 审单 (accept, reject with a
 * reason that reaches the requester), merging, directed dispatch with ranked suggestions, decline
 * with a coded reason, reassign, cancel, 抢单 with exactly one winner among 50 teams, the window
 * sweep (open → escalate, once with two sweepers on PostgreSQL), the contact hidden until a team
 * holds the order, and 评单 once.
 *
 * This file: 抢单 with one winner, who may grab, and the window sweep.
 */
import { describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../src/modules/escalations/escalation.sweep.ts';
import { sweepOrders } from '../../src/modules/orders/orders.sweep.ts';
import { type Client } from '../helpers/test-app.ts';
import { TEST_DIALECT } from '../helpers/test-db.ts';
import { insertAccount, insertTeam } from '../helpers/vs-fixtures.ts';
import {
  accept,
  act,
  count,
  db,
  get,
  leader,
  leaderA,
  leaderB,
  need,
  otherCat,
  t,
  teamA,
  useOrdersWorld,
  vstaff,
  TOWN,
  SANSHUNZHUANG,
  YIZHUANG,
  DISTRICT,
  QYD_VILLAGE,
  HOUR,
  cat,
  type Order,
} from './orders.world.fixtures.ts';

describe('volunteer service orders', () => {
  useOrdersWorld();

  it('50 teams grab one order in parallel: exactly one wins, the rest get 409 ORDER_ALREADY_TAKEN', async () => {
    const leaders = [];
    for (let i = 0; i < 50; i++) leaders.push(await leader(i % 2 ? SANSHUNZHUANG : YIZHUANG, cat));
    const order = await accept((await need()).id);
    expect((await act(vstaff, order.id, 'open')).json<Order>()).toMatchObject({
      state: 'open',
      grabRegionCode: TOWN,
    });
    const audits = await count('audit_events');
    const results = await Promise.all(leaders.map((l) => act(l.client, order.id, 'grab')));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json()).toMatchObject({ code: 'ORDER_ALREADY_TAKEN' });
    const winner = results.findIndex((r) => r.statusCode === 200);
    const row = await db()
      .selectFrom('vs_orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('accepted');
    expect(row.team_id).toBe(leaders[winner]!.team);
    const grabs = await db()
      .selectFrom('vs_order_actions')
      .select('team_id')
      .where('order_id', '=', order.id)
      .where('action', '=', 'grabbed')
      .execute();
    expect(grabs).toEqual([{ team_id: leaders[winner]!.team }]);
    expect(await count('audit_events')).toBe(audits + 1);
  });

  it('grab eligibility: another category or another town may not grab; a team not led is refused', async () => {
    const order = await accept((await need()).id);
    await act(vstaff, order.id, 'open');
    const wrongCat = await leader(SANSHUNZHUANG, otherCat);
    const r1 = await act(wrongCat.client, order.id, 'grab');
    expect(r1.statusCode).toBe(422);
    expect(r1.json()).toMatchObject({ code: 'VS_TEAM_NOT_ELIGIBLE' });
    const far = await leader(QYD_VILLAGE, cat);
    expect((await act(far.client, order.id, 'grab')).statusCode).toBe(422);
    expect((await act(leaderA, order.id, 'grab', { teamId: far.team })).statusCode).toBe(403);
    // Eligible teams see it in their inbox as open, without the contact; the others do not see it.
    const inboxOf = async (c: Client) =>
      (await c.call('GET', '/api/v1/vs/inbox')).json<(Order & { box: string })[]>();
    const seen = (await inboxOf(leaderB)).find((x) => x.id === order.id)!;
    expect(seen.box).toBe('open');
    expect(seen.teamNeeds[0]).toMatchObject({ contactVisible: false, contactPhone: null });
    expect(JSON.stringify(seen)).not.toContain('13912345678');
    expect((await inboxOf(wrongCat.client)).some((x) => x.id === order.id)).toBe(false);
    expect((await inboxOf(far.client)).some((x) => x.id === order.id)).toBe(false);
    expect((await get(leaderB, order.id)).can).toMatchObject({ grab: true, accept: false });
    // A corps leader grabs for a sub-team of theirs.
    const corps = await leader(TOWN, null);
    await db()
      .updateTable('vs_teams')
      .set({ kind: 'corps' })
      .where('id', '=', corps.team)
      .execute();
    const sub = await insertTeam(db(), {
      regionCode: SANSHUNZHUANG,
      categoryCode: cat,
      parentId: corps.team,
    });
    const g = await act(corps.client, order.id, 'grab', { teamId: sub });
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json<Order>().team!.id).toBe(sub);
    expect(g.json<Order>().teamNeeds[0]!.contactVisible).toBe(true);
  });

  it('the sweep: a directed window passes → open in the town; the open window passes → district, level 1, district staff told', async () => {
    const districtStaff = await insertAccount(db(), {
      role: 'volunteer_staff',
      regionCode: DISTRICT,
    });
    const order = await accept((await need()).id);
    await act(vstaff, order.id, 'direct', { teamId: teamA, windowHours: 2 });
    const now0 = t.clock.now;
    const early = await sweepOrders(db(), { now: new Date(now0.getTime() + HOUR), nodeId: 'n1' });
    expect(early.opened).toBe(0);
    const r1 = await sweepDeadlines(db(), {
      now: new Date(now0.getTime() + 2 * HOUR),
      nodeId: 'n1',
    });
    expect(r1.orders.opened).toBeGreaterThanOrEqual(1);
    let row = await db()
      .selectFrom('vs_orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: 'open',
      grab_region_code: TOWN,
      escalation_level: 0,
      directed_team_id: null,
    });
    expect(row.window_ends_at).toBe(new Date(now0.getTime() + 26 * HOUR).toISOString());
    // Sweeping again at the same time does nothing more.
    const again = await sweepOrders(db(), {
      now: new Date(now0.getTime() + 2 * HOUR),
      nodeId: 'n2',
    });
    expect(again.opened + again.escalated).toBe(0);
    // A team of another town cannot grab yet.
    const far = await leader(QYD_VILLAGE, cat);
    expect((await act(far.client, order.id, 'grab')).statusCode).toBe(422);

    const r2 = await sweepOrders(db(), { now: new Date(now0.getTime() + 27 * HOUR), nodeId: 'n1' });
    expect(r2.escalated).toBeGreaterThanOrEqual(1);
    row = await db()
      .selectFrom('vs_orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'open', grab_region_code: DISTRICT, escalation_level: 1 });
    const told = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('account_id', '=', districtStaff.id)
      .where('entity_id', '=', order.id)
      .execute();
    expect(told).toHaveLength(1);
    const steps = await db()
      .selectFrom('vs_order_sweeps')
      .select('step')
      .where('order_id', '=', order.id)
      .execute();
    expect(steps.map((s) => s.step).sort()).toEqual(['escalate:v3', 'open:v2']);
    const swept = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', order.id)
      .where('action', '=', 'vs_order.swept')
      .execute();
    expect(swept).toHaveLength(2);
    // Now the team of the other town may grab it (session re-login after the clock moved is not needed: no clock move in the app).
    const g = await act(far.client, order.id, 'grab');
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json<Order>().timeline.map((x) => x.action)).toEqual([
      'created',
      'directed',
      'window_expired_opened',
      'escalated',
      'grabbed',
    ]);
  });

  it.skipIf(TEST_DIALECT !== 'postgres')(
    'two sweepers at once act once (PostgreSQL: two connection pools, two nodes)',
    async () => {
      const orders = [];
      for (let i = 0; i < 10; i++) {
        const o = await accept((await need()).id);
        await act(vstaff, o.id, 'direct', { teamId: teamA, windowHours: 1 });
        orders.push(o.id);
      }
      const other = t.testDb.openAnother();
      const when = new Date(t.clock.now.getTime() + 2 * HOUR);
      const [a, b] = await Promise.all([
        sweepOrders(db(), { now: when, nodeId: 'node-a' }),
        sweepOrders(other.kysely, { now: when, nodeId: 'node-b' }),
      ]);
      expect(a.opened + b.opened).toBe(10);
      const steps = await db()
        .selectFrom('vs_order_sweeps')
        .select(['order_id'])
        .where('order_id', 'in', orders)
        .execute();
      expect(steps).toHaveLength(10);
      const actions = await db()
        .selectFrom('vs_order_actions')
        .select('order_id')
        .where('order_id', 'in', orders)
        .where('action', '=', 'window_expired_opened')
        .execute();
      expect(actions).toHaveLength(10);
    },
  );
});
