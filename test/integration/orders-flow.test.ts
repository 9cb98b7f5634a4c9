/**
 * VS-3/4/5/7 over HTTP on a real database: 点单 (self and on behalf), 审单 (accept, reject with a
 * reason that reaches the requester), merging, directed dispatch with ranked suggestions, decline
 * with a coded reason, reassign, cancel, 抢单 with exactly one winner among 50 teams, the window
 * sweep (open → escalate, once with two sweepers on PostgreSQL), the contact hidden until a team
 * holds the order, and 评单 once.
 *
 * This file: the menu, the full flow, merging, rejection, decline and reassignment.
 */
import { describe, expect, it } from 'vitest';
import { insertProject } from '../helpers/vs-fixtures.ts';
import {
  accept,
  act,
  clerk,
  db,
  get,
  leaderA,
  leaderB,
  need,
  notes,
  onBehalf,
  otherCat,
  projectId,
  resident,
  residentId,
  t,
  teamA,
  teamB,
  useOrdersWorld,
  vstaff,
  TOWN,
  SANSHUNZHUANG,
  cat,
  type Order,
  type Mine,
} from './orders.world.fixtures.ts';

describe('volunteer service orders', () => {
  useOrdersWorld();

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
});
