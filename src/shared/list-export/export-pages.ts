/**
 * Row sources of a list export: they page through the list's own query (the same function the
 * list endpoint calls, with the same filters and scope), one batch at a time — never one array.
 */

/** Rows per query while exporting (the lists' own pages stop at 200). */
export const EXPORT_BATCH = 1000;

/** By limit/offset, for lists that page that way; stops at the first short page. */
export async function* offsetPages<R>(
  page: (limit: number, offset: number) => Promise<readonly R[]>,
  batch = EXPORT_BATCH,
): AsyncGenerator<readonly R[]> {
  for (let offset = 0; ; offset += batch) {
    const rows = await page(batch, offset);
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
  }
}

/** By a key (e.g. the audit log's `beforeSeq`): each page starts after the last row's key. */
export async function* keysetPages<R, K>(
  page: (limit: number, after: K | undefined) => Promise<readonly R[]>,
  keyOf: (row: R) => K,
  batch = EXPORT_BATCH,
): AsyncGenerator<readonly R[]> {
  let after: K | undefined;
  for (;;) {
    const rows = await page(batch, after);
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** A list that is not paged (bounded by its own rules): its one answer as one batch. */
export async function* wholeList<R>(
  list: () => Promise<readonly R[]>,
): AsyncGenerator<readonly R[]> {
  const rows = await list();
  if (rows.length > 0) yield rows;
}

/**
 * Takes the first batch now (so a refused filter or scope fails before any byte is sent) and
 * hands back an iterable that replays it, then the rest.
 */
export async function primed<R>(
  source: AsyncIterable<readonly R[]>,
): Promise<AsyncIterable<readonly R[]>> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    },
  };
}
