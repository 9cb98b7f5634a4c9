/**
 * CP-2: the organiser in scope moves a waiting family to the head of the waitlist by hand. It
 * needs a recorded reason (kept in the enrolment's reasons and in the audit event); siblings who
 * applied together move together. The class row is locked first, as every seat change does.
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
import { lockClass, withReason } from './seat-passing.ts';

export async function moveUpByHand(
  db: Kysely<Database>,
  input: { id: string; reason: string; actor: Actor; requestId: string; now: Date },
): Promise<EnrolmentView> {
  const { actor, now, reason } = input;
  const { row, party } = await reachableEnrolment(db, actor, input.id);
  const refusal = enrolmentRefusal('promote_by_hand', row.status, party, reason);
  if (refusal) throw new AppError(refusal);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await lockClass(trx, row.class_id);
    const family = await trx
      .selectFrom('enrolments')
      .selectAll()
      .where('class_id', '=', row.class_id)
      .where('status', '=', 'waitlisted')
      .where((eb) =>
        row.sibling_group ? eb('sibling_group', '=', row.sibling_group) : eb('id', '=', row.id),
      )
      .orderBy('position')
      .execute();
    if (!family.some((f) => f.id === row.id)) throw new AppError('CP_ENROLMENT_STATE');
    const ids = family.map((f) => f.id);
    const head = await trx
      .selectFrom('enrolments')
      .select(['priority_rank', 'position'])
      .where('class_id', '=', row.class_id)
      .where('status', '=', 'waitlisted')
      .where('id', 'not in', ids)
      .orderBy('priority_rank')
      .orderBy('position')
      .limit(1)
      .executeTakeFirst();
    const rank = Math.min(head?.priority_rank ?? row.priority_rank, row.priority_rank);
    const firstPosition = head
      ? Number(head.position) - family.length
      : Number(family[0]!.position);
    for (const [k, member] of family.entries()) {
      const before = { priorityRank: member.priority_rank, position: member.position };
      const after = { priorityRank: rank, position: firstPosition + k };
      await trx
        .updateTable('enrolments')
        .set({
          priority_rank: after.priorityRank,
          position: after.position,
          reasons: withReason(member.reasons, { at, action: 'promote_by_hand', reason }),
          updated_at: at,
        })
        .where('id', '=', member.id)
        .where('status', '=', 'waitlisted')
        .execute();
      await recordAudit(trx, {
        actor: auditActor(actor),
        action: 'enrolment.moved_up',
        entityType: 'enrolment',
        entityId: member.id,
        regionCode: member.region_code,
        before,
        after: { ...after, reason },
        requestId: input.requestId,
        now,
      });
    }
  });
  return presentEnrolment(db, row.id, party);
}
