/**
 * Issue #15 point 5: an order's requesters hear of it by SMS (order_update) — taken by a
 * team, service started, completed or cancelled — every merged need's contact phone once, in the
 * transition's transaction: a retried request with the same Idempotency-Key queues nothing more,
 * a transition refused (a lost race) queues nothing, and steps that tell nobody (direct) send none.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startOrderService } from '../../src/modules/orders/start-order-service.ts';
import { subjectOutbox } from './messages.fixtures.ts';
import {
  accept,
  act,
  db,
  leaderA,
  leaderB,
  need,
  onBehalf,
  t,
  teamA,
  useOrdersWorld,
  vstaff,
  type Order,
} from './orders.world.fixtures.ts';

describe('X-5 the messages an order sends its requesters (issue #15 point 5)', () => {
  useOrdersWorld();
  const outbox = (orderId: string) => subjectOutbox(t, { type: 'order', id: orderId });
  const count = async () =>
    Number(
      (
        await db()
          .selectFrom('outbox_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('accepted, in service, completed: one order_update per step to the requester', async () => {
    const n = await need();
    const order = await accept(n.id, '陪同买菜');
    expect((await act(vstaff, order.id, 'direct', { teamId: teamA })).statusCode).toBe(200);
    expect(await outbox(order.id)).toEqual([]); // directing tells the team, not the requester
    const key = { 'idempotency-key': `accept-${order.id}` };
    const acc = await leaderA.call('POST', `/api/v1/vs/orders/${order.id}/accept`, {}, key);
    expect(acc.statusCode, acc.body).toBe(200);
    const retry = await leaderA.call('POST', `/api/v1/vs/orders/${order.id}/accept`, {}, key);
    expect(retry.statusCode).toBe(200);
    const accepted = await outbox(order.id);
    expect(accepted).toEqual([
      {
        template: 'order_update',
        to: '13912345678',
        params: { orderNumber: order.orderNumber, title: '陪同买菜', state: '已有志愿服务队接单' },
        status: 'queued',
        regionCode: expect.stringMatching(/^110115/) as string,
        text: `【家门口】您的点单 ${order.orderNumber}（陪同买菜）已有志愿服务队接单。`,
      },
    ]);

    // A second accept (the order moved on): refused, nothing queued.
    const before = await count();
    expect((await act(leaderA, order.id, 'accept')).statusCode).toBe(409);
    expect(await count()).toBe(before);

    // The service starts with the team's first activity (activities call the orders module).
    const actorId = (
      await db()
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', 'vstaff')
        .executeTakeFirstOrThrow()
    ).id;
    const started = await db()
      .transaction()
      .execute((trx) =>
        startOrderService(trx, {
          orderId: order.id,
          teamId: teamA,
          activityId: crypto.randomUUID(),
          actorId,
          now: t.clock.now,
          pii: t.pii,
        }),
      );
    expect(started).toBe(true);
    const done = await act(leaderA, order.id, 'complete', { note: '已陪同买菜' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await outbox(order.id)).map((m) => m.params.state)).toEqual([
      '已有志愿服务队接单',
      '已开始服务',
      '已完成，欢迎评价',
    ]);
  });

  it('merged needs: every requester hears of the cancellation; a long title is cut to fit', async () => {
    const a = await need();
    const b = await onBehalf(vstaff);
    const title = `为老人提供陪同买菜、代购药品、上门理发等综合性的志愿服务（第${'一'.repeat(20)}期）`;
    const merged = await vstaff.call('POST', '/api/v1/vs/needs/merge', {
      needIds: [a.id, b.id],
      title,
    });
    expect(merged.statusCode, merged.body).toBe(201);
    const order = merged.json<Order>();
    const r = await act(vstaff, order.id, 'cancel', { reason: '需求已由村委会解决' });
    expect(r.statusCode, r.body).toBe(200);
    const msgs = await outbox(order.id);
    expect(msgs.map((m) => m.to).sort()).toEqual(['13700001111', '13912345678']);
    for (const m of msgs) {
      expect(m).toMatchObject({ status: 'queued', params: { state: '已取消' } });
      expect([...m.params.title!].length).toBeLessThanOrEqual(35);
      expect(m.params.title!.endsWith('…')).toBe(true);
    }
    // Another team's leader cannot touch it: nothing more queued.
    const before = await count();
    expect((await act(leaderB, order.id, 'complete')).statusCode).toBeGreaterThanOrEqual(400);
    expect(await count()).toBe(before);
  });
});
