/**
 * Issue #16 point 5: "accepted inside this region" for the case lists, written so an index gives
 * the list's order (created_at desc, id): a village's full code as equality (cases_region_created),
 * a town's scope as its code's first 9 digits — the expression of cases_town_created (migration
 * 0061), which the planner matches only when written the same way — and anything wider as a range
 * (shared/region-range.ts; a district's pages walk cases_created_id and keep their rows).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { underPrefix } from '../../shared/region-range.ts';

const TOWN = /^\d{9}$/;

export function acceptedInside(prefix: string): Expression<SqlBool> {
  const code = sql.ref('c.accepting_region_code');
  if (prefix.length >= 12) return sql<SqlBool>`${code} = ${prefix}`;
  if (TOWN.test(prefix)) return sql<SqlBool>`substr(${code}, 1, 9) = ${prefix}`;
  return underPrefix('c.accepting_region_code', prefix);
}
