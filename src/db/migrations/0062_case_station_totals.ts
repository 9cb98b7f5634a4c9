import { sql, type Kysely } from 'kysely';
import type { DialectMigration } from './types.ts';
import { foldCaseStations, type Image, type Row } from './0053_figure_rollups.fold.ts';

/**
 * Issue #16 point 5: the case figures of a whole city in one pass over a row per station. Migration
 * 0053 kept cases per (station, state, accepted?, 通办?, due date of a running case): at the
 * generated city that was ~200,000 rows, most of them one running case each (a due date is nearly
 * unique per station), and a city's figures summed all of them behind CASE expressions (p95 257 ms,
 * goal 200). Now two tables, kept by the same triggers on `cases` in the writer's transaction:
 *
 * - case_station_totals: one row per station — filed, accepted, open, paused, 通办 — the deltas of a
 *   statement summed per station (a state change that moves no counter writes nothing);
 * - case_due_rollups: running cases (accepted, in progress) with a due date, per station and due
 *   date, so "overdue" is a sum over the rows due before today. A row that falls to 0 is deleted in
 *   the same statement, so the table holds only running cases' due dates, not every date ever.
 *
 * case_figure_rollups and its fold are dropped; the second-request rollup is unchanged. The
 * trigger functions keep their names (PostgreSQL: replaced; SQLite: dropped and re-created).
 * Frozen with this migration; `doorstep rollups rebuild` keeps its own backfill.
 */
