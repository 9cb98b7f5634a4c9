import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: indexes for the case lists, chosen from EXPLAIN on the generated district
 * (`doorstep generate --scale district`, 750,000 cases; docs/operations.md "Scale"). Every list is
 * newest first (created_at desc, id): a village station's list is one region code, read in order
 * from cases_region_created; a town's `state=accepted` list walks cases_state_created and keeps
 * its town's rows; a district supervisor's first page and its keyset pages walk
 * cases_created_id from the cursor on — no list sorts the district.
 */
export const caseListIndexes: DialectMigration = {
  async up(db) {
    await db.schema
      .createIndex('cases_region_created')
      .on('cases')
      .columns(['accepting_region_code', 'created_at desc', 'id'])
      .execute();
    await db.schema
      .createIndex('cases_state_created')
      .on('cases')
      .columns(['state', 'created_at desc', 'id'])
      .execute();
    await db.schema
      .createIndex('cases_created_id')
      .on('cases')
      .columns(['created_at desc', 'id'])
      .execute();
  },
};
