import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';
import { postgresTriggers } from './0064_vs_area_rollups.ts';
import { foldAreas } from './0064_vs_area_rollups.fold.ts';

/** How many rows a key of the area rollups may be spread over on PostgreSQL. */
export const AREA_ROLLUP_SLOTS = 16;

/**
 * Issue #16 point 3, no global serialisation point: 0064's rows of the city and of a district for
 * a day were shared by every sign-up, registration and confirmation there that day — one row lock,
 * held to each writer's commit, across the whole city. Measured by the sign-up burst spread over 64
 * towns (`bench/signup-burst.bench.ts --spread 64`): the app reached 0.63 of itself with that
 * trigger off. On PostgreSQL each key now has up to 16 slots: a writer adds to the slot of its
 * server connection (`pg_backend_pid() % 16`, the same for every statement of a transaction, so two
 * transactions either share every row as before or none), and a key's amount is the sum of its
 * slots — which every read already takes (figures.rollup.ts sums by area). The rows already there
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
      fold: (source) => foldAreas(source, `pg_backend_pid() % ${AREA_ROLLUP_SLOTS}`),
      createTriggers: false,
    });
  },
};
