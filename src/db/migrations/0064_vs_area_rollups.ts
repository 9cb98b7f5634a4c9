import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { DialectMigration } from './types.ts';
import {
  OPS,
  pgImages,
  pgLock,
  referencing,
  sqliteImages,
  type Op,
} from './0053_figure_rollups.ts';
import {
  affectedYears,
  copyVolunteers,
  recomputeVolunteerYears,
  type Image,
} from './0053_figure_rollups.fold.ts';
import {
  active,
  fill,
  foldAreas,
  hours,
  movedHours,
  registered,
} from './0064_vs_area_rollups.fold.ts';

/**
 * Issue #16 point 5: VS-10 at the milestone's volunteer density from rows per area, not per
 * volunteer or activity. On the generated district (150,000 volunteers, 3 M hour records) the
 * figures took 428 ms: the volunteer-year rows (113 ms), the volunteers by area (81 ms, an
 * index-only scan of every volunteer), the activities' fill (59 ms) and the hour rollups per village
 * and day (51 ms) — each growing with the city. Now one table, `vs_area_rollups`, holds per measure
 * the amount at each level a figure groups by (the first 4, 6, 9, 12 digits of the region code) and
 * each grain (year, month, China day: `grain` is the period's length, so each grain's periods are
 * one range of the key), so a figure reads, for each child area, at most five ranges of periods:
 *
 * - registered: volunteers by home region and registration day (cumulative: "by the end");
 * - active: volunteer-year rows by home region and the day the volunteer counts from in that year
 *   (the first confirmed day with hours, or the registration day if later);
 * - capacity, signups: activities not cancelled, by region and start day;
 * - half_hours: confirmed hours by the activity's region and service day (replaces vs_hour_rollups,
 *   dropped here).
 *
 * Kept, like 0053's, by triggers in the writer's transaction: on vs_volunteers, vs_activities and
 * vs_service_records (the trigger functions of 0053 replaced on PostgreSQL, re-created on SQLite),
 * and on vs_volunteer_years, which 0053's triggers keep. The rows of a city or a district for a day
 * are shared by every write there that day: a row lock held to the writer's commit.
 * Frozen with this migration; `doorstep rollups rebuild` keeps its own backfill.
 */
export const vsAreaRollups: DialectMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable('vs_area_rollups')
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('len', 'integer', (c) => c.notNull())
      .addColumn('area', 'text', (c) => c.notNull())
      .addColumn('grain', 'integer', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('n', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('vs_area_rollups_pk', ['measure', 'len', 'area', 'grain', 'period'])
      .execute();
    if (dialect === 'postgres') await postgresTriggers(db);
    else await sqliteTriggers(db);
    await db.schema.dropTable('vs_hour_rollups').execute();
    await sql.raw(foldAreas(BACKFILL(dialect))).execute(db);
  },
};

/** A table's rows as an image of sign +1 (the backfill). */
const whole = (table: string): Image => ({
  col: (c) => `t.${c}`,
  sign: 1,
  from: `FROM ${table} t`,
});

const BACKFILL = (dialect: Dialect) =>
  [
    registered(dialect, [whole('vs_volunteers')]),
    active([whole('vs_volunteer_years')]),
    fill(dialect, [whole('vs_activities')]),
    hours([whole('vs_service_records')]),
  ].join(' UNION ALL ');

// ── PostgreSQL: statement triggers over transition tables ───────────────────────────────────────

/** How a later migration re-writes these functions: its own fold, the triggers already there. */
export interface PgTriggerOptions {
  fold: (source: string) => string;
  createTriggers: boolean;
}

/** Replace (or create) the trigger function of `table` and `op`; create its trigger if new. */
async function pgTrigger(
  db: Kysely<unknown>,
  table: string,
  op: Op,
  body: string[],
  isNew: boolean,
) {
  const fn = `rollup_${table}_${op.toLowerCase()}`;
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         ${body.map((s) => `${s};`).join('\n')}
         RETURN NULL;
       END $fn$`,
    )
    .execute(db);
  if (isNew)
    await sql
      .raw(
        `CREATE TRIGGER ${fn} AFTER ${op} ON ${table} ${referencing(op)}
         FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      )
      .execute(db);
}

