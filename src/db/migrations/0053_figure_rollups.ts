import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { DialectMigration } from './types.ts';

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

// ── the folding SQL, over a row source ──────────────────────────────────────────────────────────

/** A source row's columns, by name: `NEW.x` (SQLite) or `n.x` (a PostgreSQL transition table). */
type Row = (column: string) => string;
/** One source of signed rows: the columns of a row and its sign (+1 new image, −1 old image). */
interface Image {
  col: Row;
  sign: 1 | -1;
  /** `FROM new_rows n` on PostgreSQL; empty on SQLite (NEW/OLD are in scope). */
  from: string;
}

const caseBucket = (r: Row) => `${r('accepting_region_code')} AS accepting_region_code,
  ${r('accepting_station_id')} AS accepting_station_id, ${r('state')} AS state,
  CASE WHEN ${r('accepted_at')} IS NOT NULL THEN 1 ELSE 0 END AS accepted,
  CASE WHEN ${r('is_tongban')} = 1 THEN 1 ELSE 0 END AS tongban,
  CASE WHEN ${r('state')} IN ('accepted','in_progress') THEN COALESCE(${r('due_date')}, '') ELSE '' END AS due_date`;

function foldCases(images: Image[]): string {
  const rows = images
    .map((i) => `SELECT ${caseBucket(i.col)}, ${i.sign} AS d ${i.from}`)
    .join(' UNION ALL ');
  const key = 'accepting_region_code, accepting_station_id, state, accepted, tongban, due_date';
  return `INSERT INTO case_figure_rollups (${key}, cases)
    SELECT ${key}, SUM(d) FROM (${rows}) x WHERE true GROUP BY ${key} HAVING SUM(d) <> 0
    ORDER BY ${key}
    ON CONFLICT (${key}) DO UPDATE SET cases = case_figure_rollups.cases + excluded.cases`;
}

/** A case that moves station keeps its second-request count with it (stations are fixed today). */
function foldCaseStations(images: Image[]): string {
  const rows = images
    .map(
      (i) => `SELECT ${i.col('accepting_region_code')} AS accepting_region_code,
        ${i.col('accepting_station_id')} AS accepting_station_id, ${i.sign} AS d ${i.from}
        WHERE EXISTS (SELECT 1 FROM case_requests q
          WHERE q.case_id = ${i.col('id')} AND q.kind = 'defective')`,
    )
    .join(' UNION ALL ');
  const key = 'accepting_region_code, accepting_station_id';
  return `INSERT INTO case_second_request_rollups (${key}, cases)
    SELECT ${key}, SUM(d) FROM (${rows}) x WHERE true GROUP BY ${key} HAVING SUM(d) <> 0
    ORDER BY ${key}
    ON CONFLICT (${key}) DO UPDATE SET cases = case_second_request_rollups.cases + excluded.cases`;
}

/**
 * Cases whose count of defective requests changed by `d` in this statement: the second-request
 * count of their station moves when "any" flips. `changes` yields (case_id, d).
 */
function foldSecondRequests(changes: string): string {
  const key = 'accepting_region_code, accepting_station_id';
  return `INSERT INTO case_second_request_rollups (${key}, cases)
    SELECT c.accepting_region_code, c.accepting_station_id,
      SUM((CASE WHEN k.now_n > 0 THEN 1 ELSE 0 END) - (CASE WHEN k.now_n - k.d > 0 THEN 1 ELSE 0 END))
    FROM (SELECT x.case_id, x.d, (SELECT COUNT(*) FROM case_requests q
            WHERE q.case_id = x.case_id AND q.kind = 'defective') AS now_n
          FROM (${changes}) x) k
    JOIN cases c ON c.id = k.case_id
    WHERE true
    GROUP BY c.accepting_region_code, c.accepting_station_id
    HAVING SUM((CASE WHEN k.now_n > 0 THEN 1 ELSE 0 END) - (CASE WHEN k.now_n - k.d > 0 THEN 1 ELSE 0 END)) <> 0
    ORDER BY 1, 2
    ON CONFLICT (${key}) DO UPDATE SET cases = case_second_request_rollups.cases + excluded.cases`;
}

const defectiveChanges = (images: Image[]) =>
  `SELECT case_id, SUM(d) AS d FROM (${images
    .map(
      (i) =>
        `SELECT ${i.col('case_id')} AS case_id, ${i.sign} AS d ${i.from} WHERE ${i.col('kind')} = 'defective'`,
    )
    .join(' UNION ALL ')}) y GROUP BY case_id HAVING SUM(d) <> 0`;

function foldHours(images: Image[]): string {
  const rows = images
    .map(
      (
        i,
      ) => `SELECT ${i.col('activity_id')} AS activity_id, ${i.col('service_date')} AS service_date,
        ${i.sign} * ${i.col('half_hours')} AS h, ${i.sign} AS n ${i.from}
        WHERE ${i.col('status')} = 'confirmed'`,
    )
    .join(' UNION ALL ');
  return `INSERT INTO vs_hour_rollups (region_code, period, half_hours, records)
    SELECT region_code, period, SUM(h), SUM(n) FROM (
      SELECT a.region_code, x.service_date AS period, x.h, x.n
        FROM (${rows}) x JOIN vs_activities a ON a.id = x.activity_id
      UNION ALL
      SELECT a.region_code, substr(x.service_date, 1, 7), x.h, x.n
        FROM (${rows}) x JOIN vs_activities a ON a.id = x.activity_id
    ) y WHERE true GROUP BY region_code, period HAVING SUM(h) <> 0 OR SUM(n) <> 0
    ORDER BY region_code, period
    ON CONFLICT (region_code, period) DO UPDATE SET half_hours = vs_hour_rollups.half_hours + excluded.half_hours,
      records = vs_hour_rollups.records + excluded.records`;
}

