/**
 * CP-3 the organiser decides a withdrawal proposal: confirm → the enrolment is withdrawn through
 * the CP-2 withdraw use-case (its seat goes to the head of the waitlist as an offer) and the
 * guardian is told; dismiss → the strikes start counting afresh.
 */
import type { Kysely } from 'kysely';
import type { Database, ProgramWithdrawalProposalTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, regionReach, type Actor } from '../../shared/actor.ts';
import { notify } from '../notifications/notification.service.ts';
import { ORGANISER, organises } from './programs.access.ts';
import type { ProposalView } from './programs-day.schema.ts';
import { withdrawEnrolment } from './withdraw-enrolment.ts';

type Db = Kysely<Database>;

async function present(
  db: Db,
  where: { id?: string; classId?: string; status?: 'proposed' },
): Promise<ProposalView[]> {
  let q = db
    .selectFrom('program_withdrawal_proposals as p')
    .innerJoin('enrolments as e', 'e.id', 'p.enrolment_id')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .selectAll('p')
    .select('c.real_name');
  if (where.id) q = q.where('p.id', '=', where.id);
  if (where.classId) q = q.where('p.class_id', '=', where.classId);
  if (where.status) q = q.where('p.status', '=', where.status);
  const rows = await q.orderBy('p.created_at').orderBy('p.id').execute();
  return rows.map((p) => ({
    id: p.id,
    enrolmentId: p.enrolment_id,
    childName: p.real_name,
    classId: p.class_id,
    lateCount: p.late_count,
    absenceCount: p.absence_count,
    status: p.status,
    createdAt: new Date(p.created_at).toISOString(),
    availableActions: p.status === 'proposed' ? ['confirm', 'dismiss'] : [],
  }));
}

/** Open proposals in the organiser's scope (optionally of one class). */
export async function listProposals(
  db: Db,
  input: { actor: Actor; classId?: string },
): Promise<ProposalView[]> {
  authorize(input.actor, ORGANISER);
  const reach = regionReach(input.actor, ORGANISER);
  const all = await present(db, {
    status: 'proposed',
    ...(input.classId ? { classId: input.classId } : {}),
  });
  const regions = await db
    .selectFrom('program_withdrawal_proposals')
    .select(['id', 'region_code'])
    .where('status', '=', 'proposed')
    .execute();
  const inReach = new Set(
    regions.filter((r) => reach.some((p) => r.region_code.startsWith(p))).map((r) => r.id),
  );
  return all.filter((p) => inReach.has(p.id));
}

async function reachable(
  db: Db,
  actor: Actor,
  id: string,
): Promise<ProgramWithdrawalProposalTable> {
  authorize(actor, ORGANISER);
  const p = await db
    .selectFrom('program_withdrawal_proposals')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!p || !organises(actor, p.region_code)) throw new AppError('CP_PROPOSAL_NOT_FOUND');
  if (p.status !== 'proposed') throw new AppError('CP_PROPOSAL_DECIDED');
  return p;
}

export async function decideWithdrawal(
  db: Db,
  input: { id: string; confirm: boolean; actor: Actor; requestId: string; now: Date },
): Promise<ProposalView> {
  const { actor, now } = input;
  const p = await reachable(db, actor, input.id);
  if (input.confirm)
    await withdrawEnrolment(db, {
      id: p.enrolment_id,
      reason: `CP-3: ${p.late_count} late pickups, ${p.absence_count} unexcused absences`,
      actor,
      requestId: input.requestId,
      now,
    });
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('program_withdrawal_proposals')
      .set({
        status: input.confirm ? 'confirmed' : 'dismissed',
        decided_by: actor.accountId,
        decided_at: at,
      })
      .where('id', '=', p.id)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CP_PROPOSAL_DECIDED');
    await recordAudit(trx, {
      actor: auditActor(actor),
      action: input.confirm ? 'withdrawal.confirmed' : 'withdrawal.dismissed',
      entityType: 'enrolment',
      entityId: p.enrolment_id,
      regionCode: p.region_code,
      before: { status: 'proposed' },
      after: { proposalId: p.id },
      requestId: input.requestId,
      now,
    });
    if (input.confirm) {
      const e = await trx
        .selectFrom('enrolments as e')
        .innerJoin('children as c', 'c.id', 'e.child_id')
        .innerJoin('program_classes as k', 'k.id', 'e.class_id')
        .select(['e.guardian_account_id', 'c.real_name', 'k.name'])
        .where('e.id', '=', p.enrolment_id)
        .executeTakeFirstOrThrow();
      await notify(trx, {
        accountId: e.guardian_account_id,
        kind: 'cp_enrolment_withdrawn',
        params: {
          child: e.real_name,
          className: e.name,
          late: p.late_count,
          unexcused: p.absence_count,
        },
        entityType: 'enrolment',
        entityId: p.enrolment_id,
        now,
      });
    }
  });
  const [view] = await present(db, { id: p.id });
  return view!;
}
