import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: a village clerk's case list is the whole town's (通办: any station of the town
 * handles any case), and a town spans many village codes, so `cases_region_created` (one code, in
 * order) cannot give the page's order: PostgreSQL read every case of the town and sorted them
 * (14,000 at the generated city, 31–48 ms per first page in the server log). This index is in the
 * page's order per town — the code's first 9 digits — and the list writes a town's scope as that
 * same expression (cases/case-scope.ts), so a first page and a keyset page read 20 entries.
 */
export const casesTownCreated: DialectMigration = {
  async up(db) {
    await sql`CREATE INDEX cases_town_created
      ON cases (substr(accepting_region_code, 1, 9), created_at DESC, id)`.execute(db);
  },
};
