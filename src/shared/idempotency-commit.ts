import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from './problem.ts';

/** The Idempotency-Key a request holds, as the idempotency plugin claimed it. */
export interface IdempotencyClaim {
  accountId: string;
  key: string;
  /** Random per claim: a released-and-reclaimed key has another claim id. */
  claimId: string;
}

export interface IdempotencyScope {
  claim: IdempotencyClaim | null;
  /** Transactions that already marked the key (one update per transaction is enough). */
  marked: WeakSet<Transaction<Database>>;
  /** True once a transaction that marked the key has run its marking update. */
  committed: boolean;
}

const scopes = new AsyncLocalStorage<IdempotencyScope>();

/** Runs the rest of an idempotent request (hooks, handler, services) with a scope to claim into. */
export function runInIdempotencyScope(next: () => void): void {
  scopes.run({ claim: null, marked: new WeakSet(), committed: false }, next);
}

export function currentIdempotencyScope(): IdempotencyScope | undefined {
  return scopes.getStore();
}

/**
 * Called inside every audited write transaction (recordAudit). When the request holds an
 * Idempotency-Key, marks it `committed` with the first audited entity (what the request created)
 * in the SAME transaction: the business rows and "this key has been used" commit or roll back
 * together, so a crash between commit and answer can never let a retry write a second time.
 * A request whose claim was released and taken by another request (it stalled past the stale
 * window) finds no row of its own and its transaction rolls back.
 */
export async function markIdempotentCommit(
  trx: Transaction<Database>,
  ref: { entityType: string; entityId: string },
): Promise<void> {
  const scope = scopes.getStore();
  const claim = scope?.claim;
  if (!scope || !claim || scope.marked.has(trx)) return;
  scope.marked.add(trx);
  const updated = await trx
    .updateTable('idempotency_keys')
    .set((eb) => ({
      state: 'committed',
      resource_type: eb.fn.coalesce('resource_type', eb.val(ref.entityType)),
      resource_id: eb.fn.coalesce('resource_id', eb.val(ref.entityId)),
    }))
    .where('account_id', '=', claim.accountId)
    .where('key', '=', claim.key)
    .where('claim_id', '=', claim.claimId)
    .where('state', 'in', ['pending', 'committed'])
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    // Already answered under this very claim (work the request left running after its answer):
    // nothing to mark. Any other miss means the key now belongs to another request.
    const answered = await trx
      .selectFrom('idempotency_keys')
      .select('state')
      .where('account_id', '=', claim.accountId)
      .where('key', '=', claim.key)
      .where('claim_id', '=', claim.claimId)
      .executeTakeFirst();
    if (answered?.state !== 'done') throw new AppError('IDEMPOTENCY_CLAIM_LOST');
    return;
  }
  scope.committed = true;
}

/**
 * Stores the answer of the request's Idempotency-Key in the caller's transaction, with the rows it
 * answers for: a node that dies after the commit, before its answer leaves, still has its answer
 * kept, and the retry gets it replayed (same status, same body). For creating routes whose answer
 * no GET can rebuild (e.g. the one-time notice of an online filing). Call it after the audited
 * write (recordAudit marks the key committed first); without a key in the request, a no-op.
 */
export async function recordIdempotentAnswer(
  trx: Transaction<Database>,
  answer: { status: number; body: unknown; now: Date },
): Promise<void> {
  const claim = scopes.getStore()?.claim;
  if (!claim) return;
  const updated = await trx
    .updateTable('idempotency_keys')
    .set({
      state: 'done',
      status_code: answer.status,
      response_body: JSON.stringify(answer.body),
      completed_at: answer.now.toISOString(),
    })
    .where('account_id', '=', claim.accountId)
    .where('key', '=', claim.key)
    .where('claim_id', '=', claim.claimId)
    .where('state', 'in', ['pending', 'committed'])
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('IDEMPOTENCY_CLAIM_LOST');
}
