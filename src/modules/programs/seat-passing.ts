/**
 * CP-2: what happens to a seat. Every transaction that touches seats locks the class row FIRST
 * (a conditional update of its counters), so enrolments, withdrawals, offers and the sweep of one
 * class serialise on it (PostgreSQL row lock; SQLite runs one transaction at a time) and always
 * take locks in the same order: class, then enrolment.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ProgramClassTable } from '../../db/schema.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { parseEnrolmentReasons } from './programs.stored.ts';

type Trx = Transaction<Database>;

/** Locks the class row for the rest of the transaction and reads it. */
export async function lockClass(trx: Trx, classId: string): Promise<ProgramClassTable> {
  return trx
    .updateTable('program_classes')
    .set((eb) => ({ queue_seq: eb.ref('queue_seq') }))
    .where('id', '=', classId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Appends one entry to an enrolment's reasons (JSON text). */
export function withReason(
  reasons: string,
  entry: { at: string; action: string; reason?: string },
): string {
  return JSON.stringify([...parseEnrolmentReasons(reasons), entry]);
}

/**
 * A seat-holding enrolment has just left (withdrawn, declined, expired) inside `trx`, after
 * `lockClass`. `wasOffer`: the seat was held by an offer. The seat goes to the head of the waitlist
 * as an offer that holds it until `offer_hours` pass; with nobody waiting it becomes free.
 * Returns the enrolment offered the seat, if any.
 */
export async function passSeatOn(
  trx: Trx,
  input: {
    klass: ProgramClassTable;
    wasOffer: boolean;
    actor: AuditActor;
    requestId: string | null;
    now: Date;
  },
): Promise<string | null> {
  const { klass, now } = input;
  const at = now.toISOString();
  for (;;) {
    const next = await trx
      .selectFrom('enrolments')
      .select(['id', 'reasons'])
      .where('class_id', '=', klass.id)
      .where('status', '=', 'waitlisted')
      .orderBy('priority_rank')
      .orderBy('position')
      .limit(1)
      .executeTakeFirst();
    if (!next) break;
    const expires = new Date(now.getTime() + klass.offer_hours * 3600_000).toISOString();
    const r = await trx
      .updateTable('enrolments')
      .set({
        status: 'offered',
        offer_expires_at: expires,
        reasons: withReason(next.reasons, { at, action: 'offer' }),
        updated_at: at,
      })
      .where('id', '=', next.id)
      .where('status', '=', 'waitlisted')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) continue; // withdrawn meanwhile: the next one
    if (!input.wasOffer)
      await trx
        .updateTable('program_classes')
        .set((eb) => ({ offered_count: eb('offered_count', '+', 1) }))
        .where('id', '=', klass.id)
        .execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: 'enrolment.offered',
      entityType: 'enrolment',
      entityId: next.id,
      regionCode: klass.region_code,
      after: { status: 'offered', offerExpiresAt: expires },
      requestId: input.requestId,
      now,
    });
    return next.id;
  }
  await trx
    .updateTable('program_classes')
    .set((eb) => ({
      confirmed_count: eb('confirmed_count', '-', 1),
      offered_count: eb('offered_count', '-', input.wasOffer ? 1 : 0),
    }))
    .where('id', '=', klass.id)
    .execute();
  return null;
}
