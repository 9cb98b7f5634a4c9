/**
 * CP-2 offer-expiry sweep, safe on several nodes: each due offer is claimed by a conditional
 * update (`status = 'offered' AND offer_expires_at <= now`) inside the transaction that passes its
 * seat on, so two sweepers at once expire and pass on every offer exactly once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { lockClass, passSeatOn, withReason } from './seat-passing.ts';

const SWEEP_ACTOR: AuditActor = { accountId: null, role: 'system', stationId: null };

/** Expires the offers due at `now` (up to `limit`); returns how many this sweeper expired. */
export async function expireOffers(
  db: Kysely<Database>,
  input: { now: Date; limit?: number },
): Promise<number> {
  const at = input.now.toISOString();
  const due = await db
    .selectFrom('enrolments')
    .select(['id', 'class_id', 'region_code', 'reasons'])
    .where('status', '=', 'offered')
    .where('offer_expires_at', '<=', at)
    .orderBy('offer_expires_at')
    .limit(input.limit ?? 200)
    .execute();
  let expired = 0;
  for (const e of due) {
    const took = await db.transaction().execute(async (trx) => {
      const klass = await lockClass(trx, e.class_id);
      const r = await trx
        .updateTable('enrolments')
        .set({
          status: 'expired',
          offer_expires_at: null,
          reasons: withReason(e.reasons, { at, action: 'expire' }),
          updated_at: at,
        })
        .where('id', '=', e.id)
        .where('status', '=', 'offered')
        .where('offer_expires_at', '<=', at)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false; // another sweeper (or the guardian) was first
      await recordAudit(trx, {
        actor: SWEEP_ACTOR,
        action: 'enrolment.expired',
        entityType: 'enrolment',
        entityId: e.id,
        regionCode: e.region_code,
        before: { status: 'offered' },
        after: { status: 'expired' },
        requestId: null,
        now: input.now,
      });
      await passSeatOn(trx, {
        klass,
        wasOffer: true,
        actor: SWEEP_ACTOR,
        requestId: null,
        now: input.now,
      });
      return true;
    });
    if (took) expired++;
  }
  return expired;
}
