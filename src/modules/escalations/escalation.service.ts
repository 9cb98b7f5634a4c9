import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, reachPrefixes, type Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

/** Who receives escalations: supervisors and the town centre (and administrators), in reach. */
export const ESCALATION_READERS = ['admin', 'supervisor', 'town_officer'] as const;

export interface EscalationFilter {
  actor: Actor;
  open: boolean;
}

/** The escalations a filter selects in the caller's reach (unordered, unpaged). */
function filteredEscalations(db: Kysely<Database>, input: EscalationFilter) {
  const prefixes = reachPrefixes(input.actor, ESCALATION_READERS);
  let q = db
    .selectFrom('escalations as e')
    .leftJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 'e.entity_id').on('e.entity_type', '=', 'case'),
    )
    .leftJoin('stations as s', 's.id', 'e.station_id')
    .where(underAnyPrefix('e.region_code', prefixes));
  if (input.open) q = q.where('e.acknowledged_at', 'is', null);
  return q;
}

function listedEscalations(q: ReturnType<typeof filteredEscalations>) {
  return q.select([
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
  ]);
}

type EscalationRow = Awaited<ReturnType<ReturnType<typeof listedEscalations>['execute']>>[number];

function present(r: EscalationRow) {
  return {
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
  };
}

export async function listEscalations(
  db: Kysely<Database>,
  input: EscalationFilter & { limit: number; offset: number },
) {
  const rows = await listedEscalations(filteredEscalations(db, input))
    .orderBy('e.escalated_at', 'desc')
    .orderBy('e.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map(present);
}

/** Issue #16 p5: the same list, newest first, by keyset (shared/keyset.ts). */
export const ESCALATION_ORDER: KeysetOrder = {
  list: 'escalations',
  key: 'e.escalated_at',
  keyKind: 'timestamp',
  id: 'e.id',
  direction: 'desc',
};

export async function pageEscalations(
  db: Kysely<Database>,
  input: EscalationFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(ESCALATION_ORDER, input.after);
  const q = filteredEscalations(db, input);
  const rows = await keysetQuery(
    listedEscalations(q),
    ESCALATION_ORDER,
    after,
    input.limit,
  ).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, ESCALATION_ORDER, (r) => ({
    key: r.escalated_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.select('e.id'));
  return { items: shown.map(present), nextCursor, total, totalExact };
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
