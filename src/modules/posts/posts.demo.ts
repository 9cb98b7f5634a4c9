/**
 * GS-11 demo: 伊庄村's 综合受理岗 with the demo clerk as A and a second clerk (clerk-b) as B, and
 * one planned leave of A two working days ahead, so the coverage calendar shows B covering.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addDays, chinaDate, chinaDayStartUtc } from '../../shared/china-time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createAccount } from '../auth/account.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { addWorkingDays } from '../calendar/working-days.ts';

const SYSTEM = { accountId: null, role: 'system', stationId: null };

export async function seedDemoPosts(deps: {
  db: Kysely<Database>;
  now: Date;
  password: string;
  villageRegion: string;
}): Promise<void> {
  const { db, now } = deps;
  const station = await db
    .selectFrom('stations')
    .select(['id', 'region_code'])
    .where('region_code', '=', deps.villageRegion)
    .executeTakeFirstOrThrow();
  const clerk = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'clerk')
    .executeTakeFirstOrThrow();
  const b = await createAccount(db, {
    username: 'clerk-b',
    displayName: '伊庄村B岗专管员（演示）',
    password: deps.password,
    grants: [{ role: 'clerk', stationId: station.id }],
    residentId: null,
    isDemo: true,
    actor: SYSTEM,
    now,
  });
  const postId = crypto.randomUUID();
  const leaveDay = addWorkingDays(chinaDate(now), 2, await loadWorkCalendar(db));
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('posts')
      .values({
        id: postId,
        station_id: station.id,
        region_code: station.region_code,
        name: '综合受理岗',
        opening_hours: null,
        a_account_id: clerk.id,
        b_account_id: b.id,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    await recordAudit(trx, {
      actor: SYSTEM,
      action: 'post.created',
      entityType: 'post',
      entityId: postId,
      regionCode: station.region_code,
      after: { name: '综合受理岗', a: clerk.id, b: b.id },
      now,
    });
    const absenceId = crypto.randomUUID();
    await trx
      .insertInto('post_absences')
      .values({
        id: absenceId,
        account_id: clerk.id,
        region_code: station.region_code,
        kind: 'planned_leave',
        starts_at: chinaDayStartUtc(leaveDay),
        ends_at: chinaDayStartUtc(addDays(leaveDay, 1)),
        note: '年休假（演示）',
        status: 'active',
        recorded_by: clerk.id,
        created_at: nowIso,
        cancelled_by: null,
        cancelled_at: null,
      })
      .execute();
    await recordAudit(trx, {
      actor: SYSTEM,
      action: 'post_absence.recorded',
      entityType: 'post_absence',
      entityId: absenceId,
      regionCode: station.region_code,
      after: { kind: 'planned_leave', day: leaveDay },
      now,
    });
  });
}
