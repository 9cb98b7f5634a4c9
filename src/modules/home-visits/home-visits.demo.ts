/**
 * Demo data of home visits (GS-10): three requests in 伊庄村 — 程建国 and two neighbours — taken
 * by the village's clerk (a relative's call, the agent, staff) and scheduled into one route for
 * the demo day, so the route page on a phone shows three stops in order. Through the module's
 * use-cases as the clerk, so the audit chain and the encrypted phones are real.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { loadGrants } from '../auth/session.service.ts';
import { registerResident } from '../residents/residents.service.ts';
import { buildIdNumber } from '../residents/id-number.ts';
import { SEED_CALLER } from '../../shared/actor.ts';
import { requestVisit } from './request-visit.ts';
import { scheduleVisits } from './visit-routes.ts';

const YIZHUANG = '110115110207'; // 伊庄村

const NEIGHBOURS = [
  {
    fullName: '马秀兰',
    seq: '902',
    birth: '19410309',
    address: '北京市大兴区魏善庄镇伊庄村北街12号',
  },
  {
    fullName: '高德福',
    seq: '913',
    birth: '19440721',
    address: '北京市大兴区魏善庄镇伊庄村西街5号',
  },
];

export async function seedDemoHomeVisits(input: {
  db: Kysely<Database>;
  pii: PiiCipher;
  now: Date;
}): Promise<{ visits: number }> {
  const { db, pii, now } = input;
  const clerk = await db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', 'clerk')
    .executeTakeFirst();
  const cheng = await db
    .selectFrom('residents')
    .select('id')
    .where('full_name', '=', '程建国')
    .where('home_region_code', '=', YIZHUANG)
    .executeTakeFirst();
  if (!clerk || !cheng) return { visits: 0 };
  const actor: Actor = {
    accountId: clerk.id,
    username: clerk.username,
    displayName: clerk.display_name,
    residentId: null,
    grants: await loadGrants(db, clerk.id),
  };
  const neighbours: string[] = [];
  for (const n of NEIGHBOURS) {
    const r = await registerResident(
      { db, pii },
      {
        resident: {
          idNumber: buildIdNumber('110115', n.birth, n.seq),
          fullName: n.fullName,
          homeRegionCode: YIZHUANG,
          address: n.address,
        },
        actor: SEED_CALLER,
        isDemo: true,
        requestId: null,
        now,
      },
    );
    neighbours.push(r.id);
  }
  const today = chinaDate(now);
  const requests = [
    {
      residentId: cheng.id,
      requestedBy: 'relative' as const,
      requesterRelation: '儿子',
      reason: 'ill' as const,
      contactPhone: '13900004321',
      note: '高血压，行动不便，请村医随访',
    },
    {
      residentId: neighbours[0]!,
      requestedBy: 'agent' as const,
      reason: 'elderly' as const,
      itemCode: 'DX-MZ-001',
      note: '独居老人，想申请低保',
    },
    {
      residentId: neighbours[1]!,
      requestedBy: 'staff' as const,
      reason: 'disabled' as const,
      contactPhone: '13700008765',
      note: '电话来询，肢体残疾',
    },
  ];
  const ids: string[] = [];
  for (const [i, body] of requests.entries()) {
    const at = new Date(now.getTime() - (3 - i) * 3_600_000);
    const v = await requestVisit(
      { db, pii },
      { body: { preferredDates: [today], ...body }, actor, requestId: null, now: at },
    );
    ids.push(v.id);
  }
  await scheduleVisits(
    { db, pii },
    { body: { day: today, window: 'morning', visitIds: ids }, actor, requestId: null, now },
  );
  return { visits: ids.length };
}
