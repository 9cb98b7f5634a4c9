import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: indexes for the keyset pages of the lists that grow with every case — ratings,
 * their rectification tickets and appeals — each in its page's ORDER BY (sort key, id), so a page
 * reads from the cursor on instead of sorting the reach. They are filtered by region-code prefix
 * (a town or district spans many codes, so the older (region_code, …) and (state, due_date)
 * indexes cannot give the order): the walk in order keeps the reach's rows. EXPLAIN ANALYZE on
 * PostgreSQL, 400,000 ratings over a district: a town's page 2 went from a parallel seq scan +
 * top-N sort (260 ms) to an index scan of 21 rows (1 ms); open tickets 376 → 3 ms; pending appeals
 * 54 → 0.5 ms (every appeal, as the web lists them: rating_appeals_created_id). Not needed: notifications (one account's rows: notifications_account is read
 * backward, an incremental sort settles equal instants by id — 1.5 ms on 600,000 rows); programs,
 * training sessions and competences (a town's are few, narrowed by their region/town indexes).
 */
export const miscListIndexes: DialectMigration = {
  async up(db) {
    await db.schema
      .createIndex('ratings_rated_id')
      .ifNotExists()
      .on('ratings')
      .columns(['rated_at desc', 'id'])
      .execute();
    await db.schema
      .createIndex('rating_tickets_due_id')
      .ifNotExists()
      .on('rating_tickets')
      .columns(['due_date', 'id'])
      .execute();
    await db.schema
      .createIndex('rating_appeals_state_created')
      .ifNotExists()
      .on('rating_appeals')
      .columns(['state', 'created_at desc', 'id'])
      .execute();
    await db.schema
      .createIndex('rating_appeals_created_id')
      .ifNotExists()
      .on('rating_appeals')
      .columns(['created_at desc', 'id'])
      .execute();
  },
};
