/**
 * Demo activities (VS-6) for 魏善庄镇: an upcoming one of the team the demo `leader` leads, the
 * demo `volunteer` confirmed on it. Needs the volunteer demo (teams, volunteers) seeded first;
 * does nothing without it. Fixed ids so the route matrix can name them.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

export function demoActivityId(name: string): string {
  const h = crypto.createHash('sha256').update(`doorstep-demo:activity:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_ACTIVITY_IDS = {
  /** 助老理发进村, three days after seeding, 09:00–11:30 Beijing; the demo volunteer is confirmed. */
  haircut: demoActivityId('haircut'),
} as const;

const DAY = 24 * 3600_000;

/** 09:00 Beijing (01:00 UTC) `days` days after `now`. */
function morning(now: Date, days: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  d.setUTCHours(1, 0, 0, 0);
  return d;
}

export async function seedDemoActivities(deps: {
  db: Kysely<Database>;
  pii: PiiCipher;
  now: Date;
}) {
  const { db, pii, now } = deps;
  const leader = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'leader')
    .executeTakeFirst();
  if (!leader) return { activities: 0 };
  const team = await db
    .selectFrom('vs_teams')
    .select(['id', 'region_code'])
    .where('leader_account_id', '=', leader.id)
    .where('region_code', '=', '110115110000')
    .orderBy('created_at')
    .executeTakeFirst();
  if (!team) return { activities: 0 };
  const project = await db
    .selectFrom('vs_projects')
    .select('id')
    .where('team_id', '=', team.id)
    .orderBy('created_at')
    .executeTakeFirst();
  const volunteer = await db
    .selectFrom('vs_volunteers as v')
    .innerJoin('accounts as a', 'a.id', 'v.account_id')
    .select('v.id')
    .where('a.username', '=', 'volunteer')
    .executeTakeFirst();
  const nowIso = now.toISOString();
  const startsAt = morning(now, 3);
  const id = DEMO_ACTIVITY_IDS.haircut;
  await db
    .insertInto('vs_activities')
    .values({
      id,
      order_id: null,
      project_id: project?.id ?? null,
      team_id: team.id,
      title: '助老理发进村',
      description: '为伊庄村独居老人上门理发，请自带围布和电推子。',
      place: '伊庄村委会活动室',
      region_code: '110115110207',
      starts_at: startsAt.toISOString(),
      ends_at: new Date(startsAt.getTime() + 2.5 * 3600_000).toISOString(),
      capacity: 6,
      confirmed_count: volunteer ? 1 : 0,
      queue_seq: 0,
      skills: JSON.stringify(['理发']),
      lead_account_id: leader.id,
      code_secret_cipher: pii.encrypt(crypto.randomBytes(32).toString('base64')),
      status: 'open',
      cancel_reason: null,
      version: 1,
      created_by: leader.id,
      is_demo: 1,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  if (volunteer) {
    await db
      .insertInto('vs_signups')
      .values({
        id: demoActivityId('haircut:signup'),
        activity_id: id,
        volunteer_id: volunteer.id,
        status: 'confirmed',
        queue_position: null,
        created_at: nowIso,
        promoted_at: null,
        cancelled_at: null,
      })
      .execute();
  }
  return { activities: 1 };
}
