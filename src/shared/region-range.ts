/**
 * Issue #16: "inside this region" as a range an index can walk. Scope is a code prefix
 * (region-code.ts); `region_code LIKE '110115110%'` reads naturally but PostgreSQL turns a LIKE
 * prefix into an index range only under the C collation or a `text_pattern_ops` index — under
 * C.UTF-8 or en_US.UTF-8 (the usual defaults) every such filter was a sequential scan (133 ms vs
 * 1.3 ms on 300,000 rows here). Codes are digits, and strings of digits compare digit by digit
 * under every collation, so `[prefix, next(prefix))` holds exactly the codes that start with the
 * prefix, on both dialects. Every scope filter on a region code goes through here
 * (list-paging's sibling, region-range.usage.test.ts, fails on a new `'like', \`${…}%\``).
 */
import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * The range of codes that start with `prefix`: from it (inclusive) to `below` (exclusive, or none);
 * null when the prefix is not digits (no code starts with it).
 */
export function prefixRange(prefix: string): { from: string; below: string | null } | null {
  if (!/^\d*$/.test(prefix)) return null;
  const digits = prefix.split('');
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    if (digits[i] !== '9') {
      digits[i] = String(Number(digits[i]) + 1);
      return { from: prefix, below: digits.slice(0, i + 1).join('') };
    }
  }
  // '', '9', '99…': nothing sorts after the last such code but longer codes that start with it.
  return { from: prefix, below: null };
}

/** `column` holds a code inside the region whose scope prefix is `prefix` ('' = everywhere). */
export function underPrefix(column: string, prefix: string): Expression<SqlBool> {
  const col = sql.ref(column);
  const range = prefixRange(prefix);
  if (range === null) return sql<SqlBool>`1 = 0`;
  const { from, below } = range;
  if (from === '') return sql<SqlBool>`${col} is not null`;
  if (below === null) return sql<SqlBool>`${col} >= ${from}`;
  return sql<SqlBool>`(${col} >= ${from} and ${col} < ${below})`;
}

/** `column` holds a code inside any of these regions (none: nothing matches). */
export function underAnyPrefix(column: string, prefixes: readonly string[]): Expression<SqlBool> {
  if (prefixes.length === 0) return sql<SqlBool>`1 = 0`;
  if (prefixes.length === 1) return underPrefix(column, prefixes[0]!);
  return sql<SqlBool>`(${sql.join(
    prefixes.map((p) => underPrefix(column, p)),
    sql` or `,
  )})`;
}
