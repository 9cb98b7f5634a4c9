/**
 * The world of the VS-8/VS-9 records tests (records-*.test.ts): teams A (with a sub-team) and B in
 * two towns, the demo volunteer who served with all three, one volunteer with only a pending
 * record, one stranger, a rated order and the service records; and the JSON shapes read back.
 */
import type { Client, TestApp } from '../helpers/test-app.ts';
import {
  insertAccount,
  insertCategory,
  insertMember,
  insertOrder,
  insertTeam,
  insertVolunteer,
} from '../helpers/vs-fixtures.ts';
import {
  demoVolunteer,
  insertActivity,
  insertRating,
  insertServiceRecord,
} from './records.fixtures.ts';

export const TOWN = '110115110000'; // 魏善庄镇
export const YIZHUANG = '110115110207';
export const QYD = '110115103000'; // 青云店镇

export interface RecordJson {
  volunteer: { name: string; idMasked: string; volunteerNumber: string };
  confirmedHours: number;
  partial: boolean;
  stars: { stars: number; pack: { code: string }; hoursToNext: number | null };
  services: {
    teamId: string;
    organisation: string;
    hours: number;
    status: string;
    confirmedBy: string | null;
    evaluation: string | null;
    orderRating: { average: number; count: number } | null;
  }[];
  training: { title: string; hours: number; recordedBy: string }[];
  awards: { title: string }[];
  certificates: { certificateNumber: string }[];
}
export interface Cert {
  id: string;
  certificateNumber: string;
  hours: number;
  revokedAt: string | null;
  snapshot: {
    totalHours: number;
    services: { organisation: string; hours: number }[];
    volunteer: { name: string; idMasked: string; volunteerNumber: string };
    issuer: { organisation: string; handler: string; personInCharge: string; contactPhone: string };
    verifyUrl: string;
  };
}

/** Logs in the demo users into `c` and writes the world; returns the ids the tests refer to. */
export async function buildRecordsWorld(t: TestApp, c: Record<string, Client>) {
  const db = t.testDb.db.kysely;
  for (const u of ['leader', 'vstaff', 'volunteer', 'admin', 'supervisor', 'clerk'])
    c[u] = await t.login(u);
  const leaderId = (await c.leader!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
  const otherLeader = await insertAccount(db, {
    role: 'team_leader',
    regionCode: QYD,
    displayName: '青云店队长',
  });
  const leaderBName = otherLeader.username;
  const leaderB = await t.login(otherLeader.username);
  const cat = await insertCategory(db);
  const teamA = await insertTeam(db, {
    regionCode: TOWN,
    categoryCode: cat,
    leaderAccountId: leaderId,
    name: '彩虹志愿服务队',
  });
  const subA = await insertTeam(db, { regionCode: YIZHUANG, parentId: teamA, name: '红色小队' });
  const teamB = await insertTeam(db, {
    regionCode: QYD,
    leaderAccountId: otherLeader.id,
    name: '青云店服务队',
  });
  const vol = await demoVolunteer(db, (accountId) =>
    insertVolunteer(db, t.pii, {
      homeRegionCode: YIZHUANG,
      accountId,
      fullName: '王小明',
      idNumber: '110115199001011234',
    }),
  );
  await insertMember(db, { teamId: subA, volunteerId: vol });
  const order = await insertOrder(db, {
    regionCode: TOWN,
    categoryCode: cat,
    createdBy: leaderId,
    state: 'completed',
    teamId: teamA,
  });
  await insertRating(db, t.pii, {
    orderId: order,
    teamId: teamA,
    regionCode: TOWN,
    categoryCode: cat,
    stars: 5,
  });
  await insertRating(db, t.pii, {
    orderId: order,
    teamId: teamA,
    regionCode: TOWN,
    categoryCode: cat,
    stars: 4,
  });
  const actA = await insertActivity(db, {
    teamId: teamA,
    regionCode: TOWN,
    leadAccountId: leaderId,
    orderId: order,
  });
  const actA2 = await insertActivity(db, {
    teamId: teamA,
    regionCode: TOWN,
    leadAccountId: leaderId,
  });
  const actSub = await insertActivity(db, {
    teamId: subA,
    regionCode: YIZHUANG,
    leadAccountId: leaderId,
  });
  const actB = await insertActivity(db, {
    teamId: teamB,
    regionCode: QYD,
    leadAccountId: otherLeader.id,
  });
  await insertServiceRecord(db, {
    volunteerId: vol,
    activityId: actA,
    teamId: teamA,
    date: '2026-02-20',
    halfHours: 8,
    confirmedBy: leaderId,
    content: '直播带货培训',
    place: '新义社区活动室',
    evaluation: '认真负责',
  });
  await insertServiceRecord(db, {
    volunteerId: vol,
    activityId: actSub,
    teamId: subA,
    date: '2026-02-22',
    halfHours: 3,
    confirmedBy: leaderId,
    content: '助老送餐',
  });
  await insertServiceRecord(db, {
    volunteerId: vol,
    activityId: actA2,
    teamId: teamA,
    date: '2026-02-25',
    halfHours: 4,
    status: 'pending_confirmation',
  });
  await insertServiceRecord(db, {
    volunteerId: vol,
    activityId: actB,
    teamId: teamB,
    date: '2026-02-26',
    halfHours: 6,
    confirmedBy: otherLeader.id,
    content: '环境整治',
  });
  const onlyPending = await insertVolunteer(db, t.pii, {
    homeRegionCode: YIZHUANG,
    fullName: '赵待定',
  });
  await insertServiceRecord(db, {
    volunteerId: onlyPending,
    activityId: actA2,
    teamId: teamA,
    date: '2026-02-25',
    halfHours: 4,
    status: 'pending_confirmation',
  });
  const stranger = await insertVolunteer(db, t.pii, {
    homeRegionCode: '110115103201',
    fullName: '钱路人',
  });
  return { cat, teamA, subA, teamB, vol, onlyPending, stranger, leaderB, leaderBName };
}
