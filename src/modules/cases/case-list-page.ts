/**
 * Issue #16 point 5: the case list by keyset — newest first (created_at desc, id asc), through the
 * kernel's keyset paging (shared/keyset.ts): an opaque cursor after the last row, a total exact
 * when cheap and the planner's estimate when not (`totalExact` says which).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import {
  filteredCases,
  listedCases,
  presentCases,
  type CaseListFilter,
  type DeadlineOptions,
} from './case.view.ts';

export { EXACT_TOTAL_LIMIT } from '../../shared/keyset.ts';

export const CASE_ORDER: KeysetOrder = {
  list: 'cases',
  key: 'c.created_at',
  keyKind: 'timestamp',
  id: 'c.id',
  direction: 'desc',
};

export async function pageCases(
  db: Kysely<Database>,
  input: CaseListFilter & { limit: number; after?: string | undefined } & DeadlineOptions,
) {
  const after = cursorAfter(CASE_ORDER, input.after, 'CASE_CURSOR_INVALID');
  const q = filteredCases(db, input);
  if (!q) return { items: [], nextCursor: null, total: 0, totalExact: true };
  const rows = await keysetQuery(listedCases(q), CASE_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, CASE_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.select('c.id'));
  return { items: await presentCases(db, shown, input), nextCursor, total, totalExact };
}
