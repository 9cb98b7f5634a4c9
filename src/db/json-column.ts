/**
 * Issue #12 point 5: a JSON column is parsed with a zod schema on the way out of the repository,
 * never cast. A stored value that is not JSON, or not of the expected shape, is a bug in the data
 * (a bad migration, a hand edit): it fails loudly as an internal error naming the column, so it
 * is never passed on as silent garbage.
 */
import type { z } from 'zod';

export class JsonColumnError extends Error {
  constructor(
    /** `table.column`, as in the row types. */
    readonly column: string,
    problem: string,
  ) {
    super(`stored JSON in ${column} is invalid: ${problem}`);
    this.name = 'JsonColumnError';
  }
}

export function parseJsonColumn<S extends z.ZodType>(
  schema: S,
  value: string,
  column: string,
): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch (err) {
    throw new JsonColumnError(column, (err as Error).message);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    throw new JsonColumnError(column, `${first?.message ?? 'does not match'}${where}`);
  }
  return parsed.data;
}

/** The same for a nullable column: null stays null. */
export function parseNullableJsonColumn<S extends z.ZodType>(
  schema: S,
  value: string | null,
  column: string,
): z.output<S> | null {
  return value === null ? null : parseJsonColumn(schema, value, column);
}
