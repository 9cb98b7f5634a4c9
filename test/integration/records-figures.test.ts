/**
 * VS-10 figures on a small hand-built data set in 长子营镇 (two villages) with known answers; the
 * demo seed may add volunteer rows elsewhere but not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  accountId,
  insertCategory,
  insertOrder,
  insertProject,
  insertTeam,
  insertVolunteer,
} from '../helpers/vs-fixtures.ts';
import { insertActivity, insertRating, insertServiceRecord } from './records.fixtures.ts';

const TOWN = '110115111000'; // 长子营镇

interface Block {
  volunteers: number;
  activeVolunteers: number;
  activityRate: number | null;
  teams: number;
  projects: number;
  confirmedHours: number;
  orders: number;
  fillRate: number | null;
  satisfaction: number | null;
}
interface Figures {
  region: { code: string; level: string };
  period: { from: string; to: string };
  totals: Block & {
    ordersByState: Record<string, number>;
    medianMinutesToAccept: number | null;
    acceptedOrders: number;
    satisfiedShare: number | null;
    ratings: number;
  };
  children: (Block & { code: string; name: string })[];
}

describe('VS-10 volunteer figures per region', () => {
  let t: TestApp;
  let admin: Client;
  let c1 = '';
  let c2 = '';
  const Q = `regionCode=${TOWN}&from=2026-03-01&to=2026-03-31`;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.testDb.db.kysely;
    admin = await t.login('admin');
    const kids = await db
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', TOWN)
      .orderBy('code')
      .execute();
    c1 = kids.find((k) => !k.code.slice(9).startsWith('0'))!.code;
    c2 = kids.filter((k) => !k.code.slice(9).startsWith('0'))[1]!.code;
    const lead = await accountId(db, 'leader');
    const cat = await insertCategory(db);
    const march = (d: number, h = 2) => new Date(Date.UTC(2026, 2, d, h)).toISOString(); // 10:00 China time by default
    // volunteers: 3 at c1, 1 at c2, one more at c2 registered after the period
    const v1 = await insertVolunteer(db, t.pii, { homeRegionCode: c1, now: new Date(march(1)) });
    const v2 = await insertVolunteer(db, t.pii, { homeRegionCode: c1, now: new Date(march(1)) });
    const v3 = await insertVolunteer(db, t.pii, { homeRegionCode: c1, now: new Date(march(1)) });
    const v4 = await insertVolunteer(db, t.pii, { homeRegionCode: c2, now: new Date(march(1)) });
    await insertVolunteer(db, t.pii, { homeRegionCode: c2, now: new Date('2026-04-05T02:00:00Z') });
    // teams: one per village, plus an inactive one
    const t1 = await insertTeam(db, { regionCode: c1, now: new Date(march(1)) });
    const t2 = await insertTeam(db, { regionCode: c2, now: new Date(march(1)) });
    await insertTeam(db, { regionCode: c2, active: false, now: new Date(march(1)) });
    await insertProject(db, { regionCode: c1, categoryCode: cat, now: new Date(march(1)) });
    // activities: fill 5/10 at c1, 10/10 at c2; a cancelled one and one in April left out
    const a1 = await insertActivity(db, {
      teamId: t1,
      regionCode: c1,
      leadAccountId: lead,
      startsAt: march(5),
      capacity: 10,
      confirmedCount: 5,
    });
    const a2 = await insertActivity(db, {
      teamId: t2,
      regionCode: c2,
      leadAccountId: lead,
      startsAt: march(10),
      capacity: 10,
      confirmedCount: 10,
    });
    await insertActivity(db, {
      teamId: t2,
      regionCode: c2,
      leadAccountId: lead,
      startsAt: march(12),
      capacity: 100,
      confirmedCount: 3,
      status: 'cancelled',
    });
    const a4 = await insertActivity(db, {
      teamId: t1,
      regionCode: c1,
      leadAccountId: lead,
      startsAt: '2026-04-02T02:00:00.000Z',
      capacity: 50,
      confirmedCount: 50,
    });
    // hours: v1 2 h at c1, v2 (lives at c1) 3 h at c2; v3 pending; v4 in April
    await insertServiceRecord(db, {
      volunteerId: v1,
      activityId: a1,
      teamId: t1,
      date: '2026-03-05',
      halfHours: 4,
    });
    await insertServiceRecord(db, {
      volunteerId: v2,
      activityId: a2,
      teamId: t2,
      date: '2026-03-10',
      halfHours: 6,
    });
    await insertServiceRecord(db, {
      volunteerId: v3,
      activityId: a1,
      teamId: t1,
      date: '2026-03-05',
      halfHours: 4,
      status: 'pending_confirmation',
    });
    await insertServiceRecord(db, {
      volunteerId: v4,
      activityId: a4,
      teamId: t1,
      date: '2026-04-02',
      halfHours: 2,
    });
    // orders: accepted 60, 30 (never dispatched) and 120 minutes after dispatch/creation
    const order = async (
      region: string,
      state: Parameters<typeof insertOrder>[1]['state'],
      created: string,
      dispatched: string | null,
      accepted: string | null,
    ) => {
      const id = await insertOrder(db, {
        regionCode: region,
        categoryCode: cat,
        createdBy: lead,
        state,
        teamId: accepted ? t1 : null,
        now: new Date(created),
      });
      await db
        .updateTable('vs_orders')
        .set({ created_at: created, dispatched_at: dispatched, accepted_at: accepted })
        .where('id', '=', id)
        .execute();
      return id;
    };
    const o1 = await order(c1, 'completed', march(2, 0), march(2, 1), '2026-03-02T02:00:00.000Z');
    await order(c1, 'accepted', march(3, 0), null, '2026-03-03T00:30:00.000Z');
    await order(c2, 'awaiting_dispatch', march(4, 0), null, null);
    await order(c2, 'cancelled', march(4, 1), null, null);
    const o5 = await order(c2, 'completed', march(6, 0), march(6, 0), '2026-03-06T02:00:00.000Z');
    await order(
      c1,
      'completed',
      '2026-02-20T02:00:00.000Z',
      '2026-02-20T02:00:00.000Z',
      '2026-02-20T03:00:00.000Z',
    );
    await insertRating(db, t.pii, {
      orderId: o1,
      teamId: t1,
      regionCode: c1,
      categoryCode: cat,
      stars: 5,
      at: march(8),
    });
    await insertRating(db, t.pii, {
      orderId: o1,
      teamId: t1,
      regionCode: c1,
      categoryCode: cat,
      stars: 4,
      at: march(8),
    });
    await insertRating(db, t.pii, {
      orderId: o5,
      teamId: t1,
      regionCode: c2,
      categoryCode: cat,
      stars: 2,
      at: march(9),
    });
  });
  afterAll(async () => t.close());

  it('totals for the town', async () => {
    const r = await admin.call('GET', `/api/v1/vs/figures?${Q}`);
    expect(r.statusCode, r.body).toBe(200);
    const f = r.json<Figures>();
    expect(f.region).toMatchObject({ code: TOWN, level: 'town' });
    expect(f.totals).toMatchObject({
      volunteers: 4,
      activeVolunteers: 2,
      activityRate: 0.5,
      teams: 2,
      projects: 1,
      confirmedHours: 5,
      orders: 5,
      fillRate: 0.75,
      satisfaction: 3.67,
      satisfiedShare: 0.6667,
      ratings: 3,
      medianMinutesToAccept: 60,
      acceptedOrders: 3,
      ordersByState: {
        awaiting_dispatch: 1,
        directed: 0,
        open: 0,
        accepted: 1,
        in_service: 0,
        completed: 2,
        cancelled: 1,
      },
    });
  });

  it('per village', async () => {
    const f = (await admin.call('GET', `/api/v1/vs/figures?${Q}`)).json<Figures>();
    const one = f.children.find((x) => x.code === c1)!;
    const two = f.children.find((x) => x.code === c2)!;
    expect(one).toMatchObject({
      volunteers: 3,
      activeVolunteers: 2,
      activityRate: 0.6667,
      teams: 1,
      projects: 1,
      confirmedHours: 2,
      orders: 2,
      fillRate: 0.5,
      satisfaction: 4.5,
    });
    expect(two).toMatchObject({
      volunteers: 1,
      activeVolunteers: 0,
      activityRate: 0,
      teams: 1,
      projects: 0,
      confirmedHours: 3,
      orders: 3,
      fillRate: 1,
      satisfaction: 2,
    });
    const others = f.children.filter((x) => x.code !== c1 && x.code !== c2);
    expect(others.every((x) => x.volunteers === 0 && x.activityRate === null)).toBe(true);
  });

  it('the district sees the town among its children; a town officer is held to their town', async () => {
    const d = (
      await admin.call(
        'GET',
        '/api/v1/vs/figures?regionCode=110115000000&from=2026-03-01&to=2026-03-31',
      )
    ).json<Figures>();
    expect(d.children.find((x) => x.code === TOWN)).toMatchObject({ confirmedHours: 5, orders: 5 });
    const town = await t.login('town'); // 魏善庄镇
    expect((await town.call('GET', `/api/v1/vs/figures?${Q}`)).statusCode).toBe(403);
    const own = await town.call('GET', '/api/v1/vs/figures');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<Figures>().region.code).toBe('110115110000');
  });

  it('a period that ends before the hours has none', async () => {
    const f = (
      await admin.call('GET', `/api/v1/vs/figures?regionCode=${TOWN}&from=2026-01-01&to=2026-02-28`)
    ).json<Figures>();
    expect(f.totals).toMatchObject({
      volunteers: 0,
      confirmedHours: 0,
      orders: 1,
      activityRate: null,
    });
  });
});
