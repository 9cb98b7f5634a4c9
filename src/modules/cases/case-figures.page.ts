/**
 * Issue #16 p5: the per-station case figures paged by keyset, beside GET /cases/figures. A whole
 * city's table is 7,500 stations — a megabyte and hundreds of milliseconds to build and send in one
 * answer — so a page picks its stations first (those with cases in the scope, in region-code then
 * id order, after the cursor) and reads only their rollup rows. The same rows, in the same order,
 * as the unpaged answer; the total is exact up to EXACT_TOTAL_LIMIT stations, else estimated.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import {
  AfterCursor,
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import {
  CaseFigureQuery,
  figureScope,
  figuresOfStations,
  lightWindow,
  stationTotalsInScope,
  type FigureInput,
} from './case-figures.ts';

export const STATION_FIGURES_ORDER: KeysetOrder = {
  list: 'case-figures',
  key: 's.region_code',
  keyKind: 'text',
  id: 's.id',
  direction: 'asc',
};

export const CaseFigurePageQuery = CaseFigureQuery.extend({
  after: AfterCursor,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The stations with cases filed in the scope: those the unpaged table has. */
function stationsWithCases(db: Kysely<Database>, prefixes: readonly string[], within: string) {
  return db
    .selectFrom('stations as s')
    .where(
      's.id',
      'in',
      stationTotalsInScope(db, prefixes, within).select('t.accepting_station_id'),
    );
}

export async function pageStationCaseFigures(
  db: Kysely<Database>,
  input: FigureInput & { after?: string | undefined; limit: number },
) {
  const { prefixes, within } = figureScope(input);
  const after = cursorAfter(STATION_FIGURES_ORDER, input.after);
  const stations = stationsWithCases(db, prefixes, within);
  const fetched = await keysetQuery(
    stations.select(['s.id', 's.region_code']),
    STATION_FIGURES_ORDER,
    after,
    input.limit,
  ).execute();
  const { shown, nextCursor } = pageOf(fetched, input.limit, STATION_FIGURES_ORDER, (r) => ({
    key: r.region_code,
    id: r.id,
  }));
  const window = await lightWindow(db, input);
  const items = await figuresOfStations(
    db,
    prefixes,
    within,
    window,
    shown.map((r) => r.id),
  );
  return { items, nextCursor, ...(await listTotal(db, stations.select('s.id'))) };
}
