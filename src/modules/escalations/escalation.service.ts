import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, reachPrefixes, type Actor } from '../../shared/actor.ts';

/** Who receives escalations: supervisors and the town centre (and administrators), in reach. */
export const ESCALATION_READERS = ['admin', 'supervisor', 'town_officer'] as const;

export async function listEscalations(
  db: Kysely<Database>,
  input: { actor: Actor; open: boolean; limit: number; offset: number },
) {
  const prefixes = reachPrefixes(input.actor, ESCALATION_READERS);
  let q = db
    .selectFrom('escalations as e')
    .leftJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 'e.entity_id').on('e.entity_type', '=', 'case'),
    )
    .leftJoin('stations as s', 's.id', 'e.station_id')
    .select([
      'e.id',
      'e.entity_type',
      'e.entity_id',
      'e.reason',
      'e.due_date',
      'e.escalated_at',
      'e.acknowledged_at',
      'c.number as case_number',
      'c.state as case_state',
      's.name as station_name',
    ])
    .where((eb) => eb.or(prefixes.map((p) => eb('e.region_code', 'like', `${p}%`))));
  if (input.open) q = q.where('e.acknowledged_at', 'is', null);
  const rows = await q
    .orderBy('e.escalated_at', 'desc')
    .orderBy('e.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    reason: r.reason,
    dueDate: r.due_date,
    escalatedAt: r.escalated_at,
    acknowledgedAt: r.acknowledged_at,
    caseNumber: r.case_number,
    caseState: r.case_state,
    stationName: r.station_name,
  }));
}

export async function acknowledgeEscalation(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; requestId: string; now: Date },
) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('escalations')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const grant = authorize(input.actor, ESCALATION_READERS, row.region_code);
    const r = await trx
      .updateTable('escalations')
      .set({ acknowledged_by: input.actor.accountId, acknowledged_at: input.now.toISOString() })
      .where('id', '=', input.id)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return; // already acknowledged: nothing more to record
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'escalation.acknowledged',
      entityType: 'escalation',
      entityId: input.id,
      regionCode: row.region_code,
      requestId: input.requestId,
      now: input.now,
    });
  });
}
