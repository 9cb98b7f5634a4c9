/**
 * Issue #16 point 5: keyset pagination, written once for every list. A list is ordered by one sort
 * column and its id (the tie-breaker); the next page starts after an opaque cursor that carries the
 * last row's sort value and id, so page 1,000 costs what page 1 costs and a row written meanwhile
 * never shifts another onto two pages. The total is exact when cheap (counted, at most
 * EXACT_TOTAL_LIMIT rows), else PostgreSQL's planner estimate for the same query — `totalExact`
 * says which; SQLite always counts exactly (it has no estimate to give).
 */
import { PostgresAdapter, sql, type QueryExecutorProvider, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { AppError, type ProblemCode } from './problem.ts';
import { isUuid } from './uuid.ts';

/** Counted exactly up to this many rows; above it, estimated on PostgreSQL. */
export const EXACT_TOTAL_LIMIT = 10_000;

/** What the sort column holds, so a cursor's value is checked before it reaches SQL. */
export type KeysetKeyKind = 'timestamp' | 'integer' | 'text';

/**
 * How a list is ordered: `key` (then `then.key` in the same direction, when given), then `id` to
 * break ties (ascending unless `idDirection` says otherwise), all as qualified columns.
 */
export interface KeysetOrder {
  /** Names the list inside the cursor, so one list's cursor is refused by another. */
  list: string;
  key: string;
  keyKind: KeysetKeyKind;
  /** A second sort column before the id (e.g. teams: region, then creation time). */
  then?: { key: string; keyKind: KeysetKeyKind } | undefined;
  id: string;
  /** What the id holds: a UUID (the default) or an integer row number (the audit's seq). */
  idKind?: 'uuid' | 'integer' | undefined;
  /** The tie-breaker's direction; ascending unless a list's own order says otherwise. */
  idDirection?: 'asc' | 'desc' | undefined;
  direction: 'asc' | 'desc';
}

export interface KeysetCursor {
  key: string | number;
  /** The value of `then.key` (lists ordered by two columns). */
  then?: string | number | undefined;
  id: string | number;
}

/** A page of a keyset list as every `/page` route answers it. */
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** What one value inside a cursor holds (a sort key's kind, or an id's), checked before SQL. */
export type CursorValueKind = KeysetKeyKind | 'uuid';

/** Whether a value read from a cursor is one of its kind (a text key at most 200 characters). */
export function validCursorValue(kind: CursorValueKind, v: unknown): v is string | number {
  switch (kind) {
    case 'timestamp':
      return typeof v === 'string' && ISO_UTC.test(v) && !Number.isNaN(Date.parse(v));
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'text':
      return typeof v === 'string' && v.length <= 200;
    case 'uuid':
      return typeof v === 'string' && isUuid(v);
  }
}

/**
 * Every cursor, of this kernel's lists and of the tuple lists (keyset-tuple.ts): base64url JSON of
 * an array whose first element names the list. The client has no reason to read it.
 */
export function encodeCursorParts(list: string, parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify([list, ...parts])).toString('base64url');
}

/**
 * The one decoder of cursors: the parts after the list's name, or null when the text is not a
 * cursor this list made (too long, not base64url JSON, not an array, another list's name).
 */
