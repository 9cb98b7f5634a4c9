/**
 * Demo record (VS-8) for the demo `volunteer`: three past, confirmed services with the team the
 * demo `leader` leads in 魏善庄镇 and a training entry — so "my hours" and the certificate page
 * have something to show. Needs the volunteer demo (team, volunteer) seeded first; does nothing
 * without it. Fixed ids; safe to run twice.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { hourRecordRow, insertHourRecords } from './hour-record.row.ts';

/** 伊庄村, where the demo's past activities were served. */
const DEMO_ACTIVITY_REGION = '110115110207';

function demoId(name: string): string {
  const h = crypto.createHash('sha256').update(`doorstep-demo:records:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const DAY = 24 * 3600_000;

const SERVICES = [
  { key: 'meals', daysAgo: 28, title: '助老送餐', place: '伊庄村老年餐桌', halfHours: 5 },
  { key: 'clean', daysAgo: 21, title: '村庄环境整治', place: '三顺庄村主街', halfHours: 6 },
  { key: 'read', daysAgo: 14, title: '四点半课堂陪读', place: '伊庄村儿童之家', halfHours: 4 },
] as const;

export async function seedDemoRecords(deps: { db: Kysely<Database>; pii: PiiCipher; now: Date }) {
  const { db, pii, now } = deps;
  const leader = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'leader')
    .executeTakeFirst();
  const volunteer = await db
    .selectFrom('vs_volunteers as v')
    .innerJoin('accounts as a', 'a.id', 'v.account_id')
    .select('v.id')
    .where('a.username', '=', 'volunteer')
    .executeTakeFirst();
  if (!leader || !volunteer) return { services: 0 };
  const team = await db
    .selectFrom('vs_teams')
    .select(['id', 'region_code'])
    .where('leader_account_id', '=', leader.id)
    .where('region_code', '=', '110115110000')
    .orderBy('created_at')
    .executeTakeFirst();
  if (!team) return { services: 0 };
  for (const s of SERVICES) {
    const day = new Date(now.getTime() - s.daysAgo * DAY);
    day.setUTCHours(1, 0, 0, 0); // 09:00 Beijing
    const ends = new Date(day.getTime() + s.halfHours * 1800_000);
    const date = new Date(day.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const activityId = demoId(`${s.key}:activity`);
    await db
      .insertInto('vs_activities')
      .values({
        id: activityId,
        order_id: null,
        project_id: null,
        team_id: team.id,
        title: s.title,
        description: s.title,
        place: s.place,
        region_code: DEMO_ACTIVITY_REGION,
        starts_at: day.toISOString(),
        ends_at: ends.toISOString(),
        capacity: 8,
        confirmed_count: 1,
        queue_seq: 0,
        skills: '[]',
        lead_account_id: leader.id,
        code_secret_cipher: pii.encrypt(crypto.randomBytes(32).toString('base64')),
        status: 'completed',
        version: 1,
        created_by: leader.id,
        is_demo: 1,
        created_at: day.toISOString(),
        updated_at: ends.toISOString(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await db
      .insertInto('vs_signups')
      .values({
        id: demoId(`${s.key}:signup`),
        activity_id: activityId,
        volunteer_id: volunteer.id,
        status: 'confirmed',
        queue_position: null,
        created_at: day.toISOString(),
        promoted_at: null,
        cancelled_at: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const record = hourRecordRow(
      { id: activityId, region_code: DEMO_ACTIVITY_REGION },
      {
        id: demoId(`${s.key}:record`),
        volunteer_id: volunteer.id,
        team_id: team.id,
        service_date: date,
        checked_in_at: day.toISOString(),
        checked_out_at: ends.toISOString(),
        check_in_method: 'code',
        check_out_method: 'code',
        travel_minutes: 0,
        half_hours: s.halfHours,
        content: s.title,
        place: s.place,
        status: 'confirmed',
        evaluation: '服务认真，老人满意',
        confirmed_by: leader.id,
        confirmed_at: ends.toISOString(),
        reject_reason: null,
        created_at: day.toISOString(),
        updated_at: ends.toISOString(),
      },
    );
    await insertHourRecords(db, [record], 'insert-missing');
  }
  await db
    .insertInto('vs_record_entries')
    .values({
      id: demoId('training'),
      volunteer_id: volunteer.id,
      team_id: team.id,
      kind: 'training',
      title: '应急救护培训',
      on_date: new Date(now.getTime() - 35 * DAY + 8 * 3600_000).toISOString().slice(0, 10),
      half_hours: 6,
      note: '',
      recorded_by: leader.id,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return { services: SERVICES.length };
}
