/**
 * VS-6 activities: the accepting team's leader (or centre staff in scope) turns an accepted order —
 * or a standing project — into activities; the first activity of an order moves it accepted →
 * in_service (a conditional update, plus the order's timeline row). Cancelling an activity cancels
 * its sign-ups and tells the volunteers.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, reachPrefixes, type Actor } from '../../shared/actor.ts';
import { notify } from '../notifications/notification.service.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { grantForTeam, managedActivity, teamWithLeaders } from './activity.access.ts';
import type { NewActivity } from './activity.schema.ts';
import { presentActivity } from './activity.view.ts';
import { currentCode, checkInLink, type CodeDirection } from './check-in-code.ts';
import QRCode from 'qrcode';
import { activityRefusal, type ActivityStanding } from './activity.workflow.ts';
import { servableOrder, startOrderService } from '../orders/start-order-service.ts';
import { smsSignedUpVolunteers } from './activity-sms.ts';

const MANAGER: ActivityStanding = { manages: true, volunteer: false, signup: null };

export interface ActivityDeps {
  db: Kysely<Database>;
  pii: PiiCipher;
  codePeriodSeconds: number;
  dailyHoursCap: number;
  publicUrl: string;
}

const MAX_DURATION_MS = 24 * 3600_000;

async function assertLead(db: Kysely<Database>, leadId: string) {
  const grants = await db
    .selectFrom('accounts as a')
    .innerJoin('role_grants as g', 'g.account_id', 'a.id')
    .select(['a.status', 'g.role'])
    .where('a.id', '=', leadId)
    .execute();
  const ok = grants.some(
    (g) => g.status === 'active' && (g.role === 'team_leader' || g.role === 'volunteer_staff'),
  );
  if (!ok) throw new AppError('VS_ACTIVITY_LEAD_INVALID');
}

export async function createActivity(
  deps: ActivityDeps,
  input: { body: z.infer<typeof NewActivity>; actor: Actor; requestId: string; now: Date },
) {
  const { db } = deps;
  const { body, actor, now } = input;
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  if (!(endsAt > startsAt) || endsAt.getTime() - startsAt.getTime() > MAX_DURATION_MS)
    throw new AppError('VS_ACTIVITY_TIME_INVALID');
  if (endsAt <= now) throw new AppError('VS_ACTIVITY_TIME_INVALID', { detail: 'in the past' });

  let teamId: string;
  let regionCode: string;
  let orderState: string | null = null;
  if (body.orderId) {
    const order = await servableOrder(db, body.orderId);
    teamId = order.teamId;
    regionCode = body.regionCode ?? order.regionCode;
    orderState = order.state;
  } else {
    const project = await db
      .selectFrom('vs_projects')
      .select(['id', 'team_id', 'region_code', 'active'])
      .where('id', '=', body.projectId!)
      .executeTakeFirst();
    if (!project || project.active !== 1) throw new AppError('VS_PROJECT_NOT_FOUND');
    const t = body.teamId ?? project.team_id;
    if (!t)
      throw new AppError('VALIDATION_FAILED', { detail: 'teamId is required for this project' });
    teamId = t;
    regionCode = body.regionCode ?? project.region_code;
  }
  const team = await teamWithLeaders(db, teamId);
  if (!team || team.team.active !== 1) throw new AppError('VS_TEAM_NOT_LED');
  const grant = grantForTeam(actor, team.leaderIds, team.team.region_code);
  if (!grant) throw new AppError('VS_TEAM_NOT_LED');
  // Staff may place an activity only inside their own reach.
  if (grant.role === 'volunteer_staff' && !regionCode.startsWith(grant.reachPrefix))
    throw new AppError('OUT_OF_SCOPE');
  const region = await db
    .selectFrom('regions')
    .select('code')
    .where('code', '=', regionCode)
    .executeTakeFirst();
  if (!region) throw new AppError('VALIDATION_FAILED', { detail: 'unknown regionCode' });
  const leadAccountId = body.leadAccountId ?? actor.accountId;
  if (leadAccountId !== actor.accountId) await assertLead(db, leadAccountId);

  const id = crypto.randomUUID();
  const nowIso = now.toISOString();
  const secret = deps.pii.encrypt(crypto.randomBytes(32).toString('base64'));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('vs_activities')
      .values({
        id,
        order_id: body.orderId ?? null,
        project_id: body.projectId ?? null,
        team_id: teamId,
        title: body.title,
        description: body.description,
        place: body.place,
        region_code: regionCode,
        starts_at: startsAt.toISOString(),
        ends_at: endsAt.toISOString(),
        capacity: body.capacity,
        confirmed_count: 0,
        queue_seq: 0,
        skills: JSON.stringify(body.skills),
        lead_account_id: leadAccountId,
        code_secret_cipher: secret,
        status: 'open',
        cancel_reason: null,
        version: 1,
        created_by: actor.accountId,
        is_demo: 0,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    // The orders module moves the order into service (VS-6); no other module writes vs_orders.
    const started =
      body.orderId !== undefined &&
      orderState === 'accepted' &&
      (await startOrderService(trx, {
        orderId: body.orderId,
        teamId,
        activityId: id,
        actorId: actor.accountId,
        now,
        pii: deps.pii,
      }));
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'vs_activity.created',
      entityType: 'vs_activity',
      entityId: id,
      regionCode,
      after: {
        orderId: body.orderId ?? null,
        projectId: body.projectId ?? null,
        teamId,
        title: body.title,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        capacity: body.capacity,
        leadAccountId,
        orderStarted: started,
      },
      requestId: input.requestId,
      now,
    });
  });
  return getActivity(db, { id, actor, now });
}

export async function getActivity(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; now: Date },
) {
  const a = await db
    .selectFrom('vs_activities')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!a) throw new AppError('VS_ACTIVITY_NOT_FOUND');
  const view = await presentActivity(db, a, input.actor, input.now);
  // Volunteers see activities in their reach, and any they signed up for.
  const reach = reachPrefixes(input.actor, ['volunteer', 'volunteer_staff', 'team_leader']);
  if (!view.canManage && !view.mySignup && !reach.some((p) => a.region_code.startsWith(p)))
    throw new AppError('OUT_OF_SCOPE');
  return view;
}

export async function cancelActivity(
  db: Kysely<Database>,
  input: {
    id: string;
    reason: string;
    actor: Actor;
    requestId: string;
    now: Date;
    /** Issue #15 point 5: the volunteers' SMS (activity-sms.ts). */
    pii: PiiCipher;
  },
) {
  const { actor, now } = input;
  const { activity, grant } = await managedActivity(db, input.id, actor);
  const refusal = activityRefusal('cancel', activity, MANAGER, now);
  if (refusal) throw new AppError(refusal);
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('vs_activities')
      .set((eb) => ({
        status: 'cancelled',
        cancel_reason: input.reason,
        version: eb('version', '+', 1),
        updated_at: nowIso,
      }))
      .where('id', '=', activity.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VS_ACTIVITY_NOT_OPEN');
    const cancelled = await trx
      .updateTable('vs_signups')
      .set({ status: 'cancelled', cancelled_at: nowIso })
      .where('activity_id', '=', activity.id)
      .where('status', '<>', 'cancelled')
      .returning(['volunteer_id'])
      .execute();
    await smsSignedUpVolunteers(trx, input.pii, {
      activity,
      version: activity.version + 1,
      volunteerIds: cancelled.map((c) => c.volunteer_id),
      change: `已取消（${input.reason}）`,
      now,
    });
    const accounts =
      cancelled.length === 0
        ? []
        : await trx
            .selectFrom('vs_volunteers')
            .select('account_id')
            .where(
              'id',
              'in',
              cancelled.map((c) => c.volunteer_id),
            )
            .where('account_id', 'is not', null)
            .execute();
    for (const a of accounts) {
      await notify(trx, {
        accountId: a.account_id!,
        kind: 'vs_activity_cancelled',
        params: { activity: activity.title, reason: input.reason },
        entityType: 'vs_activity',
        entityId: activity.id,
        now,
      });
    }
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'vs_activity.cancelled',
      entityType: 'vs_activity',
      entityId: activity.id,
      regionCode: activity.region_code,
      before: { status: 'open' },
      after: { status: 'cancelled', reason: input.reason, signupsCancelled: cancelled.length },
      requestId: input.requestId,
      now,
    });
  });
  return getActivity(db, { id: activity.id, actor, now });
}

/** The code for the lead's screen, with the QR (an SVG data URL) of the volunteer's check-in link. */
export async function checkInCode(
  deps: ActivityDeps,
  input: { id: string; direction: CodeDirection; actor: Actor; now: Date },
) {
  const { activity } = await managedActivity(deps.db, input.id, input.actor);
  const refusal = activityRefusal('show_code', activity, MANAGER, input.now);
  if (refusal) throw new AppError(refusal);
  const secret = Buffer.from(deps.pii.decrypt(activity.code_secret_cipher), 'base64');
  const c = currentCode(secret, activity.id, input.direction, input.now, deps.codePeriodSeconds);
  const link = checkInLink(deps.publicUrl, activity.id, input.direction, c.code);
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return {
    code: c.code,
    direction: input.direction,
    validUntil: c.validUntil,
    periodSeconds: deps.codePeriodSeconds,
    link,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}
