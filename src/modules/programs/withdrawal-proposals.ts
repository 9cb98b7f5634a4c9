/**
 * CP-3 strikes → a withdrawal proposal. After a late pickup or an unexcused absence the system
 * counts the enrolment's strikes (absence.rules.ts) and opens a proposal when they reach the
 * class's limit; at most one open proposal per enrolment (a partial unique index).
 */
import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { countStrikes, proposesWithdrawal } from './absence.rules.ts';

type Trx = Transaction<Database>;
const SYSTEM: AuditActor = { accountId: null, role: 'system', stationId: null };

/** Counts the enrolment's strikes and proposes withdrawal when due; returns the new proposal's id. */
export async function evaluateStrikes(
  trx: Trx,
  input: { enrolmentId: string; requestId: string | null; now: Date },
): Promise<string | null> {
  const enrolment = await trx
    .selectFrom('enrolments as e')
    .innerJoin('program_classes as c', 'c.id', 'e.class_id')
    .select(['e.id', 'e.class_id', 'e.region_code', 'e.status', 'c.strike_limit'])
    .where('e.id', '=', input.enrolmentId)
    .executeTakeFirstOrThrow();
  if (enrolment.status !== 'enrolled') return null;
  const proposals = await trx
    .selectFrom('program_withdrawal_proposals')
    .select(['status', 'decided_at'])
    .where('enrolment_id', '=', enrolment.id)
    .execute();
  const open = proposals.some((p) => p.status === 'proposed');
  const lastDismissed = proposals
    .filter((p) => p.status === 'dismissed' && p.decided_at !== null)
    .map((p) => new Date(p.decided_at!).toISOString())
    .sort()
    .pop();
  const days = await trx
    .selectFrom('program_attendance')
    .select(['day', 'status', 'absence_kind', 'late', 'updated_at'])
    .where('enrolment_id', '=', enrolment.id)
    .execute();
  const count = countStrikes(
    days.map((d) => ({
      day: d.day,
      status: d.status,
      absenceKind: d.absence_kind,
      late: d.late === 1,
      updatedAt: new Date(d.updated_at).toISOString(),
    })),
    lastDismissed ?? null,
  );
  if (!proposesWithdrawal(count, enrolment.strike_limit, open)) return null;
  const id = crypto.randomUUID();
  const r = await trx
    .insertInto('program_withdrawal_proposals')
    .values({
      id,
      enrolment_id: enrolment.id,
      class_id: enrolment.class_id,
      region_code: enrolment.region_code,
      late_count: count.late,
      absence_count: count.unexcused,
      status: 'proposed',
      decided_by: null,
      decided_at: null,
      created_at: input.now.toISOString(),
    })
    .onConflict((oc) =>
      oc
        .column('enrolment_id')
        .where(sql<boolean>`status = 'proposed'`)
        .doNothing(),
    )
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
  await recordAudit(trx, {
    actor: SYSTEM,
    action: 'withdrawal.proposed',
    entityType: 'enrolment',
    entityId: enrolment.id,
    regionCode: enrolment.region_code,
    after: { proposalId: id, late: count.late, unexcused: count.unexcused },
    requestId: input.requestId,
    now: input.now,
  });
  return id;
}
