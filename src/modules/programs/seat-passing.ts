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
import { announceSeatsOffered } from './seats-offered.port.ts';

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
 * as an offer that holds it until `offer_hours` pass; siblings who applied together are offered
 * seats together or not at all — a group that does not fit waits, and the seat goes to the next
 * family that fits. With nobody to take it the seat becomes free (and, while a family waits, is
 * still never taken by a newcomer: see enrol-family.ts). The offers are announced on the
 * seats-offered port (the guardian's SMS). Returns the first enrolment offered a seat, if any.
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
  const expires = new Date(now.getTime() + klass.offer_hours * 3600_000).toISOString();
  let free = klass.capacity - klass.confirmed_count + 1;
  let confirmedDelta = -1;
  let offeredDelta = input.wasOffer ? -1 : 0;
  const offered: string[] = [];
  const seen = new Set<string>();
  const waiting = await trx
    .selectFrom('enrolments')
    .select(['id', 'reasons', 'sibling_group'])
    .where('class_id', '=', klass.id)
    .where('status', '=', 'waitlisted')
    .orderBy('priority_rank')
    .orderBy('position')
    .limit(200)
    .execute();
  for (const head of waiting) {
    if (free <= 0) break;
    if (seen.has(head.id)) continue;
    const unit = head.sibling_group
      ? await trx
          .selectFrom('enrolments')
          .select(['id', 'reasons', 'sibling_group'])
          .where('class_id', '=', klass.id)
          .where('sibling_group', '=', head.sibling_group)
          .where('status', '=', 'waitlisted')
          .orderBy('position')
          .execute()
      : [head];
    for (const m of unit) seen.add(m.id);
    if (unit.length > free) continue; // siblings wait until seats for all of them are free
    for (const m of unit) {
      const r = await trx
        .updateTable('enrolments')
        .set({
          status: 'offered',
          offer_expires_at: expires,
          reasons: withReason(m.reasons, { at, action: 'offer' }),
          updated_at: at,
        })
        .where('id', '=', m.id)
        .where('status', '=', 'waitlisted')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1)
        throw new Error(`enrolment ${m.id} moved under the class lock`);
      await recordAudit(trx, {
        actor: input.actor,
        action: 'enrolment.offered',
        entityType: 'enrolment',
        entityId: m.id,
        regionCode: klass.region_code,
        after: { status: 'offered', offerExpiresAt: expires, siblingGroup: m.sibling_group },
        requestId: input.requestId,
        now,
      });
      offered.push(m.id);
    }
    free -= unit.length;
    confirmedDelta += unit.length;
    offeredDelta += unit.length;
  }
  if (confirmedDelta !== 0 || offeredDelta !== 0)
    await trx
      .updateTable('program_classes')
      .set((eb) => ({
        confirmed_count: eb('confirmed_count', '+', confirmedDelta),
        offered_count: eb('offered_count', '+', offeredDelta),
      }))
      .where('id', '=', klass.id)
      .execute();
  await announceSeatsOffered(trx, { klass, enrolmentIds: offered, expiresAt: expires, now });
  return offered[0] ?? null;
}
