/**
 * 转办 hand-offs (GS-4): the handler or the first responder names a receiver in reach, a reason and
 * a deadline; only the receiver accepts or declines, and of two racing answers exactly one wins
 * (a conditional update). At most one hand-off per matter is pending (a unique partial index).
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import { loadGrants } from '../auth/session.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { DEFAULT_HANDOFF_DAYS, handoffDueDate, mayActOnMatter } from './handoff.rules.ts';
import type { HandoffTo, NewHandoff } from './handoff.schema.ts';
import { getHandoff } from './handoff.view.ts';
import {
  canSeeMatter,
  grantOn,
  HANDLER_ROLES,
  loadMatter,
  matterHandoffs,
  receiverReaches,
  type Matter,
} from './matter.ts';
import { notify } from '../notifications/notification.service.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { handlingPostHolder, recordPostHandoff, resolveReceiver } from './handoff-post.ts';

async function assertReceiver(db: Kysely<Database>, toId: string, fromId: string, m: Matter) {
  if (toId === fromId) throw new AppError('HANDOFF_RECEIVER_INVALID', { detail: 'self' });
  const account = await db
    .selectFrom('accounts')
    .select('status')
    .where('id', '=', toId)
    .executeTakeFirst();
  if (account?.status !== 'active') throw new AppError('HANDOFF_RECEIVER_INVALID');
  const grants = await loadGrants(db, toId);
  if (!receiverReaches(toId, grants, m)) {
    const staff = grants.some((g) => (HANDLER_ROLES as readonly Role[]).includes(g.role));
    throw new AppError(staff ? 'HANDOFF_RECEIVER_OUT_OF_REACH' : 'HANDOFF_RECEIVER_INVALID');
  }
}

/** Who may be handed a matter: the receiver named (or a post's holder now) and the deadline. */
export interface HandoffPlan {
  toId: string;
  postId: string | null;
  dueDate: string;
}

/**
 * The checks on the receiver of a hand-off of `matter` (a person in reach, or a post's holder now;
 * never the sender) and its deadline on the working-day calendar: nothing is written.
 */
export async function planHandoff(
  db: Kysely<Database>,
  input: { body: z.infer<typeof HandoffTo>; matter: Matter; actor: Actor; now: Date },
): Promise<HandoffPlan> {
  const { body, matter, actor, now } = input;
  const { toId, postId } = await resolveReceiver(db, body, actor, now);
  await assertReceiver(db, toId, actor.accountId, matter);
  const days = body.dueDays ?? DEFAULT_HANDOFF_DAYS;
  const dueDate = handoffDueDate(now, days, await loadWorkCalendar(db));
  return { toId, postId, dueDate };
}

/**
 * Writes a planned hand-off inside the caller's transaction: the row (next seq of the matter), the
 * post it was addressed to, the receiver's notification and the audit event. A second pending
 * hand-off of the matter is a unique violation (the caller maps it to HANDOFF_ALREADY_PENDING).
 */
export async function insertHandoff(
  trx: Transaction<Database>,
  input: {
    id: string;
    matter: Matter;
    plan: HandoffPlan;
    reason: string;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<void> {
  const { id, matter, actor, now } = input;
  const { toId, postId, dueDate } = input.plan;
  const last = await trx
    .selectFrom('handoffs')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('entity_type', '=', matter.type)
    .where('entity_id', '=', matter.id)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  await trx
    .insertInto('handoffs')
    .values({
      id,
      entity_type: matter.type,
      entity_id: matter.id,
      seq,
      region_code: matter.regionCode,
      first_responder_id: matter.firstResponderId,
      from_account_id: actor.accountId,
      to_account_id: toId,
      reason: input.reason,
      due_date: dueDate,
      status: 'pending',
      decline_reason: null,
      created_at: now.toISOString(),
      decided_at: null,
    })
    .execute();
  if (postId) await recordPostHandoff(trx, { handoffId: id, postId, toId, now });
  await notify(trx, {
    accountId: toId,
    kind: 'handoff_received',
    params: { label: matter.label, from: actor.displayName, dueDate },
    entityType: 'handoff',
    entityId: id,
    now,
  });
  await recordAudit(trx, {
    actor: auditActor(actor, grantOn(actor, matter)),
    action: 'handoff.created',
    entityType: 'handoff',
    entityId: id,
    regionCode: matter.regionCode,
    after: {
      entityType: matter.type,
      entityId: matter.id,
      seq,
      toAccountId: toId,
      toPostId: postId,
      reason: input.reason,
      dueDate,
    },
    requestId: input.requestId,
    now,
  });
}

export async function createHandoff(
  db: Kysely<Database>,
  input: { body: z.infer<typeof NewHandoff>; actor: Actor; requestId: string; now: Date },
) {
  const { body, actor, now } = input;
  const matter = await loadMatter(db, body.entityType, body.entityId);
  if (!canSeeMatter(actor, matter)) throw new AppError('OUT_OF_SCOPE');
  if (!matter.open) throw new AppError('MATTER_CLOSED');
  const handoffs = await matterHandoffs(db, matter.type, matter.id);
  if (
    !mayActOnMatter(
      actor.accountId,
      matter.firstResponderId,
      handoffs,
      await handlingPostHolder(db, handoffs, now),
    )
  )
    throw new AppError('MATTER_NOT_HOLDER');
  if (handoffs.some((h) => h.status === 'pending')) throw new AppError('HANDOFF_ALREADY_PENDING');
  const plan = await planHandoff(db, { body, matter, actor, now });

  const id = crypto.randomUUID();
  try {
    await db.transaction().execute((trx) =>
      insertHandoff(trx, {
        id,
        matter,
        plan,
        reason: body.reason,
        actor,
        requestId: input.requestId,
        now,
      }),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('HANDOFF_ALREADY_PENDING');
    throw err;
  }
  return getHandoff(db, { id, actor, now });
}

/** The receiver accepts or declines; a second answer (or a parallel one) gets 409. */
export async function decideHandoff(
  db: Kysely<Database>,
  input: {
    id: string;
    decision: 'accepted' | 'declined';
    reason?: string | undefined;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { actor, now } = input;
  const h = await db
    .selectFrom('handoffs')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!h) throw new AppError('HANDOFF_NOT_FOUND');
  if (h.to_account_id !== actor.accountId) throw new AppError('HANDOFF_NOT_RECEIVER');
  if (h.status !== 'pending') throw new AppError('HANDOFF_ALREADY_DECIDED');
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('handoffs')
      .set({
        status: input.decision,
        decline_reason: input.decision === 'declined' ? (input.reason ?? null) : null,
        decided_at: nowIso,
      })
      .where('id', '=', h.id)
      .where('status', '=', 'pending')
      .where('to_account_id', '=', actor.accountId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('HANDOFF_ALREADY_DECIDED');
    if (input.decision === 'declined') {
      await notify(trx, {
        accountId: h.from_account_id,
        kind: 'handoff_declined',
        params: { by: actor.displayName, reason: input.reason ?? '' },
        entityType: 'handoff',
        entityId: h.id,
        now,
      });
    }
    await recordAudit(trx, {
      actor: auditActor(actor, grantOn(actor, { regionCode: h.region_code })),
      action: input.decision === 'accepted' ? 'handoff.accepted' : 'handoff.declined',
      entityType: 'handoff',
      entityId: h.id,
      regionCode: h.region_code,
      before: { status: 'pending' },
      after: { status: input.decision, reason: input.reason ?? null },
      requestId: input.requestId,
      now,
    });
  });
  return getHandoff(db, { id: h.id, actor, now });
}
