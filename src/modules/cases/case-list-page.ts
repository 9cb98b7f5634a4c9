/**
 * Issue #16 point 5: the case list by keyset — newest first (created_at desc, id asc), or the
 * overdue list by due date, longest overdue first (due_date asc, id asc; partial index
 * `cases_running_due`, migration 0065) — through the kernel's keyset paging (shared/keyset.ts): an
 * opaque cursor after the last row, a total exact when cheap and the planner's estimate when not
 * (`totalExact` says which).
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../shared/problem.ts';
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

/** The overdue cases, longest overdue first: every one has a due date (the overdue filter). */
export const CASE_DUE_ORDER: KeysetOrder = {
  list: 'cases-due',
  key: 'c.due_date',
  keyKind: 'text',
  id: 'c.id',
  direction: 'asc',
};

export async function pageCases(
  db: Kysely<Database>,
  input: CaseListFilter & {
    limit: number;
    after?: string | undefined;
    order?: 'newest' | 'due' | undefined;
  } & DeadlineOptions,
) {
  const byDue = input.order === 'due';
  if (byDue && input.overdue !== true) throw new AppError('CASE_ORDER_NEEDS_OVERDUE');
  const order = byDue ? CASE_DUE_ORDER : CASE_ORDER;
  const after = cursorAfter(order, input.after, 'CASE_CURSOR_INVALID');
  const q = filteredCases(db, input);
  if (!q) return { items: [], nextCursor: null, total: 0, totalExact: true };
  const rows = await keysetQuery(listedCases(q), order, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, order, (r) => ({
    key: byDue ? (r.due_date ?? '') : r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.select('c.id'));
  return { items: await presentCases(db, shown, input), nextCursor, total, totalExact };
}
