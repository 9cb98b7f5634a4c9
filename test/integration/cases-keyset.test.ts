/**
 * Issue #16 point 5: GET /cases/page pages the case list by keyset. Keyset pagination returns every
 * row exactly once under concurrent inserts (cases filed while a clerk pages, some at the same
 * instant so the id breaks ties), the last page has no nextCursor, the total says whether it is
 * exact, a cursor we did not make is a 400 with its code, and the offset list still answers.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { caseHelpers, LI } from './cases.fixtures.ts';

interface Page {
  items: { id: string; number: string; dueDate: string | null }[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}

describe('#16 point 5: keyset pagination of the case list', () => {
  let t: TestApp;
  let clerk: Client;
  let liId = '';
  const { file } = caseHelpers(() => ({ t, liId }));
  const presented = ['id_card', 'photo_1inch'];
  let before: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    for (let i = 0; i < 14; i += 1) {
      const res = await file(clerk, { presented });
      expect(res.statusCode, res.body).toBe(201);
      if (i % 3 === 2) t.clock.advance(60_000); // three cases share each instant
    }
    const all = await clerk.call('GET', '/api/v1/cases?limit=200');
    before = all.json<{ id: string }[]>().map((c) => c.id);
  });
  afterAll(async () => t.close());

  it('returns every row exactly once under concurrent inserts', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/cases/page?limit=4${cursor ? `&after=${cursor}` : ''}`;
      const [res] = await Promise.all([
        clerk.call('GET', url),
        file(clerk, { presented }), // filed while paging: newer, so never on a later page
      ]);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<Page>();
      expect(page.totalExact).toBe(true);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length); // no row twice
    for (const id of before) expect(seen).toContain(id); // every row there at the start
    expect(pages).toBeGreaterThan(3);
  });

  it('agrees with the offset list, counts exactly, refuses a foreign cursor', async () => {
    const offset = (await clerk.call('GET', '/api/v1/cases?limit=10')).json<{ id: string }[]>();
    const first = (await clerk.call('GET', '/api/v1/cases/page?limit=10')).json<Page>();
    expect(first.items.map((c) => c.id)).toEqual(offset.map((c) => c.id));
    const all = (await clerk.call('GET', '/api/v1/cases?limit=200')).json<unknown[]>();
    expect(first.total).toBe(all.length);
    const bad = await clerk.call('GET', '/api/v1/cases/page?after=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe('CASE_CURSOR_INVALID');
    const none = await clerk.call('GET', '/api/v1/cases/page?state=withdrawn&number=19990101');
    expect(none.json<Page>()).toMatchObject({ items: [], nextCursor: null, total: 0 });
  });

  it('pages the overdue cases longest overdue first (GS-8), each once', async () => {
    for (let day = 0; day < 3; day += 1) {
      for (let i = 0; i < 2; i += 1)
        expect((await file(clerk, { presented })).statusCode).toBe(201);
      t.clock.advance(86_400_000);
      clerk = await t.login('clerk'); // a new day, a new session
    }
    t.clock.advance(90 * 86_400_000); // every running case is now past its due date
    clerk = await t.login('clerk');
    const all = async (query: string) => {
      const seen: Page['items'] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/cases/page?${query}${cursor ? `&after=${cursor}` : ''}`;
        const res = await clerk.call('GET', url);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json<Page>();
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const byDue = await all('overdue=true&order=due&limit=3');
    const newest = await all('overdue=true&limit=50');
    expect(byDue.length).toBeGreaterThan(6);
    expect(new Set(byDue.map((c) => c.id)).size).toBe(byDue.length);
    expect(byDue.map((c) => c.id).sort()).toEqual(newest.map((c) => c.id).sort());
    const keys = byDue.map((c) => `${c.dueDate} ${c.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(byDue.map((c) => c.dueDate)).size).toBeGreaterThan(2);
    // A due-date cursor is not a newest-first cursor, and the order needs the overdue filter.
    const first = (
      await clerk.call('GET', '/api/v1/cases/page?overdue=true&order=due&limit=2')
    ).json<Page>();
    const foreign = await clerk.call(
      'GET',
      `/api/v1/cases/page?overdue=true&after=${first.nextCursor}`,
    );
    expect(foreign.json<{ code: string }>().code).toBe('CASE_CURSOR_INVALID');
    const unfiltered = await clerk.call('GET', '/api/v1/cases/page?order=due');
    expect(unfiltered.statusCode).toBe(400);
    expect(unfiltered.json<{ code: string }>().code).toBe('CASE_ORDER_NEEDS_OVERDUE');
    // The list's Excel export has the same rows in the same order, and refuses the same.
    const xlsx = await clerk.call('GET', '/api/v1/cases/export.xlsx?overdue=true&order=due');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const numbers: unknown[] = [];
    wb.worksheets[0]!.eachRow((row, i) => {
      if (i > 1) numbers.push((row.values as unknown[])[1]);
    });
    expect(numbers).toEqual(byDue.map((c) => c.number));
    const refused = await clerk.call('GET', '/api/v1/cases/export.xlsx?order=due');
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ code: string }>().code).toBe('CASE_ORDER_NEEDS_OVERDUE');
  });
});
