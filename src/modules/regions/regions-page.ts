/**
 * Issue #16 point 5: regions and stations by keyset, ordered as their offset lists — regions by
 * code, stations by region, kind and id — on the tuple keyset (shared/keyset-tuple.ts): an opaque
 * cursor after the last row, a total exact when cheap and estimated when not (`totalExact`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listTotal } from '../../shared/keyset.ts';
import {
  tupleCursorAfter,
  tupleKeysetQuery,
  tuplePageOf,
  type TupleKeysetOrder,
} from '../../shared/keyset-tuple.ts';
import {
  filteredStations,
  regionsUnder,
  regionViews,
  searchedRegions,
  stationView,
  type StationFilter,
} from './regions.service.ts';

export const REGION_ORDER: TupleKeysetOrder = {
  list: 'regions',
  columns: [{ column: 'r.code', kind: 'text' }],
};

export const STATION_ORDER: TupleKeysetOrder = {
  list: 'stations',
  columns: [
    { column: 's.region_code', kind: 'text' },
    { column: 's.kind', kind: 'text' },
    { column: 's.id', kind: 'uuid' },
  ],
};

/** With q: the search (inside `within`); without: the children of `parent` (top level if none). */
export async function pageRegions(
  db: Kysely<Database>,
  input: {
    parent?: string | undefined;
    q?: string | undefined;
    within?: string | undefined;
    limit: number;
    after?: string | undefined;
  },
) {
  const after = tupleCursorAfter(REGION_ORDER, input.after);
  const q =
    input.q === undefined
      ? regionsUnder(db, input.parent ?? null)
      : await searchedRegions(db, { q: input.q, within: input.within });
  const rows = await tupleKeysetQuery(q, REGION_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = tuplePageOf(rows, input.limit, REGION_ORDER, (r) => [r.code]);
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('r.code'));
  return { items: await regionViews(db, shown), nextCursor, total, totalExact };
}

export async function pageStations(
  db: Kysely<Database>,
  input: StationFilter & { limit: number; after?: string | undefined },
) {
  const after = tupleCursorAfter(STATION_ORDER, input.after);
  const q = await filteredStations(db, input);
  const rows = await tupleKeysetQuery(q, STATION_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = tuplePageOf(rows, input.limit, STATION_ORDER, (r) => [
    r.region_code,
    r.kind,
    r.id,
  ]);
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('s.id'));
  return { items: shown.map(stationView), nextCursor, total, totalExact };
}
