import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { DialectMigration } from './types.ts';
import {
  affectedYears,
  caseBucket,
  chinaDay,
  copyVolunteers,
  defectiveChanges,
  foldActivityRegions,
  foldCaseStations,
  foldCases,
  foldHours,
  foldSecondRequests,
  recomputeVolunteerYears,
  type Image,
} from './0053_figure_rollups.fold.ts';

/**
 * Issue #16 point 5: figures from rollup tables, kept by the database itself. Every write of a
 * figure's source rows — the services, the imports, `doorstep generate`, a hand-made UPDATE —
 * passes one choke point no writer can skip: triggers on the source tables, in the writer's own
 * transaction. PostgreSQL uses statement-level triggers with transition tables (a multi-row INSERT
 * or a COPY folds into one grouped upsert per statement); SQLite row triggers. Deltas are grouped
 * and ordered by key, and a delta that nets to zero writes nothing (an UPDATE that does not move a
 * row between buckets touches no rollup row).
 *
 * - case_figure_rollups: cases per (accepting region, station, state, accepted?, 通办?, due date —
 *   only for the states whose due date decides "overdue", else '').
 * - case_second_request_rollups: cases with at least one `defective` request, per station.
 * - vs_hour_rollups: confirmed half hours and records per activity region and period — a China day
 *   (YYYY-MM-DD) and its month (YYYY-MM), both kept.
 * - vs_volunteer_years: a volunteer's first day with confirmed hours (> 0) in a calendar year,
 *   with their home region and registration day copied in. A distinct count does not add up across
 *   days, so this is one row per volunteer and year, recomputed (not summed) when a record changes.
 *
 * The SQL that folds a statement's rows is written once (below) over a row source that differs per
 * dialect. Frozen with this migration; `doorstep rollups rebuild` (cases and records modules) keeps
 * its own copy of the backfill.
 */
export const figureRollups: DialectMigration = {
  async up(db, dialect) {
    await createTables(db, dialect);
    if (dialect === 'postgres') await postgresTriggers(db);
    else await sqliteTriggers(db);
    for (const statement of BACKFILL(dialect)) await sql.raw(statement).execute(db);
  },
};

