/**
 * The order sweep (VS-5), part of the periodic deadline sweep: a directed order whose window passed
 * opens for grabbing (new window); an open order whose window passed escalates — its grab region
 * moves one level up (town → district → city → province), escalation_level + 1, new window, and
 * the centre staff of that level are told. An order at province level stays open as it is.
 *
 * Exactly once with any number of nodes: each step is keyed by (order, step) where the step names
 * the order's version (`open:v3`, `escalate:v5`). In one transaction the node inserts the key
 * (ON CONFLICT DO NOTHING: only one node's insert succeeds) and makes the conditional update on
 * (id, state, version); if the order changed meanwhile (grabbed, cancelled), it rolls back.
 */
import type { Kysely } from 'kysely';
import type { Database, VsOrderTable } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { addAction, notifyCentreAt, notifyTeamLeader } from './orders.common.ts';
import {
  DEFAULT_WINDOW_HOURS,
  escalatedGrabRegion,
  initialGrabRegion,
  sweepStep,
  windowEnd,
} from './order.rules.ts';
import { orderRefusal } from './order.workflow.ts';

export interface OrderSweepResult {
  checked: number;
  opened: number;
  escalated: number;
}

class LostRace extends Error {}

async function sweepOne(
  db: Kysely<Database>,
  o: VsOrderTable,
  opts: { now: Date; nodeId: string; windowHours: number },
): Promise<'opened' | 'escalated' | null> {
  const s = sweepStep(o);
  // The sweep is the `system` party of the workflow table (sweep_open, sweep_escalate).
  if (!s || orderRefusal(s.action, o.state, ['system'])) return null;
  const grab =
    s.action === 'sweep_open'
      ? initialGrabRegion(o.region_code)
      : o.grab_region_code
        ? escalatedGrabRegion(o.grab_region_code)
        : initialGrabRegion(o.region_code);
  if (grab === null) {
    // Already open province-wide: nothing higher to go to; it stays open without a window.
    await db
      .updateTable('vs_orders')
      .set({ window_ends_at: null })
      .where('id', '=', o.id)
      .where('version', '=', o.version)
      .execute();
    return null;
  }
  const level = s.action === 'sweep_open' ? o.escalation_level : o.escalation_level + 1;
  const nowIso = opts.now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const ins = await trx
        .insertInto('vs_order_sweeps')
        .values({ order_id: o.id, step: s.step, swept_by: opts.nodeId, at: nowIso })
        .onConflict((oc) => oc.columns(['order_id', 'step']).doNothing())
        .executeTakeFirst();
      if (Number(ins.numInsertedOrUpdatedRows ?? 0) !== 1) throw new LostRace();
      const r = await trx
        .updateTable('vs_orders')
        .set({
          state: 'open',
          version: o.version + 1,
          directed_team_id: null,
          grab_region_code: grab,
          escalation_level: level,
          window_ends_at: windowEnd(opts.now, opts.windowHours),
          updated_at: nowIso,
        })
        .where('id', '=', o.id)
        .where('state', '=', o.state)
        .where('version', '=', o.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new LostRace();
      const action = s.action === 'sweep_open' ? 'window_expired_opened' : 'escalated';
      await addAction(trx, {
        orderId: o.id,
        action,
        from: o.state,
        to: 'open',
        teamId: o.directed_team_id,
        note: `grab region ${grab}, level ${level}`,
        actorId: null,
        now: opts.now,
      });
      if (s.action === 'sweep_open' && o.directed_team_id)
        await notifyTeamLeader(
          trx,
          o.directed_team_id,
          o.id,
          {
            kind: 'vs_order_window_expired',
            params: { orderNumber: o.order_number, title: o.title },
          },
          opts.now,
        );
      const notified = await notifyCentreAt(
        trx,
        grab,
        o.id,
        {
          kind: s.action === 'sweep_open' ? 'vs_order_opened' : 'vs_order_escalated',
          params: { orderNumber: o.order_number, title: o.title, place: o.place },
        },
        opts.now,
      );
      await recordAudit(trx, {
        actor: { accountId: null, role: 'system', stationId: null },
        action: 'vs_order.swept',
        entityType: 'vs_order',
        entityId: o.id,
        regionCode: o.region_code,
        before: {
          state: o.state,
          grabRegionCode: o.grab_region_code,
          escalationLevel: o.escalation_level,
        },
        after: {
          step: s.step,
          state: 'open',
          grabRegionCode: grab,
          escalationLevel: level,
          node: opts.nodeId,
          notified,
        },
        now: opts.now,
      });
      return s.action === 'sweep_open' ? 'opened' : 'escalated';
    });
  } catch (err) {
    if (err instanceof LostRace) return null;
    throw err;
  }
}

export async function sweepOrders(
  db: Kysely<Database>,
  opts: { now: Date; nodeId: string; batchSize?: number; orderWindowHours?: number },
): Promise<OrderSweepResult> {
  const candidates = await db
    .selectFrom('vs_orders')
    .selectAll()
    .where('state', 'in', ['directed', 'open'])
    .where('window_ends_at', 'is not', null)
    .where('window_ends_at', '<=', opts.now.toISOString())
    .orderBy('window_ends_at')
    .orderBy('id')
    .limit(opts.batchSize ?? 200)
    .execute();
  const result: OrderSweepResult = { checked: candidates.length, opened: 0, escalated: 0 };
  for (const o of candidates) {
    const done = await sweepOne(db, o, {
      now: opts.now,
      nodeId: opts.nodeId,
      windowHours: opts.orderWindowHours ?? DEFAULT_WINDOW_HOURS,
    });
    if (done) result[done]++;
  }
  return result;
}
