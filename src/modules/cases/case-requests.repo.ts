/** SQL for a case's material requests (case.requests.ts holds the rules). */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CaseRequest, ReplayAction } from './case.requests.ts';
import { parseActionPayload } from './case.stored.ts';

type Conn = Kysely<Database> | Transaction<Database>;

export type StoredRequest = CaseRequest & { id: string; caseId: string };

/** Every request of these cases, oldest first. */
export async function loadRequests(db: Conn, caseIds: readonly string[]): Promise<StoredRequest[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('case_requests')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    materialKey: r.material_key,
    kind: r.kind,
    blocking: r.blocking === 1,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    satisfiedAt: r.satisfied_at,
    satisfiedBy: r.satisfied_by,
  }));
}

export async function insertRequests(
  trx: Transaction<Database>,
  caseId: string,
  requests: readonly CaseRequest[],
): Promise<void> {
  if (requests.length === 0) return;
  await trx
    .insertInto('case_requests')
    .values(
      requests.map((r) => ({
        id: crypto.randomUUID(),
        case_id: caseId,
        material_key: r.materialKey,
        kind: r.kind,
        blocking: r.blocking ? 1 : 0,
        reason: r.reason,
        requested_by: r.requestedBy,
        requested_at: r.requestedAt,
        satisfied_at: r.satisfiedAt,
        satisfied_by: r.satisfiedBy,
      })),
    )
    .execute();
}

/** Marks open requests as brought; a request already satisfied stays as it was. */
export async function satisfyRequests(
  trx: Transaction<Database>,
  ids: readonly string[],
  by: { accountId: string; at: string },
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('case_requests')
    .set({ satisfied_at: by.at, satisfied_by: by.accountId })
    .where('id', 'in', [...ids])
    .where('satisfied_at', 'is', null)
    .execute();
}

/** The case's intake and supplements from its action log: its material history. */
export async function materialLog(db: Conn, caseId: string): Promise<ReplayAction[]> {
  const rows = await db
    .selectFrom('case_actions')
    .select(['action', 'actor_id', 'reason', 'payload', 'at'])
    .where('case_id', '=', caseId)
    .where('action', 'in', ['file', 'supplement', 'request_supplement'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    actorId: r.actor_id,
    reason: r.reason,
    payload: parseActionPayload(r.payload) ?? {},
    at: r.at,
  }));
}
