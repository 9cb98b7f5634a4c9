/**
 * Column kinds the row types name, so that the schema check (test/integration/schema-types.test.ts)
 * can compare them with the migrated database: each is a plain `string` to the application.
 */

/** An ISO-8601 UTC instant: TEXT on SQLite, timestamptz on PostgreSQL (read back as ISO text). */
export type Timestamp = string;

/** JSON stored as text: read it with `parseJsonColumn()` (src/db/json-column.ts), never a cast. */
export type JsonText = string;
