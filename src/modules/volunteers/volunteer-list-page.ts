/**
 * Issue #16 point 5: the volunteer registry by keyset — by home region, then volunteer number
 * (unique), as the offset list — on the tuple keyset (shared/keyset-tuple.ts): an opaque cursor
 * after the last row, a total exact when cheap and estimated when not (`totalExact` says which).
 */
import { listTotal } from '../../shared/keyset.ts';
import {
  tupleCursorAfter,
  tupleKeysetQuery,
  tuplePageOf,
  type TupleKeysetOrder,
} from '../../shared/keyset-tuple.ts';
import {
  filteredVolunteers,
  volunteerView,
  type VolunteerDeps,
  type VolunteerFilter,
} from './volunteers.service.ts';

export const VOLUNTEER_ORDER: TupleKeysetOrder = {
  list: 'volunteers',
  columns: [
    { column: 'v.home_region_code', kind: 'text' },
    { column: 'v.volunteer_number', kind: 'text' },
  ],
};

export async function pageVolunteers(
  deps: VolunteerDeps,
  input: VolunteerFilter & { limit: number; after?: string | undefined },
) {
  const after = tupleCursorAfter(VOLUNTEER_ORDER, input.after);
  const q = await filteredVolunteers(deps, input);
  const rows = await tupleKeysetQuery(q, VOLUNTEER_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = tuplePageOf(rows, input.limit, VOLUNTEER_ORDER, (r) => [
    r.home_region_code,
    r.volunteer_number,
  ]);
  const { total, totalExact } = await listTotal(deps.db, q.clearSelect().select('v.id'));
  return { items: shown.map((r) => volunteerView(r, input.now)), nextCursor, total, totalExact };
}