async function createTables(db: Kysely<unknown>, dialect: Dialect) {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('case_figure_rollups')
    .addColumn('accepting_region_code', 'text', (c) => c.notNull())
    .addColumn('accepting_station_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('tongban', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('cases', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('case_figure_rollups_pk', [
      'accepting_region_code',
      'accepting_station_id',
      'state',
      'accepted',
      'tongban',
      'due_date',
    ])
    .execute();
  await db.schema
    .createTable('case_second_request_rollups')
    .addColumn('accepting_region_code', 'text', (c) => c.notNull())
    .addColumn('accepting_station_id', 'text', (c) => c.notNull())
    .addColumn('cases', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('case_second_request_rollups_pk', [
      'accepting_region_code',
      'accepting_station_id',
    ])
    .execute();
  await db.schema
    .createTable('vs_hour_rollups')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('half_hours', big, (c) => c.notNull())
    .addColumn('records', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('vs_hour_rollups_pk', ['region_code', 'period'])
    .execute();
  await db.schema
    .createIndex('vs_hour_rollups_period')
    .on('vs_hour_rollups')
    .columns(['period', 'region_code'])
    .execute();
  await db.schema
    .createTable('vs_volunteer_years')
    .addColumn('volunteer_id', 'text', (c) => c.notNull())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('first_day', 'text', (c) => c.notNull())
    .addColumn('home_region_code', 'text', (c) => c.notNull())
    .addColumn('registered_day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vs_volunteer_years_pk', ['volunteer_id', 'year'])
    .execute();
  await db.schema
    .createIndex('vs_volunteer_years_region')
    .on('vs_volunteer_years')
    .columns(['year', 'home_region_code', 'first_day', 'registered_day'])
    .execute();
}

// ── PostgreSQL: statement triggers over transition tables ───────────────────────────────────────

export type Op = 'INSERT' | 'UPDATE' | 'DELETE';
export const OPS: Op[] = ['INSERT', 'UPDATE', 'DELETE'];

export function pgImages(op: Op): Image[] {
  const n: Image = { col: (c) => `n.${c}`, sign: 1, from: 'FROM new_rows n' };
  const o: Image = { col: (c) => `o.${c}`, sign: -1, from: 'FROM old_rows o' };
  return op === 'INSERT' ? [n] : op === 'DELETE' ? [o] : [n, o];
}

export const referencing = (op: Op) =>
  op === 'INSERT'
    ? 'REFERENCING NEW TABLE AS new_rows'
    : op === 'DELETE'
      ? 'REFERENCING OLD TABLE AS old_rows'
      : 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows';

/** Waits for the other transactions that recompute the same keys (sorted: no deadlock). */
export const pgLock = (kind: string, ids: string) =>
  `PERFORM pg_advisory_xact_lock(hashtextextended('doorstep.rollup.${kind}:' || k, 0))
     FROM (SELECT DISTINCT k FROM (${ids}) i(k) ORDER BY k) s`;

async function pgTrigger(db: Kysely<unknown>, table: string, op: Op, body: string[]) {
  const fn = `rollup_${table}_${op.toLowerCase()}`;
  await sql
    .raw(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         ${body.map((s) => `${s};`).join('\n')}
         RETURN NULL;
       END $fn$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${fn} AFTER ${op} ON ${table} ${referencing(op)}
       FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    )
    .execute(db);
}

async function postgresTriggers(db: Kysely<unknown>) {
  for (const op of OPS) {
    const img = pgImages(op);
    await pgTrigger(db, 'cases', op, [
      foldCases(img),
      ...(op === 'UPDATE' ? [foldCaseStations(img)] : []),
    ]);
    const changes = defectiveChanges(img);
    await pgTrigger(db, 'case_requests', op, [
      // Two writers adding a case's first defective request must not both count it.
      pgLock('case', `SELECT case_id FROM (${changes}) c`),
      foldSecondRequests(changes),
    ]);
    const affected = affectedYears(img);
    await pgTrigger(db, 'vs_service_records', op, [
      foldHours(img),
      pgLock('volunteer', `SELECT volunteer_id FROM (${affected}) a`),
      ...recomputeVolunteerYears('postgres', affected),
    ]);
  }
  await pgTrigger(db, 'vs_activities', 'UPDATE', [foldActivityRegions(pgImages('UPDATE'))]);
  const moved = `SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.home_region_code IS DISTINCT FROM o.home_region_code OR n.created_at IS DISTINCT FROM o.created_at`;
  await pgTrigger(db, 'vs_volunteers', 'UPDATE', [
    pgLock('volunteer', moved),
    copyVolunteers('postgres', moved),
  ]);
}

// ── SQLite: row triggers (one writer at a time; no locks needed) ────────────────────────────────

export function sqliteImages(op: Op): Image[] {
  const n: Image = { col: (c) => `NEW.${c}`, sign: 1, from: '' };
  const o: Image = { col: (c) => `OLD.${c}`, sign: -1, from: '' };
  return op === 'INSERT' ? [n] : op === 'DELETE' ? [o] : [n, o];
}

async function sqliteTrigger(
  db: Kysely<unknown>,
  table: string,
  op: Op,
  body: string[],
  when = '',
) {
  await sql
    .raw(
      `CREATE TRIGGER rollup_${table}_${op.toLowerCase()} AFTER ${op} ON ${table} FOR EACH ROW
       ${when ? `WHEN ${when}` : ''}
       BEGIN ${body.map((s) => `${s};`).join('\n')} END`,
    )
    .execute(db);
}

async function sqliteTriggers(db: Kysely<unknown>) {
  for (const op of OPS) {
    const img = sqliteImages(op);
    await sqliteTrigger(db, 'cases', op, [
      foldCases(img),
      ...(op === 'UPDATE' ? [foldCaseStations(img)] : []),
    ]);
    await sqliteTrigger(db, 'case_requests', op, [foldSecondRequests(defectiveChanges(img))]);
    const affected = affectedYears(img);
    await sqliteTrigger(db, 'vs_service_records', op, [
      foldHours(img),
      ...recomputeVolunteerYears('sqlite', affected),
    ]);
  }
  await sqliteTrigger(
    db,
    'vs_activities',
    'UPDATE',
    [foldActivityRegions(sqliteImages('UPDATE'))],
    'OLD.region_code IS NOT NEW.region_code',
  );
  await sqliteTrigger(
    db,
    'vs_volunteers',
    'UPDATE',
    [copyVolunteers('sqlite', 'SELECT NEW.id')],
    'OLD.home_region_code IS NOT NEW.home_region_code OR OLD.created_at IS NOT NEW.created_at',
  );
}

// ── the backfill of rows already there ──────────────────────────────────────────────────────────

const BACKFILL = (dialect: Dialect): string[] => [
  `INSERT INTO case_figure_rollups (accepting_region_code, accepting_station_id, state, accepted,
     tongban, due_date, cases)
   SELECT accepting_region_code, accepting_station_id, state, accepted, tongban, due_date, COUNT(*)
   FROM (SELECT ${caseBucket((c) => `c.${c}`)} FROM cases c) x
   GROUP BY accepting_region_code, accepting_station_id, state, accepted, tongban, due_date`,
  `INSERT INTO case_second_request_rollups (accepting_region_code, accepting_station_id, cases)
   SELECT c.accepting_region_code, c.accepting_station_id, COUNT(*) FROM cases c
   WHERE EXISTS (SELECT 1 FROM case_requests q WHERE q.case_id = c.id AND q.kind = 'defective')
   GROUP BY c.accepting_region_code, c.accepting_station_id`,
  `INSERT INTO vs_hour_rollups (region_code, period, half_hours, records)
   SELECT region_code, period, SUM(h), SUM(n) FROM (
     SELECT a.region_code, q.service_date AS period, q.half_hours AS h, 1 AS n
       FROM vs_service_records q JOIN vs_activities a ON a.id = q.activity_id WHERE q.status = 'confirmed'
     UNION ALL
     SELECT a.region_code, substr(q.service_date, 1, 7), q.half_hours, 1
       FROM vs_service_records q JOIN vs_activities a ON a.id = q.activity_id WHERE q.status = 'confirmed'
   ) y GROUP BY region_code, period`,
  `INSERT INTO vs_volunteer_years (volunteer_id, year, first_day, home_region_code, registered_day)
   SELECT q.volunteer_id, substr(q.service_date, 1, 4), MIN(q.service_date), v.home_region_code,
     ${chinaDay(dialect, 'v.created_at')}
   FROM vs_service_records q JOIN vs_volunteers v ON v.id = q.volunteer_id
   WHERE q.status = 'confirmed' AND q.half_hours > 0
   GROUP BY q.volunteer_id, substr(q.service_date, 1, 4), v.home_region_code, v.created_at`,
];
