/**
 * One rule for text in SQL LIKE (issue #16): what a person typed is matched literally. `%`, `_` and
 * `\` are escaped with `\`, and every LIKE built here says `ESCAPE '\'`, so a search for `50%` or
 * `a_b` finds that text and nothing else — the same on SQLite (no escape character unless told)
 * and PostgreSQL (whose default is `\` anyway). Every LIKE in src/ goes through `likeText`; the
 * guard like-pattern.usage.test.ts fails on any other.
 *
 * Case: the helper keeps each database's own LIKE rule — SQLite ignores ASCII case (not other
 * letters), PostgreSQL ignores none. A search that must ignore case on both lower-cases both sides
 * (`eb.fn('lower', [column])` and the text), as the accounts lists do, or searches a column stored
 * lower-case (the catalog's and the regions' search keys).
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type RawBuilder,
  type SqlBool,
  type StringReference,
} from 'kysely';

/** Where the text may sit in the value: anywhere, at its start, or at its end. */
export type LikeMatch = 'contains' | 'prefix' | 'suffix';

/** The text with LIKE's wildcards and its escape character escaped (`\` before each). Pure. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The LIKE pattern that finds `text` literally — anywhere, at the start or at the end. Pure. */
export function likePattern(text: string, match: LikeMatch = 'contains'): string {
  const literal = escapeLike(text);
  switch (match) {
    case 'contains':
      return `%${literal}%`;
    case 'prefix':
      return `${literal}%`;
    case 'suffix':
      return `%${literal}`;
  }
}

/**
 * `column LIKE pattern ESCAPE '\'`: the value holds `text` literally where `match` says. `column`
 * is a column (`'p.full_name'`) or an expression over one (`eb.fn('lower', ['a.username'])`).
 */
export function likeText<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: StringReference<DB, TB> | Expression<string | null>,
  text: string,
  match: LikeMatch = 'contains',
): RawBuilder<SqlBool> {
  const value = typeof column === 'string' ? eb.ref(column) : column;
  return sql<SqlBool>`${value} like ${likePattern(text, match)} escape '\\'`;
}
