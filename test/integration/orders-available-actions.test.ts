/**
 * VS-4/VS-5/VS-7 over HTTP: every need and order view carries `availableActions` for the caller,
 * from the workflow table the use-cases enforce — a need awaiting review offers the reviewer
 * review/merge/reject and the requester nothing; an open order offers eligible teams a grab; a
 * taken order offers other teams nothing; a completed order offers its requester one rating.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { insertAccount, insertCategory, insertTeam, uniq } from '../helpers/vs-fixtures.ts';

const TOWN = '110115110000'; // 魏善庄镇
const SANSHUNZHUANG = '110115110222';
const YIZHUANG = '110115110207';
const QYD_VILLAGE = '110115103201'; // 青云店镇: another town

interface Need {
  id: string;
  status: string;
  availableActions: string[];
}
interface Order {
  id: string;
  state: string;
  availableActions: string[];
  can: Record<string, boolean>;
  needs: Need[];
}

describe('VS-4 VS-5 VS-7 availableActions on every need and order view', () => {
  let t: TestApp;
  let vstaff: Client;
  let resident: Client;
  let cat = '';
  const db = () => t.testDb.db.kysely;

  const leader = async (region: string) => {
    const acc = await insertAccount(db(), { role: 'team_leader', regionCode: TOWN });
    const team = await insertTeam(db(), {
      regionCode: region,
      categoryCode: cat,
      leaderAccountId: acc.id,
    });
    return { client: await t.login(acc.username), team };
  };
  const get = async (who: Client, id: string) => {
    const r = await who.call('GET', `/api/v1/vs/orders/${id}`);
    return { status: r.statusCode, order: r.statusCode === 200 ? r.json<Order>() : null };
  };
  const act = async (who: Client, id: string, action: string, body: unknown = {}) => {
    const r = await who.call('POST', `/api/v1/vs/orders/${id}/${action}`, body);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Order>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    vstaff = await t.login('vstaff');
    resident = await t.login('resident');
    cat = await insertCategory(db(), { code: uniq('act'), nameZh: '助老', nameEn: 'Elderly care' });
  });
  afterAll(async () => t.close());

  it('a need awaiting review → the reviewer sees accept/reject/merge; an open order → eligible teams see grab; a taken order → other teams see nothing; completed → the requester rates once', async () => {
    const a = await leader(SANSHUNZHUANG);
    const b = await leader(YIZHUANG);
    const far = await leader(QYD_VILLAGE);

    // 点单: the requester's own view of a submitted need offers nothing (the centre reviews it).
    const r = await resident.call('POST', '/api/v1/vs/needs', {
      regionCode: SANSHUNZHUANG,
      categoryCode: cat,
      description: '想请志愿者帮忙修理院门',
      place: '三顺庄村 8 号',
      contactName: '赵大爷',
      contactPhone: '13912340000',
    });
    expect(r.statusCode, r.body).toBe(201);
    const need = r.json<Need>();
    expect(need.availableActions).toEqual([]);

    // 审单: the reviewer sees review, merge and reject on the need awaiting review.
    const list = (await vstaff.call('GET', '/api/v1/vs/needs?status=submitted')).json<Need[]>();
    expect(list.find((x) => x.id === need.id)!.availableActions).toEqual([
      'accept',
      'reject',
      'merge',
    ]);
    const accepted = await vstaff.call('POST', `/api/v1/vs/needs/${need.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(201);
    const order = accepted.json<Order>();
    expect(order.availableActions).toEqual(['direct', 'open', 'cancel']);
    expect(order.needs[0]).toMatchObject({ status: 'accepted', availableActions: [] });

    // 抢单: an open order — the centre may reassign or cancel, eligible teams may grab.
    const opened = await act(vstaff, order.id, 'open');
    expect(opened.availableActions).toEqual(['reassign', 'cancel']);
    for (const leaderOf of [a, b]) {
      const view = await get(leaderOf.client, order.id);
      expect(view.order!.availableActions).toEqual(['grab']);
      expect(view.order!.can).toMatchObject({ grab: true, accept: false, complete: false });
      const inbox = (await leaderOf.client.call('GET', '/api/v1/vs/inbox')).json<Order[]>();
      expect(inbox.find((x) => x.id === order.id)!.availableActions).toEqual(['grab']);
    }
    expect((await get(far.client, order.id)).status).toBe(403);

    // Taken: the holding team may serve and complete; the other teams see nothing.
    const grabbed = await act(a.client, order.id, 'grab');
    expect(grabbed.availableActions).toEqual(['start_service', 'complete']);
    expect((await get(b.client, order.id)).status).toBe(403);
    const inboxB = (await b.client.call('GET', '/api/v1/vs/inbox')).json<Order[]>();
    expect(inboxB.find((x) => x.id === order.id)).toBeUndefined();
    const board = (await vstaff.call('GET', '/api/v1/vs/orders?state=accepted')).json<Order[]>();
    expect(board.find((x) => x.id === order.id)!.availableActions).toEqual([
      'reassign',
      'start_service',
      'complete',
      'cancel',
    ]);
    const refused = await b.client.call('POST', `/api/v1/vs/orders/${order.id}/grab`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'ORDER_ALREADY_TAKEN' });

    // 评单: after completion the requester may rate, once.
    const done = await act(a.client, order.id, 'complete');
    expect(done.availableActions).toEqual([]);
    const mine = async () =>
      (await resident.call('GET', '/api/v1/vs/needs/mine'))
        .json<Need[]>()
        .find((x) => x.id === need.id)!;
    expect((await mine()).availableActions).toEqual(['rate']);
    const rate = await resident.call('POST', `/api/v1/vs/needs/${need.id}/rating`, { stars: 4 });
    expect(rate.statusCode, rate.body).toBe(201);
    expect((await mine()).availableActions).toEqual([]);
  });
});
