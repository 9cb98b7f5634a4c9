/**
 * The deadline sweep (GS-8): overdue cases are escalated to the station's supervisors and the
 * town centre. Bounded batches; each escalation is one short transaction whose insert can only
 * succeed once (unique key), so any number of nodes may sweep at the same time and every overdue
 * case is escalated exactly once.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { chinaDate } from '../calendar/working-days.ts';

/** States whose clock runs; awaiting a supplement or suspended, the clock stands still. */
const RUNNING = ['accepted', 'in_progress'];

export interface SweepResult {
  checked: number;
  escalated: number;
}

export async function sweepOverdueCases(
  db: Kysely<Database>,
  opts: { now: Date; nodeId: string; batchSize?: number },
): Promise<SweepResult> {
  const today = chinaDate(opts.now);
  const candidates = await db
    .selectFrom('cases as c')
    .select([
      'c.id',
      'c.due_date',
      'c.home_region_code',
      'c.accepting_region_code',
      'c.accepting_station_id',
    ])
    .where('c.state', 'in', RUNNING)
    .where('c.due_date', '<', today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('escalations as e')
            .select('e.id')
            .where('e.entity_type', '=', 'case')
            .whereRef('e.entity_id', '=', 'c.id')
            .where('e.reason', '=', 'overdue'),
        ),
      ),
    )
    .orderBy('c.due_date')
    .orderBy('c.id')
    .limit(opts.batchSize ?? 200)
    .execute();
  let escalated = 0;
  for (const c of candidates) {
    const won = await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('escalations')
        .values({
          id: crypto.randomUUID(),
          entity_type: 'case',
          entity_id: c.id,
          reason: 'overdue',
          region_code: c.accepting_region_code,
          station_id: c.accepting_station_id,
          due_date: c.due_date!,
          escalated_at: opts.now.toISOString(),
          swept_by: opts.nodeId,
          acknowledged_by: null,
          acknowledged_at: null,
        })
        .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'reason']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false; // another node was first
      await recordAudit(trx, {
        actor: { accountId: null, role: 'system', stationId: null },
        action: 'case.escalated',
        entityType: 'case',
        entityId: c.id,
        regionCode: c.home_region_code,
        after: {
          reason: 'overdue',
          dueDate: c.due_date,
          to: ['station_supervisors', 'town_centre'],
          node: opts.nodeId,
        },
        now: opts.now,
      });
      return true;
    });
    if (won) escalated++;
  }
  return { checked: candidates.length, escalated };
}

/**
 * Overdue hand-offs (GS-4): a pending hand-off whose own deadline has passed is escalated once, like
 * an overdue case, so supervisors and the town centre see who is sitting on a matter.
 */
export async function sweepOverdueHandoffs(
  db: Kysely<Database>,
  opts: { now: Date; nodeId: string; batchSize?: number },
): Promise<SweepResult> {
  const today = chinaDate(opts.now);
  const candidates = await db
    .selectFrom('handoffs as h')
    .select(['h.id', 'h.due_date', 'h.region_code', 'h.entity_type', 'h.entity_id'])
    .where('h.status', '=', 'pending')
    .where('h.due_date', '<', today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('escalations as e')
            .select('e.id')
            .where('e.entity_type', '=', 'handoff')
            .whereRef('e.entity_id', '=', 'h.id')
            .where('e.reason', '=', 'overdue'),
        ),
      ),
    )
    .orderBy('h.due_date')
    .orderBy('h.id')
    .limit(opts.batchSize ?? 200)
    .execute();
  let escalated = 0;
  for (const h of candidates) {
    const won = await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('escalations')
        .values({
          id: crypto.randomUUID(),
          entity_type: 'handoff',
          entity_id: h.id,
          reason: 'overdue',
          region_code: h.region_code,
          station_id: null,
          due_date: h.due_date,
          escalated_at: opts.now.toISOString(),
          swept_by: opts.nodeId,
          acknowledged_by: null,
          acknowledged_at: null,
        })
        .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'reason']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      await recordAudit(trx, {
        actor: { accountId: null, role: 'system', stationId: null },
        action: 'handoff.escalated',
        entityType: 'handoff',
        entityId: h.id,
        regionCode: h.region_code,
        after: {
          reason: 'overdue',
          dueDate: h.due_date,
          matter: `${h.entity_type}:${h.entity_id}`,
          node: opts.nodeId,
        },
        now: opts.now,
      });
      return true;
    });
    if (won) escalated++;
  }
  return { checked: candidates.length, escalated };
}

/** One pass over everything that can be overdue. */
export async function sweepDeadlines(
  db: Kysely<Database>,
  opts: { now: Date; nodeId: string; batchSize?: number },
): Promise<{ cases: SweepResult; handoffs: SweepResult }> {
  return {
    cases: await sweepOverdueCases(db, opts),
    handoffs: await sweepOverdueHandoffs(db, opts),
  };
}

/** Runs the sweep every `intervalMs` in this process until stopped (each node may run one). */
export function startSweeper(
  db: Kysely<Database>,
  opts: {
    intervalMs: number;
    nodeId: string;
    now?: () => Date;
    onResult?: (r: { cases: SweepResult; handoffs: SweepResult }) => void;
    onError?: (e: unknown) => void;
  },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepDeadlines(db, { now: (opts.now ?? (() => new Date()))(), nodeId: opts.nodeId })
      .then((r) => opts.onResult?.(r))
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = false;
      });
  }, opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