export const caseStationTotals: DialectMigration = {
  async up(db, dialect) {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    let totals = db.schema
      .createTable('case_station_totals')
      .addColumn('accepting_region_code', 'text', (c) => c.notNull())
      .addColumn('accepting_station_id', 'text', (c) => c.notNull());
    for (const n of COUNTERS) totals = totals.addColumn(n, big, (c) => c.notNull());
    await totals
      .addPrimaryKeyConstraint('case_station_totals_pk', [
        'accepting_region_code',
        'accepting_station_id',
      ])
      .execute();
    await db.schema
      .createTable('case_due_rollups')
      .addColumn('accepting_region_code', 'text', (c) => c.notNull())
      .addColumn('accepting_station_id', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('cases', big, (c) => c.notNull())
      .addPrimaryKeyConstraint('case_due_rollups_pk', [
        'accepting_region_code',
        'accepting_station_id',
        'due_date',
      ])
      .execute();
    if (dialect === 'postgres') await postgresTriggers(db);
    else await sqliteTriggers(db);
    await db.schema.dropTable('case_figure_rollups').execute();
    await sql.raw(BACKFILL_TOTALS).execute(db);
    await sql.raw(BACKFILL_DUE).execute(db);
  },
};

const COUNTERS = ['filed', 'accepted', 'open', 'paused', 'tongban'] as const;
const STATION = 'accepting_region_code, accepting_station_id';

/** A case's contribution to its station's counters (1 or 0 each; filed is the row itself). */
const counted = (r: Row) => `${r('accepting_region_code')} AS accepting_region_code,
  ${r('accepting_station_id')} AS accepting_station_id, 1 AS filed,
  CASE WHEN ${r('accepted_at')} IS NOT NULL THEN 1 ELSE 0 END AS accepted,
  CASE WHEN ${r('state')} IN ('accepted','in_progress','awaiting_supplement','suspended') THEN 1 ELSE 0 END AS open,
  CASE WHEN ${r('state')} = 'suspended' OR (${r('state')} = 'awaiting_supplement' AND ${r('accepted_at')} IS NOT NULL) THEN 1 ELSE 0 END AS paused,
  CASE WHEN ${r('is_tongban')} = 1 THEN 1 ELSE 0 END AS tongban`;

/** A running case with a due date: the clock that decides "overdue" (as the live figures). */
const running = (r: Row) =>
  `${r('state')} IN ('accepted','in_progress') AND ${r('due_date')} IS NOT NULL AND ${r('due_date')} > ''`;

function foldTotals(images: Image[]): string {
  const rows = images
    .map((i) => `SELECT ${counted(i.col)}, ${i.sign} AS d ${i.from}`)
    .join(' UNION ALL ');
  const sums = COUNTERS.map((n) => `SUM(d * ${n})`);
  return `INSERT INTO case_station_totals (${STATION}, ${COUNTERS.join(', ')})
    SELECT ${STATION}, ${sums.join(', ')} FROM (${rows}) x WHERE true
    GROUP BY ${STATION} HAVING ${sums.map((s) => `${s} <> 0`).join(' OR ')}
    ORDER BY ${STATION}
    ON CONFLICT (${STATION}) DO UPDATE SET ${COUNTERS.map(
      (n) => `${n} = case_station_totals.${n} + excluded.${n}`,
    ).join(', ')}`;
}

const dueRows = (images: Image[]) =>
  images
    .map(
      (i) => `SELECT ${i.col('accepting_region_code')} AS accepting_region_code,
        ${i.col('accepting_station_id')} AS accepting_station_id, ${i.col('due_date')} AS due_date,
        ${i.sign} AS d ${i.from} WHERE ${running(i.col)}`,
    )
    .join(' UNION ALL ');

function foldDue(images: Image[]): string[] {
  const key = `${STATION}, due_date`;
  return [
    `INSERT INTO case_due_rollups (${key}, cases)
      SELECT ${key}, SUM(d) FROM (${dueRows(images)}) x WHERE true
      GROUP BY ${key} HAVING SUM(d) <> 0 ORDER BY ${key}
      ON CONFLICT (${key}) DO UPDATE SET cases = case_due_rollups.cases + excluded.cases`,
    // The rows this statement brought to 0 (locked by its own upsert): no case is due then.
    `DELETE FROM case_due_rollups WHERE cases = 0
      AND (${key}) IN (SELECT ${key} FROM (${dueRows(images)}) x)`,
  ];
}

type Op = 'INSERT' | 'UPDATE' | 'DELETE';
const OPS: Op[] = ['INSERT', 'UPDATE', 'DELETE'];

function body(op: Op, images: Image[]): string[] {
  return [
    foldTotals(images),
    ...foldDue(images),
    ...(op === 'UPDATE' ? [foldCaseStations(images)] : []),
  ];
}

async function postgresTriggers(db: Kysely<unknown>) {
  for (const op of OPS) {
    const n: Image = { col: (c) => `n.${c}`, sign: 1, from: 'FROM new_rows n' };
    const o: Image = { col: (c) => `o.${c}`, sign: -1, from: 'FROM old_rows o' };
    const images = op === 'INSERT' ? [n] : op === 'DELETE' ? [o] : [n, o];
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION rollup_cases_${op.toLowerCase()}() RETURNS trigger
         LANGUAGE plpgsql AS $fn$
         BEGIN
           ${body(op, images)
             .map((s) => `${s};`)
             .join('\n')}
           RETURN NULL;
         END $fn$`,
      )
      .execute(db);
  }
}

async function sqliteTriggers(db: Kysely<unknown>) {
  for (const op of OPS) {
    const n: Image = { col: (c) => `NEW.${c}`, sign: 1, from: '' };
    const o: Image = { col: (c) => `OLD.${c}`, sign: -1, from: '' };
    const images = op === 'INSERT' ? [n] : op === 'DELETE' ? [o] : [n, o];
    const name = `rollup_cases_${op.toLowerCase()}`;
    await sql.raw(`DROP TRIGGER ${name}`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${name} AFTER ${op} ON cases FOR EACH ROW
         BEGIN ${body(op, images)
           .map((s) => `${s};`)
           .join('\n')} END`,
      )
      .execute(db);
  }
}

const BACKFILL_TOTALS = `INSERT INTO case_station_totals (${STATION}, ${COUNTERS.join(', ')})
  SELECT ${STATION}, ${COUNTERS.map((n) => `SUM(${n})`).join(', ')}
  FROM (SELECT ${counted((c) => `c.${c}`)} FROM cases c) x
  GROUP BY ${STATION}`;

const BACKFILL_DUE = `INSERT INTO case_due_rollups (${STATION}, due_date, cases)
  SELECT ${STATION}, due_date, COUNT(*) FROM cases c WHERE ${running((col) => `c.${col}`)}
  GROUP BY ${STATION}, due_date`;
