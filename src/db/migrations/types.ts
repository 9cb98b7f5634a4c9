import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';

export interface DialectMigration {
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** Column types that differ per dialect (see ENGINEERING.md pitfalls). */
export function columnTypes(dialect: Dialect) {
  return {
    timestamp: dialect === 'postgres' ? ('timestamptz' as const) : ('text' as const),
    json: 'text' as const,
    /** File bytes (attachments). */
    binary: dialect === 'postgres' ? ('bytea' as const) : ('blob' as const),
  };
}