export async function postgresTriggers(
  db: Kysely<unknown>,
  { fold, createTriggers }: PgTriggerOptions = { fold: foldAreas, createTriggers: true },
) {
  for (const op of OPS) {
    const img = pgImages(op);
    const affected = affectedYears(img);
    await pgTrigger(
      db,
      'vs_service_records',
      op,
      [
        fold(hours(img)),
        pgLock('volunteer', `SELECT volunteer_id FROM (${affected}) a`),
        ...recomputeVolunteerYears('postgres', affected),
      ],
      false,
    );
    await pgTrigger(db, 'vs_volunteer_years', op, [fold(active(img))], createTriggers);
    const movedVolunteers = `SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.home_region_code IS DISTINCT FROM o.home_region_code
        OR n.created_at IS DISTINCT FROM o.created_at`;
    await pgTrigger(
      db,
      'vs_volunteers',
      op,
      [
        fold(registered('postgres', img)),
        ...(op === 'UPDATE'
          ? [pgLock('volunteer', movedVolunteers), copyVolunteers('postgres', movedVolunteers)]
          : []),
      ],
      createTriggers && op !== 'UPDATE',
    );
    const moved = `SELECT n.id AS activity_id, n.region_code, 1 AS s
        FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.region_code <> o.region_code
      UNION ALL
      SELECT o.id, o.region_code, -1
        FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.region_code <> o.region_code`;
    await pgTrigger(
      db,
      'vs_activities',
      op,
      [fold(fill('postgres', img)), ...(op === 'UPDATE' ? [fold(movedHours(moved))] : [])],
      createTriggers && op !== 'UPDATE',
    );
  }
}

// ── SQLite: row triggers (one writer at a time; no locks needed) ────────────────────────────────

async function sqliteTrigger(
  db: Kysely<unknown>,
  name: string,
  table: string,
  op: Op,
  body: string[],
  when = '',
) {
  await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${name} AFTER ${op} ON ${table} FOR EACH ROW
       ${when ? `WHEN ${when}` : ''}
       BEGIN ${body.map((s) => `${s};`).join('\n')} END`,
    )
    .execute(db);
}

const changed = (cols: string[]) => cols.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

async function sqliteTriggers(db: Kysely<unknown>) {
  for (const op of OPS) {
    const img = sqliteImages(op);
    const lower = op.toLowerCase();
    await sqliteTrigger(db, `rollup_vs_service_records_${lower}`, 'vs_service_records', op, [
      foldAreas(hours(img)),
      ...recomputeVolunteerYears('sqlite', affectedYears(img)),
    ]);
    await sqliteTrigger(db, `rollup_vs_volunteer_years_${lower}`, 'vs_volunteer_years', op, [
      foldAreas(active(img)),
    ]);
    await sqliteTrigger(
      db,
      `rollup_vs_volunteers_registered_${lower}`,
      'vs_volunteers',
      op,
      [foldAreas(registered('sqlite', img))],
      op === 'UPDATE' ? changed(['home_region_code', 'created_at']) : '',
    );
    await sqliteTrigger(
      db,
      `rollup_vs_activities_fill_${lower}`,
      'vs_activities',
      op,
      [foldAreas(fill('sqlite', img))],
      op === 'UPDATE'
        ? changed(['region_code', 'starts_at', 'status', 'capacity', 'confirmed_count'])
        : '',
    );
  }
  // 0053's trigger of the same name moved the old hour rollups.
  await sqliteTrigger(
    db,
    'rollup_vs_activities_update',
    'vs_activities',
    'UPDATE',
    [
      foldAreas(
        movedHours(`SELECT NEW.id AS activity_id, NEW.region_code AS region_code, 1 AS s
          UNION ALL SELECT OLD.id, OLD.region_code, -1`),
      ),
    ],
    'OLD.region_code IS NOT NEW.region_code',
  );
}
