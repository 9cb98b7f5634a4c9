/**
 * Shared fixtures of the 赶集式通办 case tests (cases-*.test.ts): the resident, the case JSON and
 * the helpers that file a case, move it and count rows.
 */
import type { Client, TestApp } from '../helpers/test-app.ts';

export const LI = '110115194803120019'; // 李长福, home 三顺庄村, phone ends 5678
export interface CaseJson {
  id: string;
  number: string;
  state: string;
  version: number;
  isTongban: boolean;
  dueDate: string | null;
  decidedBy: string;
  light: string;
  availableActions: string[];
  notice: { complete: boolean; missing: { key: string; blocking: boolean }[] };
  acceptingStation: { name: string };
  item: { code: string; version: number };
  trackingCode: string;
}

/** The helpers of one suite; `s` reads the suite's app and resident once `beforeAll` has set them. */
export function caseHelpers(s: () => { t: TestApp; liId: string }) {
  const file = (c: Client, body: Record<string, unknown>) =>
    c.call('POST', '/api/v1/cases', { residentId: s().liId, itemCode: 'DX-SB-001', ...body });
  const act = (c: Client, kase: CaseJson, body: Record<string, unknown>) =>
    c.call('POST', `/api/v1/cases/${kase.id}/transitions`, {
      expectedVersion: kase.version,
      ...body,
    });
  const count = async (table: 'cases' | 'case_actions' | 'audit_events' | 'case_requests') =>
    Number(
      (
        await s()
          .t.testDb.db.kysely.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { file, act, count };
}
