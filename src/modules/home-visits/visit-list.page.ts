/** Issue #16 p5: the home-visit list by keyset — newest first, as GET /home-visits, all of them. */
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { filteredVisits, presentVisits, type VisitDeps, type VisitFilter } from './visit-view.ts';

export const VISIT_ORDER: KeysetOrder = {
  list: 'home-visits',
  key: 'v.created_at',
  keyKind: 'timestamp',
  id: 'v.id',
  direction: 'desc',
};

export async function pageVisits(
  deps: VisitDeps,
  input: VisitFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(VISIT_ORDER, input.after);
  const q = filteredVisits(deps.db, input);
  if (!q) return { items: [], nextCursor: null, total: 0, totalExact: true };
  const rows = await keysetQuery(q, VISIT_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, VISIT_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(deps.db, q.clearSelect().select('v.id'));
  return { items: await presentVisits(deps, input.actor, shown), nextCursor, total, totalExact };
}
