import { columnTypes, type DialectMigration } from './types.ts';

/**
 * GS-1 the service catalog: one row per item (its current version and what list/search need) and
 * every version's full definition as JSON, never changed once written (a case keeps its version).
 */
export const catalog: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);

    await db.schema
      .createTable('catalog_items')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('tier', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('catalog_items_category')
      .on('catalog_items')
      .columns(['category', 'code'])
      .execute();

    await db.schema
      .createTable('catalog_item_versions')
      .addColumn('code', 'text', (c) => c.notNull().references('catalog_items.code'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('definition', t.json, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('catalog_item_versions_pk', ['code', 'version'])
      .execute();
  },
};
