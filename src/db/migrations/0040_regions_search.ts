import { sql } from 'kysely';
import { pinyin } from 'pinyin-pro';
import type { DialectMigration } from './types.ts';

/**
 * Issue #15 point 2: regions found by name or pinyin, and the children of a region read in code
 * order straight from one index when a whole country (≈ 620k villages) is loaded.
 * - regions.search_key `|name|full pinyin|initials|` (lower-case), written by every insert; the rows
 *   already here get theirs now (the rule copied from regions/region-search.ts as it is today: a
 *   migration imports no module).
 * - regions_parent (parent_code) becomes regions_parent_code (parent_code, code).
 */
function searchKey(name: string): string {
  const parts = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'removed', v: true })
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /^[a-z]+$/.test(s));
  const entries = [name.trim().toLowerCase()];
  if (parts.length > 0) entries.push(parts.join(''), parts.map((s) => s[0]).join(''));
  return `|${[...new Set(entries)].join('|')}|`;
}

export const regionsSearch: DialectMigration = {
  async up(db) {
    await db.schema
      .alterTable('regions')
      .addColumn('search_key', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    const rows = await sql<{
      code: string;
      name: string;
    }>`select code, name from regions`.execute(db);
    for (const r of rows.rows) {
      await sql`update regions set search_key = ${searchKey(r.name)} where code = ${r.code}`.execute(
        db,
      );
    }
    await db.schema.dropIndex('regions_parent').execute();
    await db.schema
      .createIndex('regions_parent_code')
      .on('regions')
      .columns(['parent_code', 'code'])
      .execute();
  },
};
