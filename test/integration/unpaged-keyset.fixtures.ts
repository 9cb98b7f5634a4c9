/**
 * Issue #16 point 5 for lists that had no paging (H4): the keyset contract of
 * keyset.fixtures.ts against the unpaged list itself (it takes no limit/offset) — walking
 * `<list>/page` returns the unpaged list's rows once each in its order; under concurrent writes no
 * row comes twice and every row there at the start comes; the total is exact; a cursor we did not
 * make, or another list's, is a 400 CURSOR_INVALID.
 */
import { expect } from 'vitest';
import type { Client } from '../helpers/test-app.ts';
import { walkPages } from './keyset.fixtures.ts';

export async function expectUnpagedKeysetContract(opts: {
  who: Client;
  /** The unpaged list, e.g. `/api/v1/vs/teams?category=skills`. */
  listUrl: string;
  /** The keyset list with the same filters, e.g. `/api/v1/vs/teams/page?category=skills`. */
  pageUrl: string;
  /** Writes one more row of the list (run beside each page request). */
  write: () => Promise<unknown>;
  /** A cursor of another list, which this one must refuse. */
  foreignCursor: string;
  /** Rows per page (3 unless the list is long). */
  limit?: number;
}) {
  const limit = opts.limit ?? 3;
  const listIds = async () => {
    const res = await opts.who.call('GET', opts.listUrl);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ id: string }[]>().map((r) => r.id);
  };
  const before = await listIds();
  expect(before.length).toBeGreaterThan(6);
  const quiet = await walkPages(opts.who, opts.pageUrl, limit);
  expect(quiet.ids).toEqual(before); // the same rows, the same order, each once
  expect(quiet.pages.length).toBe(Math.ceil(before.length / limit));
  expect(quiet.pages.at(-1)!.nextCursor).toBeNull();
  for (const p of quiet.pages) expect(p).toMatchObject({ total: before.length, totalExact: true });

  const busy = await walkPages(opts.who, opts.pageUrl, limit, opts.write);
  expect(new Set(busy.ids).size).toBe(busy.ids.length); // no row twice
  for (const id of before) expect(busy.ids).toContain(id); // no row lost
  expect((await listIds()).length).toBeGreaterThan(before.length); // rows were really written

  const sep = opts.pageUrl.includes('?') ? '&' : '?';
  const refused = async (after: string) => {
    const res = await opts.who.call('GET', `${opts.pageUrl}${sep}after=${after}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('CURSOR_INVALID');
  };
  await refused('bm90LWEtY3Vyc29y'); // "not-a-cursor"
  await refused(opts.foreignCursor);
  await refused(quiet.pages[0]!.nextCursor!.slice(0, -4)); // truncated
}

/** A cursor of the case list: every other list must refuse it. */
export async function caseListCursor(clerk: Client): Promise<string> {
  const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
    nextCursor: string | null;
  }>();
  expect(page.nextCursor).toBeTruthy();
  return page.nextCursor!;
}