export function decodeCursorParts(list: string, text: string): unknown[] | null {
  if (text.length > 400 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const [name, ...parts] = parsed as unknown[];
  return name === list ? parts : null;
}

/**
 * The `after` parameter of every `/page` route: undefined → the first page; text `decode` refuses
 * (anything we did not make) → the list's problem (400, CURSOR_INVALID unless it names its own),
 * never a 500.
 */
export function afterCursor<C>(
  after: string | undefined,
  decode: (text: string) => C | null,
  problem: ProblemCode = 'CURSOR_INVALID',
): C | null {
  if (after === undefined) return null;
  const c = decode(after);
  if (c === null) throw new AppError(problem);
  return c;
}

/** The cursor as the client sees it: base64url text it has no reason to read. */
export function encodeCursor(order: KeysetOrder, c: KeysetCursor): string {
  return encodeCursorParts(order.list, order.then ? [c.key, c.id, c.then] : [c.key, c.id]);
}

/** The cursor, or null when it is not one this list made (edited, truncated, another list's). */
export function decodeCursor(order: KeysetOrder, text: string): KeysetCursor | null {
  const parts = decodeCursorParts(order.list, text);
  if (!parts || parts.length !== (order.then ? 3 : 2)) return null;
  const [key, id, then] = parts;
  if (!validCursorValue(order.keyKind, key)) return null;
  if (!validCursorValue(order.idKind === 'integer' ? 'integer' : 'uuid', id)) return null;
  if (!order.then) return { key, id };
  if (!validCursorValue(order.then.keyKind, then)) return null;
  return { key, then, id };
}

/**
 * The `after` parameter as a cursor: undefined → the first page; anything we did not make → the
 * list's problem (400), never a 500.
 */
export function cursorAfter(
  order: KeysetOrder,
  after: string | undefined,
  problem: ProblemCode = 'CURSOR_INVALID',
): KeysetCursor | null {
  return afterCursor(after, (text) => decodeCursor(order, text), problem);
}

/**
 * The page's rows after the cursor, in the list's order. The bound on the key alone lets an index
 * start at the cursor (an OR of two branches would not); the OR then settles ties by id.
 */
export function keysetQuery<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  order: KeysetOrder,
  after: KeysetCursor | null,
  limit: number,
): SelectQueryBuilder<DB, TB, O> {
  const key = sql.ref(order.key);
  const id = sql.ref(order.id);
  const idDirection = order.idDirection ?? 'asc';
  let page = q;
  if (after) {
    const bound = order.direction === 'desc' ? sql.raw('<=') : sql.raw('>=');
    const past = order.direction === 'desc' ? sql.raw('<') : sql.raw('>');
    const idPast = idDirection === 'desc' ? sql.raw('<') : sql.raw('>');
    let tie = sql<boolean>`${id} ${idPast} ${after.id}`;
    if (order.then) {
      const then = sql.ref(order.then.key);
      tie = sql<boolean>`(${then} ${past} ${after.then} or (${then} = ${after.then} and ${tie}))`;
    }
    page = page
      .where(sql<boolean>`${key} ${bound} ${after.key}`)
      .where(sql<boolean>`(${key} ${past} ${after.key} or (${key} = ${after.key} and ${tie}))`);
  }
  page = page.orderBy(key, order.direction);
  if (order.then) page = page.orderBy(sql.ref(order.then.key), order.direction);
  return page.orderBy(id, idDirection).limit(limit + 1);
}

/**
 * Cuts the fetched rows (limit + 1 were asked for) to the page and makes the next cursor from the
 * last row shown, or null on the last page.
 */
export function pageOf<R>(
  rows: readonly R[],
  limit: number,
  order: KeysetOrder,
  cursorOf: (row: R) => KeysetCursor,
): { shown: R[]; nextCursor: string | null } {
  return cutPage(rows, limit, (last) => encodeCursor(order, cursorOf(last)));
}

/** The page of limit + 1 fetched rows, with `encode` making the next cursor from the last shown. */
export function cutPage<R>(
  rows: readonly R[],
  limit: number,
  encode: (last: R) => string,
): { shown: R[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { shown, nextCursor: rows.length > limit && last !== undefined ? encode(last) : null };
}

/** EXPLAIN (FORMAT JSON) as the pg driver hands it back (a json value, already parsed). */
const ExplainJson = z.tuple([z.object({ Plan: z.object({ 'Plan Rows': z.number() }) })]);

/**
 * The list's total: `rows` is the filtered query selecting one column (no order, no limit).
 * Exact up to EXACT_TOTAL_LIMIT; past it, PostgreSQL's planner estimate (statistics, not a scan)
 * with totalExact false, and SQLite's full count.
 */
export async function listTotal<DB, TB extends keyof DB, O>(
  db: QueryExecutorProvider,
  rows: SelectQueryBuilder<DB, TB, O>,
): Promise<{ total: number; totalExact: boolean }> {
  // A query inside sql`` is compiled in parentheses: `from ${q} as t` is a derived table.
  const capped = await sql<{ n: number | string }>`select count(*) as n from ${rows.limit(
    EXACT_TOTAL_LIMIT + 1,
  )} as keyset_total`.execute(db);
  const n = Number(capped.rows[0]?.n ?? 0);
  if (n <= EXACT_TOTAL_LIMIT) return { total: n, totalExact: true };
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    const all = await sql<{
      n: number | string;
    }>`select count(*) as n from ${rows} as keyset_total`.execute(db);
    return { total: Number(all.rows[0]?.n ?? 0), totalExact: true };
  }
  const compiled = rows.compile();
  const plan = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) ${sql.raw(
    inlineParameters(compiled.sql, compiled.parameters),
  )}`.execute(db);
  const parsed = ExplainJson.parse(plan.rows[0]?.['QUERY PLAN']);
  return { total: Math.max(n, Math.round(parsed[0].Plan['Plan Rows'])), totalExact: false };
}

/** EXPLAIN takes no bind parameters: the values inlined as PostgreSQL literals. */
export function inlineParameters(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_m, i: string) => literal(parameters[Number(i) - 1]));
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (Array.isArray(v)) return `array[${v.map(literal).join(',')}]`;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return `'${text.replace(/'/g, "''")}'`;
}

/** The `after` parameter of every `/page` route: the previous page's nextCursor. */
export const AfterCursor = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/, 'the nextCursor of the previous page')
  .optional();

/** A `/page` route's answer: the page, the next cursor (null on the last), the total and which. */
export function keysetPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    totalExact: z.boolean(),
  });
}
