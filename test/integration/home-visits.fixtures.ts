/** Shared fixtures of the home-visit tests (GS-10): residents of 伊庄村, a second clerk, helpers. */
import { createAccount } from '../../src/modules/auth/account.service.ts';
import { DEMO_PASSWORD, SANSHUNZHUANG, YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import type { Client, TestApp } from '../helpers/test-app.ts';

export { SANSHUNZHUANG, YIZHUANG };
export const LI = '110115194803120019'; // 李长福, 三顺庄村, the demo resident's own record

export interface VisitJson {
  id: string;
  status: string;
  villageCode: string;
  routeId: string | null;
  stop: number | null;
  window: { from: string; to: string } | null;
  caseId: string | null;
  availableActions: string[];
  contactPhoneMasked: string | null;
  records: {
    id: string;
    values: Record<string, string | number> | null;
    flags: string[] | null;
    revealable: boolean;
  }[];
}
export interface RouteJson {
  id: string;
  villageCode: string;
  day: string;
  stops: VisitJson[];
}

/** Registers a resident of `village` through the API (the clerk's reach: 魏善庄镇). */
export async function registerVillager(clerk: Client, seq: string, name: string, village: string) {
  const res = await clerk.call('POST', '/api/v1/residents', {
    idNumber: buildIdNumber('110115', '19400101', seq),
    fullName: name,
    homeRegionCode: village,
    address: '村东头',
  });
  if (res.statusCode !== 201) throw new Error(`register ${name}: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** A second clerk at the 伊庄村 station: same unit, not the record's author. */
export async function secondClerk(t: TestApp): Promise<Client> {
  const k = t.testDb.db.kysely;
  const station = await k
    .selectFrom('stations')
    .select('id')
    .where('region_code', '=', YIZHUANG)
    .executeTakeFirstOrThrow();
  await createAccount(k, {
    username: 'clerk2-yz',
    displayName: '伊庄村第二专管员',
    password: DEMO_PASSWORD,
    grants: [{ role: 'clerk', stationId: station.id }],
    residentId: null,
    isDemo: true,
    actor: { accountId: null, role: 'system', stationId: null },
    now: t.clock.now,
  });
  return t.login('clerk2-yz');
}

export const count = async (
  t: TestApp,
  table: 'home_visits' | 'home_visit_records' | 'home_visit_routes' | 'audit_events',
) =>
  Number(
    (
      await t.testDb.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const request = (c: Client, residentId: string, extra: Record<string, unknown> = {}) =>
  c.call('POST', '/api/v1/home-visits', {
    residentId,
    requestedBy: 'relative',
    requesterRelation: '女儿',
    reason: 'elderly',
    preferredDates: ['2026-03-03'],
    contactPhone: '13911112222',
    ...extra,
  });
