import type { DialectMigration } from './types.ts';

/**
 * Issue #15 point 9: a catalog per town ("47+N"). The shared items (the deployment's 47 and its
 * extras) keep town_code null; a town's own items carry the town's region code. The definition
 * (catalog_item_versions) stays town-free — GS-2: an item is the same at every station that may
 * file it — so the town lives on the item row and never changes.
 */
export const catalogTownItems: DialectMigration = {
  async up(db) {
    await db.schema.alterTable('catalog_items').addColumn('town_code', 'text').execute();
    await db.schema
      .createIndex('catalog_items_town')
      .on('catalog_items')
      .columns(['town_code', 'code'])
      .execute();
  },
};
