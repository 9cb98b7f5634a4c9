import type { DialectMigration } from './types.ts';

/**
 * Issue #10 point 9: shared reference data is changed only by someone whose scope covers
 * everyone who uses it. A volunteer service category gets an owner region: NULL = national (every
 * existing category; only an administrator covering the whole region tree changes it), a code =
 * a centre's own category (the N of "8+N"), changed by staff whose scope covers that region and
 * used only inside it.
 */
export const scope: DialectMigration = {
  async up(db) {
    await db.schema.alterTable('vs_categories').addColumn('region_code', 'text').execute();
  },
};
