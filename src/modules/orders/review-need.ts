/**
 * VS-4 审单: centre staff accept a submitted need into an order of its own (awaiting dispatch), or
 * reject it with a reason that reaches the requester.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsNeedTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize } from '../../shared/actor.ts';
import { notify } from '../notifications/notification.service.ts';
import { createOrderFromNeeds } from './create-order-from-needs.ts';
import { needNames, presentNeeds } from './need-view.ts';
import type { Meta } from './order-access.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import type { AcceptNeed } from './orders.schema.ts';
import { needRefusal, type NeedAction } from './order.workflow.ts';

/** Refuses by the workflow table a review action on a need (the caller is centre staff in reach). */
export function assertReviewable(action: NeedAction, n: VsNeedTable) {
  const refused = needRefusal(
    action,
    {
      status: n.status,
      hasAccount: n.requester_account_id !== null,
      orderState: null,
      rated: false,
    },
    { centre: true, requester: false },
  );
  if (refused) throw new AppError(refused);
}

export async function loadNeed(db: Kysely<Database>, id: string) {
  const n = await db.selectFrom('vs_needs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!n) throw new AppError('VS_NEED_NOT_FOUND');
  return n;
}

/** Accepts one need into a new order of its own (awaiting dispatch). Returns the order id. */
export async function acceptNeed(
  db: Kysely<Database>,
  input: Meta & { id: string; body: z.infer<typeof AcceptNeed> },
): Promise<string> {
  const n = await loadNeed(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, n.region_code);
  assertReviewable('accept', n);
  const names = await needNames(db, [n]);
  const title =
    input.body.title ?? names.project(n.project_id) ?? n.description.slice(0, 40).trim();
  return db.transaction().execute((trx) =>
    createOrderFromNeeds(trx, {
      ...input,
      needs: [n],
      grant,
      merged: false,
      order: {
        title,
        description: n.description,
        place: n.place,
        regionCode: n.region_code,
        categoryCode: n.category_code,
        wantedFrom: n.wanted_from,
        wantedTo: n.wanted_to,
      },
    }),
  );
}

/** Rejects a need with a reason that reaches the requester (notification and "my orders"). */
export async function rejectNeed(
  db: Kysely<Database>,
  input: Meta & { id: string; reason: string },
) {
  const n = await loadNeed(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, n.region_code);
  assertReviewable('reject', n);
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('vs_needs')
      .set({
        status: 'rejected',
        reject_reason: input.reason,
        reviewed_by: input.actor.accountId,
        reviewed_at: nowIso,
        updated_at: nowIso,
      })
      .where('id', '=', n.id)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VS_NEED_ALREADY_REVIEWED');
    if (n.requester_account_id)
      await notify(trx, {
        accountId: n.requester_account_id,
        kind: 'vs_need_rejected',
        params: { needNumber: n.need_number, reason: input.reason },
        entityType: 'vs_need',
        entityId: n.id,
        now: input.now,
      });
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'vs_need.rejected',
      entityType: 'vs_need',
      entityId: n.id,
      regionCode: n.region_code,
      before: { status: 'submitted' },
      after: { status: 'rejected', reason: input.reason },
      requestId: input.requestId,
      now: input.now,
    });
  });
  const row = await loadNeed(db, n.id);
  return (await presentNeeds(db, input.actor, [row]))[0]!;
}
