/**
 * Issue #15 point 5: what the outbox holds about a subject, decrypted as the sender would —
 * the template, the recipient, the params and the full SMS text — for the tests of the messages
 * the product sends (case-messages, enrolment/order/activity messages).
 */
import { smsText } from '../../src/modules/notifications/outbox.ts';
import type { TestApp } from '../helpers/test-app.ts';

export interface QueuedSms {
  template: string;
  to: string;
  params: Record<string, string>;
  status: string;
  regionCode: string | null;
  text: string;
}

const ORDER = ['case_filed', 'case_supplement', 'case_decided', 'case_pickup_ready'];

/** The messages about one subject (a case, an enrolment, an order …), in the order they were written. */
export async function subjectOutbox(
  t: TestApp,
  subject: { type: string; id: string },
): Promise<QueuedSms[]> {
  const rows = await t.testDb.db.kysely
    .selectFrom('outbox_messages')
    .selectAll()
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .execute();
  // One transaction writes several at one instant: then the order they are written in.
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  rows.sort(
    (a, b) =>
      String(a.created_at).localeCompare(String(b.created_at)) ||
      rank(a.template_kind) - rank(b.template_kind) ||
      String(a.dedupe_key).localeCompare(String(b.dedupe_key), 'en', { numeric: true }),
  );
  return rows.map((r) => {
    const params = JSON.parse(t.pii.decrypt(r.params_cipher)) as Record<string, string>;
    return {
      template: r.template_kind,
      to: t.pii.decrypt(r.recipient_cipher),
      params,
      status: r.status,
      regionCode: r.region_code,
      text: smsText(r.template_kind, params),
    };
  });
}

export const caseOutbox = (t: TestApp, caseId: string) =>
  subjectOutbox(t, { type: 'case', id: caseId });
