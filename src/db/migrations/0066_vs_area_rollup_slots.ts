import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';
import { postgresTriggers } from './0064_vs_area_rollups.ts';
import { foldAreas } from './0064_vs_area_rollups.fold.ts';

/** How many rows a key of the area rollups may be spread over on PostgreSQL. */
export const AREA_ROLLUP_SLOTS = 16;
/**
 * Only the city's and the districts' keys (code prefixes of 4 and 6 digits) are spread: a town's
 * writers already queue on the town's own audit shard head for the day, and a district's figures
 * read its towns' rows unspread.
 */
const SPREAD_LEVEL = 6;

/**
 * Issue #16 point 3, no global serialisation point: 0064's rows of the city and of a district for
 * a day were shared by every sign-up, registration and confirmation there that day — one row lock,
 * held to each writer's commit, across the whole city. Measured by the sign-up burst spread over 64
 * towns (`bench/signup-burst.bench.ts --spread 64`): the app reached 0.73 of itself with that
 * trigger off. On PostgreSQL each city and district key now has up to 16 slots: a writer adds to
 * the slot of its server connection (`pg_backend_pid() % 16`, the same for every statement of a
 * transaction, so two transactions in different slots share no city or district row, and two in
 * one slot lock in the same key order as before), and a key's amount is the sum of its slots —
 * which every read already takes (figures.rollup.ts sums by area). The rows already there
 * stay in slot 0; `rollups rebuild` writes slot 0. SQLite has one writer at a time: the column is
 * there (always 0) for one shape of the table, its key and triggers unchanged.
 */
export const vsAreaRollupSlots: DialectMigration = {
  async up(db, dialect) {
    await db.schema
      .alterTable('vs_area_rollups')
      .addColumn('slot', dialect === 'postgres' ? 'smallint' : 'integer', (c) =>
        c.notNull().defaultTo(0),
      )
      .execute();
    if (dialect !== 'postgres') return;
    await sql`ALTER TABLE vs_area_rollups DROP CONSTRAINT vs_area_rollups_pk,
      ADD CONSTRAINT vs_area_rollups_pk PRIMARY KEY (measure, len, area, grain, period, slot)`.execute(
      db,
    );
    await postgresTriggers(db, {
      // `l.len` is the level of the row being written (foldAreas' cross join).
      fold: (source) =>
        foldAreas(
          source,
          `CASE WHEN l.len <= ${SPREAD_LEVEL} THEN pg_backend_pid() % ${AREA_ROLLUP_SLOTS} ELSE 0 END`,
        ),
      createTriggers: false,
    });
  },
};
