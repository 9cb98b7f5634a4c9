/**
 * Issue #16 point 5: the resident registry by keyset — by home region, then name, then id, as the
 * offset list — on the tuple keyset (shared/keyset-tuple.ts): an opaque cursor after the last
 * row, a total exact when cheap and the planner's estimate when not (`totalExact` says which).
 */
import { listTotal } from '../../shared/keyset.ts';
import {
  tupleCursorAfter,
  tupleKeysetQuery,
  tuplePageOf,
  type TupleKeysetOrder,
} from '../../shared/keyset-tuple.ts';
import {
  filteredResidents,
  residentView,
  type ResidentDeps,
  type ResidentListFilter,
} from './residents.service.ts';

export const RESIDENT_ORDER: TupleKeysetOrder = {
  list: 'residents',
  columns: [
    { column: 'p.home_region_code', kind: 'text' },
    { column: 'p.full_name', kind: 'text' },
    { column: 'p.id', kind: 'uuid' },
  ],
};

export async function pageResidents(
  deps: ResidentDeps,
  input: ResidentListFilter & { limit: number; after?: string | undefined },
) {
  const after = tupleCursorAfter(RESIDENT_ORDER, input.after);
  const q = await filteredResidents(deps, input);
  const rows = await tupleKeysetQuery(q, RESIDENT_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = tuplePageOf(rows, input.limit, RESIDENT_ORDER, (r) => [
    r.home_region_code,
    r.full_name,
    r.id,
  ]);
  const { total, totalExact } = await listTotal(deps.db, q.clearSelect().select('p.id'));
  return { items: shown.map(residentView), nextCursor, total, totalExact };
}
