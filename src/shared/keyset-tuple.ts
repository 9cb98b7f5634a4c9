/**
 * Issue #16 point 5: keyset paging of a list ordered by several ascending columns — residents by
 * home region then name then id, stations by region then kind then id, regions by code — which the
 * one-key kernel (keyset.ts: one sort column and an id) cannot express. Everything else is the
 * kernel's: an opaque cursor naming its list (another list's, or an edited one, is a 400
 * CURSOR_INVALID), limit + 1 rows fetched, `listTotal` for the total and whether it is exact.
 */
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import { cutPage } from './keyset.ts';
import { AppError, type ProblemCode } from './problem.ts';

/** What an ordering column holds, so a cursor's value is checked before it reaches SQL. */
export type TupleKeyKind = 'text' | 'integer' | 'uuid';

/**
 * A list ordered by `columns`, left to right, each ascending unless it says `desc` (the VS lists:
 * active first); the last one is unique (the id).
 */
export interface TupleKeysetOrder {
  /** Names the list inside the cursor, so one list's cursor is refused by another. */
  list: string;
  columns: readonly {
    column: string;
    kind: TupleKeyKind;
    direction?: 'asc' | 'desc' | undefined;
  }[];
}

/** The last shown row's values of the ordering columns, in the order's column order. */
export type TupleCursor = readonly (string | number)[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CursorJson = z.tuple([z.string(), z.array(z.union([z.string(), z.number()]))]);

export function encodeTupleCursor(order: TupleKeysetOrder, values: TupleCursor): string {
  return Buffer.from(JSON.stringify([order.list, values])).toString('base64url');
}

function validValue(kind: TupleKeyKind, v: string | number): boolean {
  switch (kind) {
    case 'text':
      return typeof v === 'string' && v.length <= 200;
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'uuid':
      return typeof v === 'string' && UUID.test(v);
  }
}

/** The cursor's values, or null when it is not one this list made. */
export function decodeTupleCursor(order: TupleKeysetOrder, text: string): TupleCursor | null {
  if (text.length > 400 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const r = CursorJson.safeParse(parsed);
  if (!r.success) return null;
  const [list, values] = r.data;
  if (list !== order.list || values.length !== order.columns.length) return null;
  const ok = order.columns.every((c, i) => {
    const v = values[i];
    return v !== undefined && validValue(c.kind, v);
  });
  return ok ? values : null;
}

/** The `after` parameter as a cursor: undefined → the first page; anything else we did not make → 400. */
export function tupleCursorAfter(
  order: TupleKeysetOrder,
  after: string | undefined,
  problem: ProblemCode = 'CURSOR_INVALID',
): TupleCursor | null {
  if (after === undefined) return null;
  const c = decodeTupleCursor(order, after);
  if (!c) throw new AppError(problem);
  return c;
}

/**
 * (c[i], …, c[n]) past (v[i], …, v[n]) in the order — each column `>` its value, or `<` when it
 * runs descending — written out (row comparison is not portable, nor mixed directions).
 */
function after(order: TupleKeysetOrder, values: TupleCursor, i: number): Expression<SqlBool> {
  const c = order.columns[i]!;
  const col = sql.ref(c.column);
  const past = sql.raw(c.direction === 'desc' ? '<' : '>');
  const v = values[i]!;
  if (i === order.columns.length - 1) return sql<SqlBool>`${col} ${past} ${v}`;
  return sql<SqlBool>`(${col} ${past} ${v} or (${col} = ${v} and ${after(order, values, i + 1)}))`;
}

/**
 * The page's rows after the cursor, in the list's order. The bound on the first column alone lets
 * an index on the order's columns start at the cursor; the nested OR then settles the rest.
 */
export function tupleKeysetQuery<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  order: TupleKeysetOrder,
  cursor: TupleCursor | null,
  limit: number,
): SelectQueryBuilder<DB, TB, O> {
  let page = q;
  if (cursor) {
    const head = order.columns[0]!;
    const bound = sql.raw(head.direction === 'desc' ? '<=' : '>=');
    page = page
      .where(sql<SqlBool>`${sql.ref(head.column)} ${bound} ${cursor[0]!}`)
      .where(after(order, cursor, 0));
  }
  for (const c of order.columns) page = page.orderBy(sql.ref(c.column), c.direction ?? 'asc');
  return page.limit(limit + 1);
}

/** Cuts the fetched rows (limit + 1) to the page; the next cursor from the last row shown. */
export function tuplePageOf<R>(
  rows: readonly R[],
  limit: number,
  order: TupleKeysetOrder,
  cursorOf: (row: R) => TupleCursor,
): { shown: R[]; nextCursor: string | null } {
  return cutPage(rows, limit, (last) => encodeTupleCursor(order, cursorOf(last)));
}
