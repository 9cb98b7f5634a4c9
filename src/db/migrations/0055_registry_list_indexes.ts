import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: indexes for the registry lists moved to keyset pages, each in its list's
 * order so a page — the first or the thousandth — reads its rows from the cursor on instead of
 * sorting the whole selection:
 * - residents by home region, name, id (the region prefix of a caller's reach is a range of the
 *   first column; the keyset bound `home_region_code >= cursor` starts the scan at the cursor);
 * - volunteers by home region and volunteer number (the same);
 * - authorizations newest first, overall and per region code (a village station's list);
 * - stations by region, kind, id.
 * Accounts are ordered by username, which its unique index already serves; regions by code, their
 * primary key.
 */
export const registryListIndexes: DialectMigration = {
  async up(db) {
    await db.schema
      .createIndex('residents_list_order')
      .ifNotExists()
      .on('residents')
      .columns(['home_region_code', 'full_name', 'id'])
      .execute();
    await db.schema
      .createIndex('vs_volunteers_list_order')
      .ifNotExists()
      .on('vs_volunteers')
      .columns(['home_region_code', 'volunteer_number'])
      .execute();
    await db.schema
      .createIndex('authorizations_created_id')
      .ifNotExists()
      .on('authorizations')
      .columns(['created_at desc', 'id'])
      .execute();
    await db.schema
      .createIndex('authorizations_region_created')
      .ifNotExists()
      .on('authorizations')
      .columns(['region_code', 'created_at desc', 'id'])
      .execute();
    await db.schema
      .createIndex('stations_list_order')
      .ifNotExists()
      .on('stations')
      .columns(['region_code', 'kind', 'id'])
      .execute();
  },
};
