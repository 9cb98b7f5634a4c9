/**
 * Issue #16 point 5 on both dialects: the audit log pages by keyset (GET /audit/events/page,
 * newest first by time, ties by sequence) — every event of the unpaged log once, in its order;
 * none twice and none lost while events are written; the total exact; the same scope and filters;
 * a bad or foreign cursor a 400 CURSOR_INVALID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface EventPage {
  items: { seq: number; regionCode: string | null }[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}

/** Every page of `url`, `limit` events each (the log's items carry `seq`, not `id`). */
async function walkEvents(
  who: Client,
  url: string,
  limit: number,
  during?: () => Promise<unknown>,
) {
  const seqs: number[] = [];
  const pages: EventPage[] = [];
  let cursor: string | null = null;
  do {
    const next: string = `${url}&limit=${limit}${cursor ? `&after=${cursor}` : ''}`;
    const [res] = await Promise.all([who.call('GET', next), during?.()]);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<EventPage>();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page);
    seqs.push(...page.items.map((e) => e.seq));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 200);
  return { seqs, pages };
}

describe('#16 p5 keyset pages of the audit log', () => {
  let t: TestApp;
  let admin: Client;
  let supervisor: Client;
  let stationId = '';
  let caseCursor = '';
  let phone = 0;

  const writeEvent = async () => {
    phone += 1;
    const r = await admin.call('PATCH', `/api/v1/stations/${stationId}`, {
      phone: `010-6${String(phone).padStart(7, '0')}`,
    });
    expect(r.statusCode, r.body).toBe(200);
  };
  const filter = () => `entityType=station&entityId=${stationId}`;
  const unpaged = async (who: Client, query: string) => {
    const res = await who.call('GET', `/api/v1/audit/events?${query}&limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ seq: number }[]>().map((e) => e.seq);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    supervisor = await t.login('supervisor');
    stationId = (await admin.call('GET', '/api/v1/stations?regionCode=110115110207')).json<
      { id: string }[]
    >()[0]!.id;
    for (let i = 0; i < 10; i += 1) {
      await writeEvent();
      if (i % 3 === 2) t.clock.advance(60_000); // three share each instant: the sequence breaks ties
    }
    const clerk = await t.login('clerk');
    caseCursor =
      (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{ nextCursor: string | null }>()
        .nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('every event once, in the unpaged order, under concurrent writes; bad cursors refused', async () => {
    const before = await unpaged(admin, filter());
    expect(before.length).toBeGreaterThan(6);
    const pageUrl = `/api/v1/audit/events/page?${filter()}`;
    const quiet = await walkEvents(admin, pageUrl, 3);
    expect(quiet.seqs).toEqual(before); // the same events, the same order, each once
    expect(quiet.pages.length).toBe(Math.ceil(before.length / 3));
    expect(quiet.pages.at(-1)!.nextCursor).toBeNull();
    for (const p of quiet.pages)
      expect(p).toMatchObject({ total: before.length, totalExact: true });

    const busy = await walkEvents(admin, pageUrl, 3, writeEvent);
    expect(new Set(busy.seqs).size).toBe(busy.seqs.length); // no event twice
    for (const seq of before) expect(busy.seqs).toContain(seq); // none lost
    expect((await unpaged(admin, filter())).length).toBeGreaterThan(before.length);

    const refused = async (after: string) => {
      const res = await admin.call('GET', `${pageUrl}&after=${after}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('CURSOR_INVALID');
    };
    await refused('bm90LWEtY3Vyc29y'); // "not-a-cursor"
    await refused(caseCursor); // another list's
    await refused(quiet.pages[0]!.nextCursor!.slice(0, -4)); // truncated
  });

  it('the same scope and filters as the unpaged log: a supervisor, a China day', async () => {
    const mine = await unpaged(supervisor, 'action=station.updated');
    expect(mine.length).toBeGreaterThan(6);
    const paged = await walkEvents(
      supervisor,
      '/api/v1/audit/events/page?action=station.updated',
      4,
    );
    expect(paged.seqs).toEqual(mine);
    const day = t.clock.now.toISOString().slice(0, 10);
    const query = `${filter()}&from=${day}&to=${day}`;
    const today = await unpaged(admin, query);
    expect((await walkEvents(admin, `/api/v1/audit/events/page?${query}`, 5)).seqs).toEqual(today);
  });

  it('an empty selection is one empty page; the clerk is refused like on the log', async () => {
    const res = await admin.call('GET', '/api/v1/audit/events/page?entityType=nothing-here');
    expect(res.json()).toMatchObject({ items: [], nextCursor: null, total: 0, totalExact: true });
    const clerk = await t.login('clerk');
    expect((await clerk.call('GET', '/api/v1/audit/events/page')).statusCode).toBe(403);
  });
});
