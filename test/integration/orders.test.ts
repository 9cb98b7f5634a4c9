/**
 * VS-3/4/5/7 over HTTP on a real database: 点单 (self and on behalf), 审单 (accept, reject with a
 * reason that reaches the requester), merging, directed dispatch with ranked suggestions, decline
 * with a coded reason, reassign, cancel, 抢单 with exactly one winner among 50 teams, the window
 * sweep (open → escalate, once with two sweepers on PostgreSQL), the contact hidden until a team
 * holds the order, and 评单 once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { sweepDeadlines } from '../../src/modules/escalations/escalation.sweep.ts';
import { sweepOrders } from '../../src/modules/orders/orders.sweep.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { TEST_DIALECT } from '../helpers/test-db.ts';
import {
  accountId,
  insertAccount,
  insertCategory,
  insertProject,
  insertTeam,
  uniq,
} from '../helpers/vs-fixtures.ts';

const TOWN = '110115110000'; // 魏善庄镇
const SANSHUNZHUANG = '110115110222';
const YIZHUANG = '110115110207';
const DISTRICT = '110115000000';
const QYD_VILLAGE = '110115103201'; // 青云店镇
const HOUR = 3_600_000;

interface Need {
  id: string;
  needNumber: string;
  status: string;
  contactPhoneMasked: string;
  toCallBack: boolean;
  rejectReason: string | null;
  orderId: string | null;
  channel: string;
}
interface TeamNeed {
  contactVisible: boolean;
  contactName: string | null;
  contactPhone: string | null;
}
interface Order {
  id: string;
  orderNumber: string;
  state: string;
  version: number;
  regionCode: string;
  grabRegionCode: string | null;
  escalationLevel: number;
  windowEndsAt: string | null;
  team: { id: string } | null;
  directedTeam: { id: string } | null;
  needCount: number;
  toCallBack: number;
  needs: Need[];
  teamNeeds: TeamNeed[];
  timeline: { action: string; toState: string; reasonCode: string | null }[];
  can: Record<string, boolean>;
}
interface Mine extends Need {
  order: { state: string; timeline: { action: string }[] } | null;
  ratingOpen: boolean;
  rating: { stars: number } | null;
}

describe('volunteer service orders', () => {
  let t: TestApp;
  let vstaff: Client;
  let resident: Client;
  let clerk: Client;
  let cat = '';
  let otherCat = '';
  let projectId = '';
  let leaderA: Client;
  let leaderB: Client;
  let teamA = '';
  let teamB = '';
  let residentId = '';

  const db = () => t.testDb.db.kysely;
  const count = async (table: keyof Database) =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const notes = async (username: string) =>
    db()
      .selectFrom('notifications')
      .select(['kind', 'params', 'entity_type'])
      .where('account_id', '=', await accountId(db(), username))
      .where((eb) => eb.or([eb('kind', 'like', 'vs_need_%'), eb('kind', 'like', 'vs_order_%')]))
      .orderBy('created_at')
      .execute();

  const need = async (who: Client = resident, extra: Record<string, unknown> = {}) => {
    const r = await who.call('POST', '/api/v1/vs/needs', {
      regionCode: SANSHUNZHUANG,
      categoryCode: cat,
      description: '家里老人行动不便，想请志愿者每周陪同买菜',
      place: '三顺庄村 5 号',
      wantedFrom: '2026-03-05T01:00:00Z',
      wantedTo: '2026-03-05T04:00:00Z',
      contactName: '李长福',
      contactPhone: '13912345678',
      ...extra,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Need>();
  };
  const onBehalf = async (who: Client, extra: Record<string, unknown> = {}) => {
    const r = await who.call('POST', '/api/v1/vs/needs/on-behalf', {
      regionCode: YIZHUANG,
      categoryCode: cat,
      channel: 'phone',
      description: '电话求助：希望学习直播带货',
      place: '伊庄村便民店',
      contactName: '王店主',
      contactPhone: '13700001111',
      ...extra,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Need>();
  };
  const accept = async (needId: string, title?: string) => {
    const r = await vstaff.call(
      'POST',
      `/api/v1/vs/needs/${needId}/accept`,
      title ? { title } : {},
    );
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Order>();
  };
  const act = async (who: Client, orderId: string, action: string, body: unknown = {}) =>
    who.call('POST', `/api/v1/vs/orders/${orderId}/${action}`, body);
  const get = async (who: Client, orderId: string) =>
    (await who.call('GET', `/api/v1/vs/orders/${orderId}`)).json<Order>();
  const leader = async (
    region: string,
    category: string | null,
    parentId: string | null = null,
  ) => {
    const acc = await insertAccount(db(), { role: 'team_leader', regionCode: TOWN });
    const team = await insertTeam(db(), {
      regionCode: region,
      categoryCode: category,
      leaderAccountId: acc.id,
      parentId,
    });
    return { client: await t.login(acc.username), team, accountId: acc.id };
  };

  beforeAll(async () => {
    t = await createTestApp();
    vstaff = await t.login('vstaff');
    resident = await t.login('resident');
    clerk = await t.login('clerk');
    cat = await insertCategory(db(), { code: uniq('eld'), nameZh: '助老', nameEn: 'Elderly care' });
    otherCat = await insertCategory(db(), { code: uniq('cul'), nameZh: '文化', nameEn: 'Culture' });
    projectId = await insertProject(db(), {
      regionCode: TOWN,
      categoryCode: cat,
      name: '陪同买菜',
    });
    const a = await leader(SANSHUNZHUANG, cat);
    const b = await leader(YIZHUANG, cat);
    leaderA = a.client;
    teamA = a.team;
    leaderB = b.client;
    teamB = b.team;
    residentId = (
      await db()
        .selectFrom('accounts')
        .select('resident_id')
        .where('username', '=', 'resident')
        .executeTakeFirstOrThrow()
    ).resident_id!;
  });
  afterAll(async () => t.close());

  it('the menu lists the town’s on-menu projects and the categories', async () => {
    const r = await resident.call('GET', `/api/v1/vs/menu?regionCode=${SANSHUNZHUANG}`);
    expect(r.statusCode, r.body).toBe(200);
    const menu = r.json<{ projects: { id: string }[]; categories: { code: string }[] }>();
    expect(menu.projects.map((p) => p.id)).toContain(projectId);
    expect(menu.categories.map((c) => c.code)).toContain(cat);
    const off = await insertProject(db(), { regionCode: TOWN, categoryCode: cat, onMenu: false });
    const again = (await resident.call('GET', `/api/v1/vs/menu?regionCode=${SANSHUNZHUANG}`)).json<{
      projects: { id: string }[];
    }>();
    expect(again.projects.map((p) => p.id)).not.toContain(off);
  });

  it('full flow: order from the menu → accept → suggestions → direct → contact hidden → accept → contact shown → complete → rate once', async () => {
    const n = await need(resident, { projectId, categoryCode: undefined });
    expect(n.needNumber).toMatch(/^XQ-\d{6}-[2-9A-Z]{5}$/);
    expect(n.contactPhoneMasked).toBe('139****5678');
    expect(n.channel).toBe('self');
    expect(JSON.stringify(n)).not.toContain('13912345678');
    const stored = await db()
      .selectFrom('vs_needs')
      .selectAll()
      .where('id', '=', n.id)
      .executeTakeFirstOrThrow();
    expect(stored.contact_phone_cipher).not.toContain('13912345678');
    expect(t.pii.decrypt(stored.contact_phone_cipher)).toBe('13912345678');

    const order = await accept(n.id);
    expect(order.state).toBe('awaiting_dispatch');
    expect(order.needs.map((x) => x.id)).toEqual([n.id]);
    expect(order.orderNumber).toMatch(/^PD-/);

    const sug = await vstaff.call('GET', `/api/v1/vs/orders/${order.id}/suggestions`);
    expect(sug.statusCode, sug.body).toBe(200);
    const s = sug.json<{
      formula: string;
      teams: { teamId: string; total: number; distance: number; category: number; load: number }[];
    }>();
    expect(s.formula).toContain('distance');
    expect(s.teams[0]!.teamId).toBe(teamA); // same village beats the neighbouring village
    expect(s.teams[0]).toMatchObject({ category: 50, distance: 30 });
    expect(s.teams.find((x) => x.teamId === teamB)).toMatchObject({ category: 50, distance: 18 });

    const d = await act(vstaff, order.id, 'direct', { teamId: teamA });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json<Order>()).toMatchObject({ state: 'directed', directedTeam: { id: teamA } });

    // The directed team's leader sees the order, not the contact.
    const before = await get(leaderA, order.id);
    expect(before.can).toMatchObject({ accept: true, decline: true, grab: false });
    expect(before.teamNeeds[0]).toMatchObject({
      contactVisible: false,
      contactName: null,
      contactPhone: null,
    });
    expect(before.needs).toEqual([]);
    const inbox = (await leaderA.call('GET', '/api/v1/vs/inbox')).json<
      (Order & { box: string })[]
    >();
    const item = inbox.find((x) => x.id === order.id)!;
    expect(item.box).toBe('directed');
    expect(JSON.stringify(item)).not.toContain('李长福');
    expect(JSON.stringify(item)).not.toContain('5678');
    // Another team's leader may not open it at all.
    expect((await leaderB.call('GET', `/api/v1/vs/orders/${order.id}`)).statusCode).toBe(403);

    const acc = await act(leaderA, order.id, 'accept');
    expect(acc.statusCode, acc.body).toBe(200);
    const held = acc.json<Order>();
    expect(held).toMatchObject({ state: 'accepted', team: { id: teamA } });
    expect(held.teamNeeds[0]).toMatchObject({
      contactVisible: true,
      contactName: '李长福',
      contactPhone: '13912345678',
    });
    // Centre staff keep the masked view.
    const centre = await get(vstaff, order.id);
    expect(centre.needs[0]!.contactPhoneMasked).toBe('139****5678');
    expect(JSON.stringify(centre)).not.toContain('13912345678');

    // Rating is not open before completion.
    const early = await resident.call('POST', `/api/v1/vs/needs/${n.id}/rating`, { stars: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'VS_RATING_NOT_OPEN' });

    // Stands in for the start of service (orders/start-order-service.ts, which activities call).
    await db()
      .updateTable('vs_orders')
      .set((eb) => ({ state: 'in_service', version: eb('version', '+', 1) }))
      .where('id', '=', order.id)
      .where('state', '=', 'accepted')
      .execute();
    // Another leader cannot complete; the holding team's leader can.
    expect((await act(leaderB, order.id, 'complete')).statusCode).toBe(403);
    const done = await act(leaderA, order.id, 'complete', { note: '已陪同买菜' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<Order>().state).toBe('completed');
    expect(done.json<Order>().timeline.map((x) => x.action)).toEqual([
      'created',
      'directed',
      'accepted',
      'completed',
    ]);

    const mine = (await resident.call('GET', '/api/v1/vs/needs/mine')).json<Mine[]>();
    const m = mine.find((x) => x.id === n.id)!;
    expect(m).toMatchObject({
      status: 'accepted',
      ratingOpen: true,
      order: { state: 'completed' },
    });
    const kinds = (await notes('resident')).map((x) => x.kind);
    expect(kinds).toContain('vs_need_accepted');
    expect(kinds).toContain('vs_order_taken');
    expect(kinds).toContain('vs_order_completed');

    const rate = await resident.call('POST', `/api/v1/vs/needs/${n.id}/rating`, {
      stars: 5,
      comment: '很周到',
    });
    expect(rate.statusCode, rate.body).toBe(201);
    const again = await resident.call('POST', `/api/v1/vs/needs/${n.id}/rating`, { stars: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'VS_RATING_EXISTS' });
    // Nobody else rates a need that has an account behind it.
    const staffTry = await vstaff.call('POST', `/api/v1/vs/needs/${n.id}/rating`, { stars: 3 });
    expect(staffTry.statusCode).toBe(403);
    const after = (await resident.call('GET', '/api/v1/vs/needs/mine')).json<Mine[]>();
    expect(after.find((x) => x.id === n.id)).toMatchObject({
      ratingOpen: false,
      rating: { stars: 5 },
    });

    const rank = (await resident.call('GET', '/api/v1/vs/rankings/teams?minRatings=1')).json<{
      teams: { teamId: string; average: number; count: number; fiveStar: boolean }[];
    }>();
    expect(rank.teams.find((x) => x.teamId === teamA)).toMatchObject({
      average: 5,
      count: 1,
      fiveStar: true,
    });
    const strict = (await resident.call('GET', '/api/v1/vs/rankings/teams')).json<{
      teams: { teamId: string; fiveStar: boolean }[];
    }>();
    expect(strict.teams.find((x) => x.teamId === teamA)?.fiveStar).toBe(false); // needs 3
  });

  it('merging: needs of one category and town become one order; requesters told; phone requesters flagged for call-back; staff rate on their behalf', async () => {
    const own = await need(resident, { description: '想学直播带货' });
    const p1 = await onBehalf(clerk);
    const p2 = await onBehalf(vstaff, { channel: 'wechat', contactName: '赵店主' });
    expect(p1).toMatchObject({ channel: 'phone', toCallBack: true });
    // With the registered resident named, their account follows the need.
    const linked = await onBehalf(clerk, { residentId, regionCode: SANSHUNZHUANG });
    expect(linked).toMatchObject({ toCallBack: false, channel: 'phone' });

    const other = await need(resident, { categoryCode: otherCat });
    const badCat = await vstaff.call('POST', '/api/v1/vs/needs/merge', {
      needIds: [own.id, other.id],
      title: 'x',
    });
    expect(badCat.statusCode).toBe(422);
    expect(badCat.json()).toMatchObject({ code: 'VS_MERGE_INVALID' });

    const noteCount = (await notes('resident')).length;
    const r = await vstaff.call('POST', '/api/v1/vs/needs/merge', {
      needIds: [own.id, p1.id, p2.id, linked.id],
      title: '直播带货培训',
    });
    expect(r.statusCode, r.body).toBe(201);
    const order = r.json<Order>();
    expect(order).toMatchObject({ state: 'awaiting_dispatch', needCount: 4, toCallBack: 2 });
    expect(order.regionCode).toBe(TOWN); // two villages → their town
    expect(
      order.needs
        .filter((x) => x.toCallBack)
        .map((x) => x.id)
        .sort(),
    ).toEqual([p1.id, p2.id].sort());
    expect(order.timeline[0]!.action).toBe('merged');
    expect((await notes('resident')).length).toBe(noteCount + 2); // own + linked need
    // Merging again: they are all reviewed now.
    const twice = await vstaff.call('POST', '/api/v1/vs/needs/merge', {
      needIds: [own.id, p1.id],
      title: 'again',
    });
    expect(twice.statusCode).toBe(409);

    // Grab by team B (same town), complete by staff, staff rate for the phone requester.
    expect((await act(vstaff, order.id, 'open')).statusCode).toBe(200);
    const g = await act(leaderB, order.id, 'grab');
    expect(g.statusCode, g.body).toBe(200);
    expect((await act(vstaff, order.id, 'complete')).statusCode).toBe(200);
    const onB = await vstaff.call('POST', `/api/v1/vs/needs/${p1.id}/rating`, {
      stars: 4,
      comment: '电话回访',
    });
    expect(onB.statusCode, onB.body).toBe(201);
    expect(onB.json()).toMatchObject({ onBehalf: true, stars: 4, teamId: teamB });
    expect(
      (await resident.call('POST', `/api/v1/vs/needs/${p2.id}/rating`, { stars: 4 })).statusCode,
    ).toBe(403);
  });

  it('rejection: the reason reaches the requester (notification and my orders); a second review is refused', async () => {
    const n = await need();
    const before = (await notes('resident')).length;
    const r = await vstaff.call('POST', `/api/v1/vs/needs/${n.id}/reject`, {
      reason: '该服务不在志愿服务范围，请联系村委会',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'rejected' });
    const ns = await notes('resident');
    expect(ns.length).toBe(before + 1);
    expect(ns.at(-1)!.params).toContain('该服务不在志愿服务范围');
    const mine = (await resident.call('GET', '/api/v1/vs/needs/mine')).json<Mine[]>();
    expect(mine.find((x) => x.id === n.id)).toMatchObject({
      status: 'rejected',
      rejectReason: '该服务不在志愿服务范围，请联系村委会',
      order: null,
      ratingOpen: false,
    });
    const again = await vstaff.call('POST', `/api/v1/vs/needs/${n.id}/accept`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'VS_NEED_ALREADY_REVIEWED' });
  });

  it('decline with a coded reason → back to the centre → reassign → cancel (requesters told)', async () => {
    const order = await accept((await need()).id);
    await act(vstaff, order.id, 'direct', { teamId: teamA });
    const noNote = await act(leaderA, order.id, 'decline', { reasonCode: 'other' });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json()).toMatchObject({ code: 'VS_DECLINE_NOTE_REQUIRED' });
    expect(
      (await act(leaderB, order.id, 'decline', { reasonCode: 'no_capacity' })).statusCode,
    ).toBe(403);
    const dec = await act(leaderA, order.id, 'decline', { reasonCode: 'schedule_conflict' });
    expect(dec.statusCode, dec.body).toBe(200);
    const back = await get(vstaff, order.id);
    expect(back).toMatchObject({ state: 'awaiting_dispatch', directedTeam: null });
    expect(back.timeline.at(-1)).toMatchObject({
      action: 'declined',
      reasonCode: 'schedule_conflict',
    });
    // Reassign needs a directed/open/accepted order; from awaiting it is a plain direct.
    expect((await act(vstaff, order.id, 'reassign', { note: 'x' })).statusCode).toBe(409);
    await act(vstaff, order.id, 'direct', { teamId: teamA });
    const re = await act(vstaff, order.id, 'reassign', { teamId: teamB, note: '换到伊庄村队伍' });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json<Order>()).toMatchObject({ state: 'directed', directedTeam: { id: teamB } });
    const before = (await notes('resident')).length;
    const c = await act(vstaff, order.id, 'cancel', { reason: '居民已自行解决' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json<Order>().state).toBe('cancelled');
    expect((await notes('resident')).length).toBe(before + 1);
    expect((await act(vstaff, order.id, 'cancel', { reason: 'again' })).statusCode).toBe(409);
  });

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

  it('scope: staff of another town see nothing of this town', async () => {
    const otherStaff = await insertAccount(db(), {
      role: 'volunteer_staff',
      regionCode: '110115103000',
    });
    const c = await t.login(otherStaff.username);
    const n = await need();
    expect((await c.call('POST', `/api/v1/vs/needs/${n.id}/accept`, {})).statusCode).toBe(403);
    const list = (await c.call('GET', '/api/v1/vs/needs')).json<Need[]>();
    expect(list.some((x) => x.id === n.id)).toBe(false);
    const order = await accept(n.id);
    expect((await c.call('GET', `/api/v1/vs/orders/${order.id}`)).statusCode).toBe(403);
  });

  it('route roles of the state-changing and per-order routes: declared roles pass, the others are FORBIDDEN', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    const centre = ['volunteer_staff'];
    const leaders = ['team_leader'];
    const readers = ['volunteer_staff', 'team_leader'];
    const recorders = ['volunteer_staff', 'town_officer', 'clerk', 'agent'];
    const routes: [string, string, unknown, string[], number][] = [
      ['POST', `/api/v1/vs/needs/${none}/accept`, {}, centre, 404],
      ['POST', `/api/v1/vs/needs/${none}/reject`, { reason: 'r' }, centre, 404],
      [
        'POST',
        '/api/v1/vs/needs/merge',
        { needIds: [none, '00000000-0000-4000-8000-000000000001'], title: 't' },
        centre,
        404,
      ],
      ['POST', `/api/v1/vs/needs/${none}/rating`, { stars: 5 }, 'ALL' as never, 404],
      [
        'POST',
        '/api/v1/vs/needs/on-behalf',
        {
          regionCode: '110115999999',
          categoryCode: cat,
          channel: 'phone',
          description: 'd',
          place: 'p',
          contactName: 'n',
          contactPhone: '13912345678',
        },
        recorders,
        403,
      ],
      [
        'POST',
        '/api/v1/vs/needs',
        {
          regionCode: '110115999999',
          categoryCode: cat,
          description: 'd',
          place: 'p',
          contactName: 'n',
          contactPhone: '13912345678',
        },
        'ALL' as never,
        422,
      ],
      ['GET', `/api/v1/vs/orders/${none}`, undefined, readers, 404],
      ['GET', `/api/v1/vs/orders/${none}/suggestions`, undefined, centre, 404],
      ...(['direct', 'open', 'reassign', 'cancel'] as const).map(
        (a) =>
          [
            'POST',
            `/api/v1/vs/orders/${none}/${a}`,
            a === 'direct'
              ? { teamId: none }
              : a === 'reassign'
                ? { note: 'n' }
                : a === 'cancel'
                  ? { reason: 'r' }
                  : {},
            centre,
            404,
          ] as [string, string, unknown, string[], number],
      ),
      ...(['accept', 'grab'] as const).map(
        (a) =>
          ['POST', `/api/v1/vs/orders/${none}/${a}`, {}, leaders, 404] as [
            string,
            string,
            unknown,
            string[],
            number,
          ],
      ),
      ['POST', `/api/v1/vs/orders/${none}/decline`, { reasonCode: 'no_capacity' }, leaders, 404],
      ['POST', `/api/v1/vs/orders/${none}/complete`, {}, readers, 404],
    ];
    const accounts = [
      'admin',
      'supervisor',
      'district',
      'town',
      'clerk',
      'agent',
      'vstaff',
      'leader',
      'volunteer',
      'organiser',
      'guardian',
      'resident',
    ];
    const roleOf = async (u: string) =>
      (
        await db()
          .selectFrom('role_grants')
          .innerJoin('accounts', 'accounts.id', 'role_grants.account_id')
          .select('role')
          .where('username', '=', u)
          .executeTakeFirstOrThrow()
      ).role;
    const ordersBefore = await count('vs_orders');
    const needsBefore = await count('vs_needs');
    for (const username of accounts) {
      const who = await t.login(username);
      const role = await roleOf(username);
      for (const [method, url, body, allowed, status] of routes) {
        const r = await who.call(method as 'GET', url, body);
        const ok = (allowed as unknown) === 'ALL' || allowed.includes(role);
        expect(r.statusCode, `${role} ${method} ${url} ${r.body}`).toBe(ok ? status : 403);
        if (!ok) expect(r.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    // Nothing was written by any of these refused or not-found requests.
    expect(await count('vs_orders')).toBe(ordersBefore);
    expect(await count('vs_needs')).toBe(needsBefore);
  });
});
