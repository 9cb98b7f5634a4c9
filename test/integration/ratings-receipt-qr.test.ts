/**
 * GS-13 (issue #14 point 6): the receipt carries a "扫码评价 / Scan to rate" QR code of the case's
 * rating link (PUBLIC_URL based). The PDF's text and link annotation are read back; a reprint shows
 * the same link while it is unused; the link answers "not yet rateable" until the case is delivered,
 * then rates it once through the QR channel; the one-time notice has no rating block.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { pdfText } from './records.pdf-text.ts';
import { rateByLink, residentId } from './ratings.fixtures.ts';

interface CaseJson {
  id: string;
  number: string;
  version: number;
}

describe('GS-13 the rating QR on the receipt', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let kase: CaseJson;

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    const filed = await clerk.call('POST', '/api/v1/cases', {
      residentId: await residentId(clerk),
      itemCode: 'DX-SB-001',
      presented: ['id_card', 'photo_1inch'],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    kase = filed.json<CaseJson>();
  });
  afterAll(async () => t.close());

  async function receipt(doc: 'receipt' | 'notice' = 'receipt') {
    const res = await clerk.call('GET', `/api/v1/cases/${kase.id}/${doc}.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const raw = res.rawPayload.toString('latin1');
    const uris = [...raw.matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]!);
    return { raw, text: pdfText(res.rawPayload), uris };
  }

  let url = '';

  it('prints the block with a second QR image and the rating link, in text and as a link', async () => {
    const { raw, text, uris } = await receipt();
    expect(text).toContain('扫码评价');
    expect(text).toContain('Scan to rate');
    const rating = uris.filter((u) => u.includes('/r/rate?t='));
    expect(rating).toHaveLength(1);
    url = rating[0]!;
    expect(url).toMatch(
      new RegExp(`^${t.app.deps.config.publicUrl}/r/rate\\?t=[A-Za-z0-9_-]{16}$`),
    );
    expect(text.replace(/\s+/g, '')).toContain(url);
    expect(raw.match(/\/Subtype \/Image/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const notice = await receipt('notice');
    expect(notice.text).not.toContain('扫码评价');
  }, 120_000);

  it('a reprint shows the same link; it waits for delivery, then rates the case via the QR channel', async () => {
    expect((await receipt()).uris.filter((u) => u.includes('/r/rate?t='))).toEqual([url]);
    const token = new URL(url).searchParams.get('t')!;
    const early = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ratings/public/links/${token}`,
    });
    expect(early.json<{ code: string }>().code).toBe('RATING_NOT_RATEABLE');

    const act = async (c: Client, body: Record<string, unknown>) => {
      const r = await c.call('POST', `/api/v1/cases/${kase.id}/transitions`, {
        expectedVersion: kase.version,
        ...body,
      });
      expect(r.statusCode, r.body).toBe(200);
      kase = r.json<CaseJson>();
    };
    await act(clerk, { action: 'route' });
    await act(town, { action: 'decide', result: 'approved', resultText: '准予' });
    await act(clerk, { action: 'deliver' });
    const rated = await rateByLink(t, token, { level: 4 });
    expect(rated.statusCode, rated.body).toBe(201);
    const row = await t.testDb.db.kysely
      .selectFrom('ratings')
      .select(['channel', 'subject_number'])
      .where('subject_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'qr', subject_number: kase.number });
    // Spent: the next receipt prints a fresh link (for the one follow-up rating).
    const next = (await receipt()).uris.filter((u) => u.includes('/r/rate?t='));
    expect(next).toHaveLength(1);
    expect(next[0]).not.toBe(url);
  }, 120_000);
});
