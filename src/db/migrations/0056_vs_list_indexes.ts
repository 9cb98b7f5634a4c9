import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: indexes for the volunteer-service lists and their keyset pages (`/page`),
 * chosen from EXPLAIN on PostgreSQL. Each list is read in its order from the cursor on instead
 * of sorting everything in the caller's reach:
 * - orders and needs, newest first (created_at desc, id): a district's board walks
 *   vs_orders_created_id / vs_needs_created_id and keeps its region's rows; a state or status
 *   tab (the centre's "submitted" needs) walks the (state|status, created_at desc, id) index;
 * - activities open for sign-up, soonest first (status = 'open', starts_at > now, then id):
 *   vs_activities_open; the activities one runs, latest first: vs_activities_starts_id;
 * - certificates, latest issued first: vs_certificates_issued_id;
 * - a volunteer's own sign-ups (my activities): vs_signups_volunteer — before it, the only
 *   sign-up indexes led with the activity, so one volunteer's list read every sign-up.
 */
export const vsListIndexes: DialectMigration = {
  async up(db) {
    const indexes: [string, string, string[]][] = [
      ['vs_orders_created_id', 'vs_orders', ['created_at desc', 'id']],
      ['vs_orders_state_created', 'vs_orders', ['state', 'created_at desc', 'id']],
      ['vs_needs_created_id', 'vs_needs', ['created_at desc', 'id']],
      ['vs_needs_status_created', 'vs_needs', ['status', 'created_at desc', 'id']],
      ['vs_activities_open', 'vs_activities', ['status', 'starts_at', 'id']],
      ['vs_activities_starts_id', 'vs_activities', ['starts_at desc', 'id']],
      ['vs_certificates_issued_id', 'vs_certificates', ['issued_at desc', 'id']],
      ['vs_signups_volunteer', 'vs_signups', ['volunteer_id']],
    ];
    for (const [name, table, columns] of indexes) {
      await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
    }
  },
};
