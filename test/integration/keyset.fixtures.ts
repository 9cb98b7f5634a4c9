/**
 * Issue #16 point 5: walking a keyset list (`<list>/page`) page by page, optionally writing rows
 * while it pages, and the checks every moved list must pass.
 */
import { expect } from 'vitest';
import type { Client } from '../helpers/test-app.ts';

export interface KeysetPageAnswer {
  items: { id: string }[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}

/** Every page of `url` (which may carry filters), `limit` rows each; `during` runs beside each. */
export async function walkPages(
  who: Client,
  url: string,
  limit: number,
  during?: () => Promise<unknown>,
): Promise<{ ids: string[]; pages: KeysetPageAnswer[] }> {
  const ids: string[] = [];
  const pages: KeysetPageAnswer[] = [];
  let cursor: string | null = null;
  const sep = url.includes('?') ? '&' : '?';
  do {
    const next: string = `${url}${sep}limit=${limit}${cursor ? `&after=${cursor}` : ''}`;
    const [res] = await Promise.all([who.call('GET', next), during?.()]);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<KeysetPageAnswer>();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page);
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 200);
  return { ids, pages };
}

/**
 * The keyset contract on one list: walking it returns the offset list's rows once each in the same
 * order; under concurrent writes no row comes twice and every row there at the start comes; the
 * total is exact here; a cursor we did not make, or another list's, is a 400 CURSOR_INVALID.
 */
export async function expectKeysetContract(opts: {
  who: Client;
  /** The offset list, e.g. `/api/v1/inquiries?status=open` (limit=200 is added). */
  offsetUrl: string;
  /** The keyset list with the same filters, e.g. `/api/v1/inquiries/page?status=open`. */
  pageUrl: string;
  /** Writes one more row of the list (run beside each page request). */
  write: () => Promise<unknown>;
  /** A cursor of another list, which this one must refuse. */
  foreignCursor: string;
}) {
  const sep = opts.offsetUrl.includes('?') ? '&' : '?';
  const offsetIds = async () =>
    (await opts.who.call('GET', `${opts.offsetUrl}${sep}limit=200`))
      .json<{ id: string }[]>()
      .map((r) => r.id);

  const before = await offsetIds();
  expect(before.length).toBeGreaterThan(6);
  const quiet = await walkPages(opts.who, opts.pageUrl, 3);
  expect(quiet.ids).toEqual(before); // the same rows, the same order, each once
  expect(quiet.pages.length).toBe(Math.ceil(before.length / 3));
  expect(quiet.pages.at(-1)!.nextCursor).toBeNull();
  for (const p of quiet.pages) expect(p).toMatchObject({ total: before.length, totalExact: true });

  const busy = await walkPages(opts.who, opts.pageUrl, 3, opts.write);
  expect(new Set(busy.ids).size).toBe(busy.ids.length); // no row twice
  for (const id of before) expect(busy.ids).toContain(id); // no row lost
  expect((await offsetIds()).length).toBeGreaterThan(before.length); // rows were really written

  const refused = async (after: string) => {
    const sepP = opts.pageUrl.includes('?') ? '&' : '?';
    const res = await opts.who.call('GET', `${opts.pageUrl}${sepP}after=${after}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ code: string }>().code).toMatch(/CURSOR_INVALID$/);
  };
  await refused('bm90LWEtY3Vyc29y'); // "not-a-cursor"
  await refused(opts.foreignCursor);
  const last = quiet.pages[0]!.nextCursor!;
  await refused(last.slice(0, -4)); // truncated
}
