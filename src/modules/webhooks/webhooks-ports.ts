/**
 * X-9: what webhooks plugs into other modules' ports, once per app build (src/server/app.ts): a
 * case delivered or closed becomes the event `case.delivered` / `case.closed` for the town's
 * subscribers, queued in the transition's own transaction. The payload is the case's number, item
 * and state — no applicant, no ID number, no phone.
 */
import { onCaseFinished } from '../cases/case-finished.port.ts';
import { emitWebhookEvent } from './webhook-subscribers.ts';

export function registerWebhookPorts(): void {
  onCaseFinished('webhooks.case', async (trx, e) => {
    const c = await trx
      .selectFrom('cases')
      .select(['id', 'number', 'item_code', 'accepting_region_code'])
      .where('id', '=', e.caseId)
      .executeTakeFirstOrThrow();
    await emitWebhookEvent(trx, e.pii, {
      event: e.to === 'delivered' ? 'case.delivered' : 'case.closed',
      eventId: `case:${c.id}:${e.to}`,
      regionCode: c.accepting_region_code,
      data: { caseId: c.id, caseNumber: c.number, itemCode: c.item_code, state: e.to },
      now: e.now,
    });
  });
}
