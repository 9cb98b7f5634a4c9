/**
 * The world of the VS-3/4/5/7 order tests (orders-*.test.ts): one app per test file, the demo
 * staff, resident and clerk, two categories, a menu project, the leaders of team A (三顺庄村) and
 * team B (伊庄村), and the helpers that file needs, accept them and act on orders. The `let`s are
 * live bindings: set in the file's `beforeAll`, read by its tests.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  accountId,
  insertAccount,
  insertCategory,
  insertProject,
  insertTeam,
  uniq,
} from '../helpers/vs-fixtures.ts';

export const TOWN = '110115110000'; // 魏善庄镇
export const SANSHUNZHUANG = '110115110222';
export const YIZHUANG = '110115110207';
export const DISTRICT = '110115000000';
export const QYD_VILLAGE = '110115103201'; // 青云店镇
export const HOUR = 3_600_000;

export interface Need {
  id: string;
  needNumber: string;
  status: string;
  contactPhoneMasked: string;
  toCallBack: boolean;
  rejectReason: string | null;
  orderId: string | null;
  channel: string;
}
export interface TeamNeed {
  contactVisible: boolean;
  contactName: string | null;
  contactPhone: string | null;
}
export interface Order {
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
export interface Mine extends Need {
  order: { state: string; timeline: { action: string }[] } | null;
  ratingOpen: boolean;
  rating: { stars: number } | null;
}

export let t: TestApp;
export let vstaff: Client;
export let resident: Client;
export let clerk: Client;
export let cat = '';
export let otherCat = '';
export let projectId = '';
export let leaderA: Client;
export let leaderB: Client;
export let teamA = '';
export let teamB = '';
export let residentId = '';

export const db = () => t.testDb.db.kysely;
export const count = async (table: keyof Database) =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
export const notes = async (username: string) =>
  db()
    .selectFrom('notifications')
    .select(['kind', 'params', 'entity_type'])
    .where('account_id', '=', await accountId(db(), username))
    .where((eb) => eb.or([eb('kind', 'like', 'vs_need_%'), eb('kind', 'like', 'vs_order_%')]))
    .orderBy('created_at')
    .execute();

export const need = async (who: Client = resident, extra: Record<string, unknown> = {}) => {
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
export const onBehalf = async (who: Client, extra: Record<string, unknown> = {}) => {
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
export const accept = async (needId: string, title?: string) => {
  const r = await vstaff.call('POST', `/api/v1/vs/needs/${needId}/accept`, title ? { title } : {});
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Order>();
};
export const act = async (who: Client, orderId: string, action: string, body: unknown = {}) =>
  who.call('POST', `/api/v1/vs/orders/${orderId}/${action}`, body);
export const get = async (who: Client, orderId: string) =>
  (await who.call('GET', `/api/v1/vs/orders/${orderId}`)).json<Order>();
export const leader = async (
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

/** The file's app and world, before its first test and closed after its last. */
export function useOrdersWorld() {
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
}
