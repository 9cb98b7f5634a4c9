/**
 * Issue #16 point 4: cases written in bulk by `doorstep generate` (the cases module's own writer,
 * so the generator never touches these tables itself). Each case gets its `file` action and, when
 * it moved on, one more action to the state it is in; a case still awaiting supplements gets its
 * notice's open requests (GS-5), so every list and view reads it like a filed one. Generated rows
 * carry no audit events (they are a test data set, not history).
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { bulkInsert } from '../../db/bulk-copy.ts';
import type { CaseActionTable, CaseRequestTable, CaseTable, Database } from '../../db/schema.ts';
import { buildNotice, type NoticeItem, type OneTimeNotice } from './case.notice.ts';
import { noticeRequests } from './case.requests.ts';
import type { CaseAction, CaseState } from './case.workflow.ts';

/** Rows per statement: 30 columns × 400 rows stays under both dialects' parameter limits. */
const CHUNK = 400;

/** The notices a generated case uses: every material presented, or the first required one missing. */
export function generatedNotices(item: NoticeItem): {
  complete: OneTimeNotice;
  missing: OneTimeNotice;
  presentedAll: string[];
  presentedSome: string[];
} {
  const all = item.materials.map((m) => m.key);
  const firstRequired = item.materials.find((m) => m.required)?.key;
  const some = all.filter((k) => k !== firstRequired);
  return {
    complete: buildNotice(item, all),
    missing: buildNotice(item, some),
    presentedAll: all,
    presentedSome: some,
  };
}

/** The action that brought a case from its first state to where it is (none for the first state). */
const LAST_ACTION: Record<CaseState, CaseAction | null> = {
  awaiting_supplement: null,
  accepted: null,
  in_progress: 'route',
  suspended: 'suspend',
  decided: 'decide',
  delivered: 'deliver',
  closed: 'close',
  refused: 'refuse',
  withdrawn: 'withdraw',
};

export interface GeneratedCase {
  row: CaseTable;
  /** The notice stored in `row.notice`. */
  notice: OneTimeNotice;
  /** The state it was filed in (accepted, or awaiting_supplement for refused ones). */
  filedState: CaseState;
  /** When it reached its state (the second action's time). */
  movedAt: string;
  actorRole: string;
}

export async function insertGeneratedCases(
  trx: Transaction<Database>,
  cases: readonly GeneratedCase[],
): Promise<void> {
  for (let i = 0; i < cases.length; i += CHUNK) {
    const part = cases.slice(i, i + CHUNK);
    await bulkInsert(
      trx,
      'cases',
      part.map((c) => c.row),
    );
    const actions: CaseActionTable[] = [];
    const requests: CaseRequestTable[] = [];
    for (const c of part) {
      const base = {
        case_id: c.row.id,
        actor_id: c.row.first_responder_id,
        actor_role: c.actorRole,
        station_id: c.row.accepting_station_id,
        payload: null,
      };
      actions.push({
        ...base,
        id: crypto.randomUUID(),
        seq: 1,
        action: 'file',
        from_state: null,
        to_state: c.filedState,
        reason: null,
        payload: JSON.stringify({ generated: true }),
        at: c.row.created_at,
      });
      const last = LAST_ACTION[c.row.state];
      if (last)
        actions.push({
          ...base,
          id: crypto.randomUUID(),
          seq: 2,
          action: last,
          from_state: c.filedState,
          to_state: c.row.state,
          reason: ['suspend', 'refuse', 'withdraw'].includes(last) ? '生成数据' : null,
          at: c.movedAt,
        });
      if (c.row.state === 'awaiting_supplement') {
        for (const r of noticeRequests(c.notice, {
          by: c.row.first_responder_id,
          at: c.row.created_at,
        }))
          requests.push({
            id: crypto.randomUUID(),
            case_id: c.row.id,
            material_key: r.materialKey,
            kind: r.kind,
            blocking: r.blocking ? 1 : 0,
            reason: r.reason,
            requested_by: r.requestedBy,
            requested_at: r.requestedAt,
            satisfied_at: null,
            satisfied_by: null,
          });
      }
    }
    await bulkInsert(trx, 'case_actions', actions);
    await bulkInsert(trx, 'case_requests', requests);
  }
}
