/**
 * The deadline sweep (GS-8): overdue cases are escalated to the station's supervisors and the
 * town centre. Bounded batches; each escalation is one short transaction whose insert can only
 * succeed once (unique key), so any number of nodes may sweep at the same time and every overdue
 * case is escalated exactly once. The winner notifies the town centre's officers and the
 * supervisors (escalation.recipients.ts) in the same transaction, so they hear of it exactly once.
 */
import type { NotificationParamsByKind } from '../notifications/kinds.ts';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { markOverdueEscalated, newlyOverdueCases } from '../cases/case-overdue.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { notify } from '../notifications/notification.service.ts';
import { escalationRecipients } from './escalation.recipients.ts';
import { sweepOrders, type OrderSweepResult } from '../orders/orders.sweep.ts';
import { expireOffers } from '../programs/expire-offers.ts';
import { drawDueLotteries } from '../programs/draw-lottery.ts';
import { closeOpenSignIns } from '../programs/close-open-sign-ins.ts';
import { sweepPosts } from '../first-response/handoff-post-sweep.ts';
import { sweepOverdueTickets } from '../ratings/ratings.sweep.ts';

export interface SweepResult {
  checked: number;
  escalated: number;
}

/**
 * One escalation in one short transaction: the insert can succeed only once (unique key), and only
 * the node whose insert succeeded writes the audit event. Returns whether this node won.
 */
async function escalateOnce(
  db: Kysely<Database>,
  e: {
    entityType: 'case' | 'handoff';
    entityId: string;
    regionCode: string;
    stationId: string | null;
    dueDate: string;
    auditRegion: string;
    audit: { action: 'case.escalated' | 'handoff.escalated'; after: Record<string, unknown> };
    message:
      | { kind: 'case_overdue'; params: NotificationParamsByKind['case_overdue'] }
      | { kind: 'handoff_overdue'; params: NotificationParamsByKind['handoff_overdue'] };
    now: Date;
    nodeId: string;
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('escalations')
      .values({
        id: crypto.randomUUID(),
        entity_type: e.entityType,
        entity_id: e.entityId,
        reason: 'overdue',
        region_code: e.regionCode,
        station_id: e.stationId,
        due_date: e.dueDate,
        escalated_at: e.now.toISOString(),
        swept_by: e.nodeId,
        acknowledged_by: null,
        acknowledged_at: null,
      })
      .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'reason']).doNothing())
      .executeTakeFirst();
    const won = Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    // The mark also when another node was first (or an older node escalated without marking):
    // a case once escalated must leave the sweep's candidates, or it would block the batch.
    if (e.entityType === 'case') await markOverdueEscalated(trx, e.entityId, e.now);
    if (!won) return false; // another node was first
    const recipients = await escalationRecipients(trx, e.regionCode);
    for (const to of recipients) {
      await notify(trx, {
        accountId: to.accountId,
        ...e.message,
        entityType: e.entityType,
        entityId: e.entityId,
        now: e.now,
      });
    }
    await recordAudit(trx, {
      actor: { accountId: null, role: 'system', stationId: null },
      action: e.audit.action,
      entityType: e.entityType,
      entityId: e.entityId,
      regionCode: e.auditRegion,
      after: {
        reason: 'overdue',
        dueDate: e.dueDate,
        node: e.nodeId,
        ...e.audit.after,
        notified: recipients.map((x) => x.accountId),
      },
      now: e.now,
    });
    return true;
  });
}

export async function sweepOverdueCases(
  db: Kysely<Database>,
  opts: { now: Date; nodeId: string; batchSize?: number },
): Promise<SweepResult> {
  const today = chinaDate(opts.now);
  // Issue #16: only the newly overdue (a partial index holds the running, not yet escalated ones).
  const candidates = await newlyOverdueCases(db, { today, limit: opts.batchSize ?? 200 });
  let escalated = 0;
  for (const c of candidates) {
    const won = await escalateOnce(db, {
      entityType: 'case',
      entityId: c.id,
      regionCode: c.accepting_region_code,
      stationId: c.accepting_station_id,
      dueDate: c.due_date,
      auditRegion: c.home_region_code,
      audit: { action: 'case.escalated', after: { to: ['station_supervisors', 'town_centre'] } },
      message: {
        kind: 'case_overdue',
        params: { caseNumber: c.number, dueDate: c.due_date },
      },
      now: opts.now,
      nodeId: opts.nodeId,
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
    const won = await escalateOnce(db, {
      entityType: 'handoff',
      entityId: h.id,
      regionCode: h.region_code,
      stationId: null,
      dueDate: h.due_date,
      auditRegion: h.region_code,
      audit: { action: 'handoff.escalated', after: { matter: `${h.entity_type}:${h.entity_id}` } },
      message: { kind: 'handoff_overdue', params: { dueDate: h.due_date } },
      now: opts.now,
      nodeId: opts.nodeId,
    });
    if (won) escalated++;
  }
  return { checked: candidates.length, escalated };
}

/** One pass over everything that can be overdue. */
export async function sweepDeadlines(
  db: Kysely<Database>,
  opts: { now: Date; nodeId: string; batchSize?: number; orderWindowHours?: number },
): Promise<{
  cases: SweepResult;
  handoffs: SweepResult;
  orders: OrderSweepResult;
  programOffers: number;
  programDraws: number;
  programDayEnd: { sessions: number; flagged: number };
  posts: Awaited<ReturnType<typeof sweepPosts>>;
  ratingTickets: SweepResult;
}> {
  return {
    cases: await sweepOverdueCases(db, opts),
    handoffs: await sweepOverdueHandoffs(db, opts),
    // VS-5: directed windows → open for grabbing → escalate (src/modules/orders/orders.sweep.ts).
    orders: await sweepOrders(db, opts),
    // CP-2: offers past their time expire and pass on (src/modules/programs/expire-offers.ts).
    programOffers: await expireOffers(db, { now: opts.now }),
    // CP-2: lotteries whose window closed are drawn (src/modules/programs/draw-lottery.ts).
    programDraws: await drawDueLotteries(db, { now: opts.now }),
    // CP-3: sign-ins left open at day end are closed and flagged (programs/close-open-sign-ins.ts).
    programDayEnd: await closeOpenSignIns(db, { now: opts.now }),
    // GS-11: post hand-offs follow the post's holder; coverage gaps warned ahead (handoff-post-sweep.ts).
    posts: await sweepPosts(db, opts),
    // GS-13: overdue 差评 rectification tickets escalate once (src/modules/ratings/ratings.sweep.ts).
    ratingTickets: await sweepOverdueTickets(db, { ...opts, recipients: escalationRecipients }),
  };
}

/** Runs the sweep every `intervalMs` in this process until stopped (each node may run one). */
export function startSweeper(
  db: Kysely<Database>,
  opts: {
    intervalMs: number;
    nodeId: string;
    now?: () => Date;
    /** VS-5: the new window after an order sweep step (config vsOrderWindowHours). */
    orderWindowHours?: number;
    onResult?: (r: Awaited<ReturnType<typeof sweepDeadlines>>) => void;
    onError?: (e: unknown) => void;
  },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepDeadlines(db, {
      now: (opts.now ?? (() => new Date()))(),
      nodeId: opts.nodeId,
      ...(opts.orderWindowHours ? { orderWindowHours: opts.orderWindowHours } : {}),
    })
      .then((r) => opts.onResult?.(r))
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = false;
      });
  }, opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
