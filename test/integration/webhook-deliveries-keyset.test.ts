/**
 * Issue #16 point 5 on both dialects: a webhook subscriber's delivery log pages by keyset
 * (GET /webhooks/subscribers/{id}/deliveries/page) — every row of the log once, in its order
 * (newest first, then id); none twice and none lost while deliveries are queued; the total exact;
 * a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PILOT_TOWN } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { caseListCursor, expectUnpagedKeysetContract } from './unpaged-keyset.fixtures.ts';

describe('#16 p5 keyset pages of a webhook subscriber’s deliveries', () => {
  let t: TestApp;
  let admin: Client;
  let subscriber = '';
  let caseCursor = '';
  let n = 0;

  /** The test button: one more queued delivery; three share each instant, so the id breaks ties. */
  const queueTest = async () => {
    n += 1;
    const res = await admin.call(
      'POST',
      `/api/v1/webhooks/subscribers/${subscriber}/test`,
      undefined,
      { 'idempotency-key': `keyset-test-${n}` },
    );
    expect(res.statusCode, res.body).toBe(202);
    if (n % 3 === 0) t.clock.advance(60_000);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    caseCursor = await caseListCursor(await t.login('clerk'));
    const created = await admin.call(
      'POST',
      '/api/v1/webhooks/subscribers',
      {
        name: '分页测试平台',
        regionCode: PILOT_TOWN,
        url: 'http://127.0.0.1:9/hook',
        events: ['case.closed'],
      },
      { 'idempotency-key': 'keyset-subscriber' },
    );
    expect(created.statusCode, created.body).toBe(201);
    subscriber = created.json<{ id: string }>().id;
    for (let i = 0; i < 8; i += 1) await queueTest();
  });
  afterAll(async () => t.close());

  it('every row once, in order, while deliveries are queued; bad cursors refused', async () => {
    await expectUnpagedKeysetContract({
      who: admin,
      listUrl: `/api/v1/webhooks/subscribers/${subscriber}/deliveries`,
      pageUrl: `/api/v1/webhooks/subscribers/${subscriber}/deliveries/page`,
      write: queueTest,
      foreignCursor: caseCursor,
    });
  });

  it('an unknown subscriber is refused as by the log', async () => {
    const url = '/api/v1/webhooks/subscribers/00000000-0000-4000-8000-000000000000/deliveries';
    const [list, page] = await Promise.all([
      admin.call('GET', url),
      admin.call('GET', `${url}/page`),
    ]);
    expect(page.statusCode).toBe(list.statusCode);
    expect(page.statusCode).toBeGreaterThanOrEqual(400);
  });
});
