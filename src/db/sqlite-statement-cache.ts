import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every statement anew; preparing was ~17% of the server's CPU in
 * the residents benchmark. better-sqlite3 statements are reusable, and Kysely runs one query at a
 * time per connection, so a cache keyed by SQL text is safe. Bounded: cleared when full (queries
 * are built from a small set of shapes; only IN-lists of varying length make new texts).
 */
export function withStatementCache(sqlite: SQLite.Database, maxEntries = 1000): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        if (cache.size >= maxEntries) cache.clear();
        stmt = sqlite.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}
