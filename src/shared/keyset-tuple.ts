/**
 * Issue #16 point 5: keyset paging of a list ordered by several ascending columns — residents by
 * home region then name then id, stations by region then kind then id, regions by code — which the
 * one-key kernel (keyset.ts: one sort column and an id) cannot express. Everything else is the
 * kernel's: an opaque cursor naming its list, decoded by the kernel's one decoder (another list's,
 * or an edited one, is a 400 CURSOR_INVALID), limit + 1 rows fetched, `listTotal` for the total and whether it is exact.
 */
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import {
  afterCursor,
  cutPage,
  decodeCursorParts,
  encodeCursorParts,
  validCursorValue,
  type CursorValueKind,
} from './keyset.ts';
import type { ProblemCode } from './problem.ts';

/** What an ordering column holds, so a cursor's value is checked before it reaches SQL. */
export type TupleKeyKind = CursorValueKind;

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

export function encodeTupleCursor(order: TupleKeysetOrder, values: TupleCursor): string {
  return encodeCursorParts(order.list, [values]);
}

/** The cursor's values, or null when it is not one this list made (keyset.ts decodes the text). */
export function decodeTupleCursor(order: TupleKeysetOrder, text: string): TupleCursor | null {
  const parts = decodeCursorParts(order.list, text);
  if (!parts || parts.length !== 1) return null;
  const [values] = parts;
  if (!Array.isArray(values) || values.length !== order.columns.length) return null;
  const checked: (string | number)[] = [];
  for (const [i, c] of order.columns.entries()) {
    const v: unknown = values[i];
    if (!validCursorValue(c.kind, v)) return null;
    checked.push(v);
  }
  return checked;
}

/** The `after` parameter as a cursor: undefined → the first page; anything else we did not make → 400. */
export function tupleCursorAfter(
  order: TupleKeysetOrder,
  after: string | undefined,
  problem: ProblemCode = 'CURSOR_INVALID',
): TupleCursor | null {
  return afterCursor(after, (text) => decodeTupleCursor(order, text), problem);
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
