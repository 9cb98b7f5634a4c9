import type { DialectMigration } from './types.ts';

/**
 * Issue #10 point 14: an idempotency key is marked `committed` in the same transaction as the
 * business write, with the resource it created. `claim_id` names the request that holds the key, so
 * a request whose claim was released (it stalled past the stale window) cannot commit under a key
 * another request has claimed since.
 */
export const idempotencyCommit: DialectMigration = {
  async up(db) {
    await db.schema.alterTable('idempotency_keys').addColumn('claim_id', 'text').execute();
    await db.schema.alterTable('idempotency_keys').addColumn('resource_type', 'text').execute();
    await db.schema.alterTable('idempotency_keys').addColumn('resource_id', 'text').execute();
  },
};
