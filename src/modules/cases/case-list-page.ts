/**
 * Issue #16 point 5: the case list by keyset — newest first (created_at desc, id asc), the next
 * page after an opaque cursor that encodes the last row's sort key and id, so page 1,000 costs what
 * page 1 costs and a case filed meanwhile never shifts a row onto two pages. The total is exact
 * when cheap (counted through the index, at most 10,000 rows), else PostgreSQL's planner estimate
 * for the same query; `totalExact` says which. SQLite counts exactly.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import {
  filteredCases,
  listedCases,
  presentCases,
  type CaseListFilter,
  type DeadlineOptions,
} from './case.view.ts';

/** Counted exactly up to this many rows; above it, estimated on PostgreSQL. */
export const EXACT_TOTAL_LIMIT = 10_000;

export interface CaseCursor {
  createdAt: string;
  id: string;
}

export function encodeCaseCursor(c: CaseCursor): string {
  return Buffer.from(`${c.createdAt}|${c.id}`).toString('base64url');
}

/** The cursor, or null when it is not one we made (a 400, never a 500). */
export function decodeCaseCursor(text: string): CaseCursor | null {
  const [createdAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (
    rest.length > 0 ||
    !createdAt ||
    !id ||
    !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(createdAt) ||
    Number.isNaN(Date.parse(createdAt)) ||
    !/^[0-9a-f-]{36}$/i.test(id)
  )
    return null;
  return { createdAt, id };
}

/** EXPLAIN (FORMAT JSON) as the pg driver hands it back (a json value, already parsed). */
const ExplainJson = z.tuple([z.object({ Plan: z.object({ 'Plan Rows': z.number() }) })]);

type Filtered = NonNullable<ReturnType<typeof filteredCases>>;

async function countCases(
  db: Kysely<Database>,
  q: Filtered,
): Promise<{ total: number; totalExact: boolean }> {
  const capped = q.select('c.id').limit(EXACT_TOTAL_LIMIT + 1);
  const row = await db
    .selectFrom(capped.as('t'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  if (n <= EXACT_TOTAL_LIMIT || !(db.getExecutor().adapter instanceof PostgresAdapter))
    return n <= EXACT_TOTAL_LIMIT
      ? { total: n, totalExact: true }
      : { total: await exactCount(db, q), totalExact: true };
  // PostgreSQL: the planner's row estimate of the uncapped query (statistics, not a scan).
  const compiled = q.select('c.id').compile();
  const plan = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) ${sql.raw(
    inline(compiled.sql, compiled.parameters),
  )}`.execute(db);
  const parsed = ExplainJson.parse(plan.rows[0]?.['QUERY PLAN']);
  return { total: Math.max(n, Math.round(parsed[0].Plan['Plan Rows'])), totalExact: false };
}

async function exactCount(db: Kysely<Database>, q: Filtered): Promise<number> {
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** EXPLAIN takes no bind parameters: the values inlined as literals (strings quoted). */
function inline(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_m, i: string) => {
    const v = parameters[Number(i) - 1];
    if (typeof v === 'number') return String(v);
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}

export async function pageCases(
  db: Kysely<Database>,
  input: CaseListFilter & { limit: number; after?: string | undefined } & DeadlineOptions,
) {
  const after = input.after === undefined ? null : decodeCaseCursor(input.after);
  if (input.after !== undefined && after === null) throw new AppError('CASE_CURSOR_INVALID');
  const q = filteredCases(db, input);
  if (!q) return { items: [], nextCursor: null, total: 0, totalExact: true };
  let page = listedCases(q);
  // The bound alone lets an index start at the cursor (an OR of two branches would not).
  if (after)
    page = page
      .where('c.created_at', '<=', after.createdAt)
      .where((eb) =>
        eb.or([
          eb('c.created_at', '<', after.createdAt),
          eb.and([eb('c.created_at', '=', after.createdAt), eb('c.id', '>', after.id)]),
        ]),
      );
  const rows = await page
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(input.limit + 1)
    .execute();
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;
  const last = shown.at(-1);
  const { total, totalExact } = await countCases(db, q);
  return {
    items: await presentCases(db, shown, input),
    nextCursor: more && last ? encodeCaseCursor({ createdAt: last.created_at, id: last.id }) : null,
    total,
    totalExact,
  };
}
