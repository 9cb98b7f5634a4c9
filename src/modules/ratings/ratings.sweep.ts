/**
 * GS-13: overdue rectification tickets escalate like cases — exactly once, however many nodes
 * sweep: the escalation row's unique key (entity_type, entity_id, reason) lets one insert win, and
 * only the winner notifies and audits. Who hears of it is passed in by the escalations module
 * (its recipients rule), which runs this in its sweep.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notification.service.ts';

export type TicketRecipients = (
  trx: Transaction<Database>,
  regionCode: string,
) => Promise<{ accountId: string }[]>;

export async function sweepOverdueTickets(
  db: Kysely<Database>,
  opts: { now: Date; nodeId: string; recipients: TicketRecipients; batchSize?: number },
): Promise<{ checked: number; escalated: number }> {
  const today = chinaDate(opts.now);
  const due = await db
    .selectFrom('rating_tickets as t')
    .innerJoin('ratings as r', 'r.id', 't.rating_id')
    .select(['t.id', 't.region_code', 't.station_id', 't.due_date', 'r.subject_number'])
    .where('t.state', '!=', 'closed')
    .where('t.due_date', '<', today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('escalations as e')
            .select('e.id')
            .whereRef('e.entity_id', '=', 't.id')
            .where('e.entity_type', '=', 'rating_ticket'),
        ),
      ),
    )
    .orderBy('t.due_date')
    .orderBy('t.id')
    .limit(opts.batchSize ?? 200)
    .execute();
  let escalated = 0;
  for (const t of due) {
    const won = await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('escalations')
        .values({
          id: crypto.randomUUID(),
          entity_type: 'rating_ticket',
          entity_id: t.id,
          reason: 'overdue',
          region_code: t.region_code,
          station_id: t.station_id,
          due_date: t.due_date,
          escalated_at: opts.now.toISOString(),
          swept_by: opts.nodeId,
          acknowledged_by: null,
          acknowledged_at: null,
        })
        .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'reason']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      const to = await opts.recipients(trx, t.region_code);
      for (const x of to) {
        await notify(trx, {
          accountId: x.accountId,
          kind: 'rating_ticket_overdue',
          params: { number: t.subject_number, dueDate: t.due_date },
          entityType: 'rating_ticket',
          entityId: t.id,
          now: opts.now,
        });
      }
      await recordAudit(trx, {
        actor: { accountId: null, role: 'system', stationId: null },
        action: 'rating_ticket.escalated',
        entityType: 'rating_ticket',
        entityId: t.id,
        regionCode: t.region_code,
        after: { dueDate: t.due_date, node: opts.nodeId, notified: to.map((x) => x.accountId) },
        now: opts.now,
      });
      return true;
    });
    if (won) escalated += 1;
  }
  return { checked: due.length, escalated };
}
