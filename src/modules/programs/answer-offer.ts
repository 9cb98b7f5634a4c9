/**
 * CP-2: the guardian answers an offer that holds a seat. Accepting within its time enrols the
 * child; declining passes the seat on to the next family at once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { enrolmentRefusal } from './enrolment.workflow.ts';
import { reachableEnrolment } from './programs.access.ts';
import type { EnrolmentView } from './programs.schema.ts';
import { presentEnrolment } from './program-view.ts';
import { lockClass, passSeatOn, withReason } from './seat-passing.ts';

export async function answerOffer(
  db: Kysely<Database>,
  input: { id: string; accept: boolean; actor: Actor; requestId: string; now: Date },
): Promise<EnrolmentView> {
  const { actor, now, accept } = input;
  const { row, party } = await reachableEnrolment(db, actor, input.id);
  const refusal = enrolmentRefusal(accept ? 'accept_offer' : 'decline_offer', row.status, party);
  if (refusal) throw new AppError(refusal);
  const at = now.toISOString();
  if (row.offer_expires_at !== null && Date.parse(row.offer_expires_at) <= now.getTime())
    throw new AppError('CP_OFFER_EXPIRED');
  const audit = auditActor(actor);
  await db.transaction().execute(async (trx) => {
    const klass = await lockClass(trx, row.class_id);
    const r = await trx
      .updateTable('enrolments')
      .set({
        status: accept ? 'enrolled' : 'declined',
        offer_expires_at: null,
        reasons: withReason(row.reasons, { at, action: accept ? 'accept_offer' : 'decline_offer' }),
        updated_at: at,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'offered')
      .where('offer_expires_at', '>', at)
      .executeTakeFirst();
    // Expired and passed on by the sweep meanwhile (or answered twice).
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CP_OFFER_EXPIRED');
    await recordAudit(trx, {
      actor: audit,
      action: accept ? 'enrolment.accepted' : 'enrolment.declined',
      entityType: 'enrolment',
      entityId: row.id,
      regionCode: row.region_code,
      before: { status: 'offered' },
      after: { status: accept ? 'enrolled' : 'declined' },
      requestId: input.requestId,
      now,
    });
    if (accept)
      await trx
        .updateTable('program_classes')
        .set((eb) => ({ offered_count: eb('offered_count', '-', 1) }))
        .where('id', '=', klass.id)
        .execute();
    else
      await passSeatOn(trx, {
        klass,
        wasOffer: true,
        actor: audit,
        requestId: input.requestId,
        now,
      });
  });
  return presentEnrolment(db, row.id, party);
}