/** An activity that moves region takes its confirmed hours with it. */
function foldActivityRegions(images: Image[]): string {
  const rows = images
    .map(
      (i) => `SELECT ${i.col('id')} AS activity_id, ${i.col('region_code')} AS region_code,
        ${i.sign} AS s ${i.from}`,
    )
    .join(' UNION ALL ');
  return `INSERT INTO vs_hour_rollups (region_code, period, half_hours, records)
    SELECT region_code, period, SUM(h), SUM(n) FROM (
      SELECT m.region_code, q.service_date AS period, m.s * q.half_hours AS h, m.s AS n
        FROM (${rows}) m JOIN vs_service_records q ON q.activity_id = m.activity_id
        WHERE q.status = 'confirmed'
      UNION ALL
      SELECT m.region_code, substr(q.service_date, 1, 7), m.s * q.half_hours, m.s
        FROM (${rows}) m JOIN vs_service_records q ON q.activity_id = m.activity_id
        WHERE q.status = 'confirmed'
    ) y WHERE true GROUP BY region_code, period HAVING SUM(h) <> 0 OR SUM(n) <> 0
    ORDER BY region_code, period
    ON CONFLICT (region_code, period) DO UPDATE SET half_hours = vs_hour_rollups.half_hours + excluded.half_hours,
      records = vs_hour_rollups.records + excluded.records`;
}

const chinaDay = (dialect: Dialect, col: string) =>
  dialect === 'postgres'
    ? `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`
    : `date(${col}, '+8 hours')`;

/**
 * Recompute the (volunteer, year) rows named by `affected` (volunteer_id, year): delete them, then
 * insert each one's first confirmed day with hours in the year, if any.
 */
function recomputeVolunteerYears(dialect: Dialect, affected: string): string[] {
  return [
    `DELETE FROM vs_volunteer_years WHERE (volunteer_id, year) IN
       (SELECT DISTINCT volunteer_id, year FROM (${affected}) a)`,
    `INSERT INTO vs_volunteer_years (volunteer_id, year, first_day, home_region_code, registered_day)
     SELECT q.volunteer_id, a.year, MIN(q.service_date), v.home_region_code,
       ${chinaDay(dialect, 'v.created_at')}
     FROM (SELECT DISTINCT volunteer_id, year FROM (${affected}) z) a
     JOIN vs_service_records q ON q.volunteer_id = a.volunteer_id
       AND q.service_date >= a.year || '-01-01' AND q.service_date <= a.year || '-12-31'
       AND q.status = 'confirmed' AND q.half_hours > 0
     JOIN vs_volunteers v ON v.id = q.volunteer_id
     WHERE true
     GROUP BY q.volunteer_id, a.year, v.home_region_code, v.created_at
     ORDER BY 1, 2
     ON CONFLICT (volunteer_id, year) DO UPDATE SET
       first_day = CASE WHEN excluded.first_day < vs_volunteer_years.first_day THEN excluded.first_day
         ELSE vs_volunteer_years.first_day END,
       home_region_code = excluded.home_region_code, registered_day = excluded.registered_day`,
  ];
}

const affectedYears = (images: Image[]) =>
  images
    .map(
      (i) => `SELECT ${i.col('volunteer_id')} AS volunteer_id,
        substr(${i.col('service_date')}, 1, 4) AS year ${i.from}
        WHERE ${i.col('status')} = 'confirmed' AND ${i.col('half_hours')} > 0`,
    )
    .join(' UNION ALL ');

function copyVolunteers(dialect: Dialect, changed: string): string {
  return `UPDATE vs_volunteer_years SET
      home_region_code = (SELECT v.home_region_code FROM vs_volunteers v WHERE v.id = vs_volunteer_years.volunteer_id),
      registered_day = (SELECT ${chinaDay(dialect, 'v.created_at')} FROM vs_volunteers v
        WHERE v.id = vs_volunteer_years.volunteer_id)
    WHERE volunteer_id IN (${changed})`;
}

// ── PostgreSQL: statement triggers over transition tables ───────────────────────────────────────

type Op = 'INSERT' | 'UPDATE' | 'DELETE';
const OPS: Op[] = ['INSERT', 'UPDATE', 'DELETE'];

function pgImages(op: Op): Image[] {
  const n: Image = { col: (c) => `n.${c}`, sign: 1, from: 'FROM new_rows n' };
  const o: Image = { col: (c) => `o.${c}`, sign: -1, from: 'FROM old_rows o' };
  return op === 'INSERT' ? [n] : op === 'DELETE' ? [o] : [n, o];
}

const referencing = (op: Op) =>
  op === 'INSERT'
    ? 'REFERENCING NEW TABLE AS new_rows'
    : op === 'DELETE'
      ? 'REFERENCING OLD TABLE AS old_rows'
      : 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows';

/** Waits for the other transactions that recompute the same keys (sorted: no deadlock). */
const pgLock = (kind: string, ids: string) =>
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

function sqliteImages(op: Op): Image[] {
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
