/**
 * Issue #16 point 5 on both dialects: the escalations list pages by keyset (GET /escalations/page)
 * — every row once in the offset list's order (several escalated at one instant: the id breaks
 * the tie), none twice while the sweep adds more, the total exact, a bad or foreign cursor a 400.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';

describe('#16 p5 keyset pages of escalations', () => {
  let t: TestApp;
  let supervisor: Client;
  let caseCursor = '';
  let minute = 0;

  /** One escalation as the sweep writes it (a hand-off's, so no case row is needed). */
  const escalate = async (at = new Date(Date.UTC(2026, 2, 2, 1, minute)).toISOString()) => {
    await t.testDb.db.kysely
      .insertInto('escalations')
      .values({
        id: randomUUID(),
        entity_type: 'handoff',
        entity_id: randomUUID(),
        reason: 'overdue',
        region_code: '110115110207',
        station_id: null,
        due_date: '2026-03-01',
        escalated_at: at,
        swept_by: 'test',
        acknowledged_by: null,
        acknowledged_at: null,
      })
      .execute();
  };

  beforeAll(async () => {
    t = await createTestApp();
    supervisor = await t.login('supervisor');
    for (let i = 0; i < 10; i += 1) {
      await escalate();
      if (i % 3 === 2) minute += 1; // three share each instant
    }
    minute += 10;
    const clerk = await t.login('clerk');
    caseCursor =
      (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{ nextCursor: string | null }>()
        .nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('every row once, in order, under concurrent inserts; bad cursors refused', async () => {
    await expectKeysetContract({
      who: supervisor,
      offsetUrl: '/api/v1/escalations?open=true',
      pageUrl: '/api/v1/escalations/page?open=true',
      write: () => escalate(new Date(Date.UTC(2026, 2, 3, 1, (minute += 1))).toISOString()),
      foreignCursor: caseCursor,
    });
  });

  it('the acknowledged ones page the same way, with an exact total', async () => {
    const res = await supervisor.call('GET', '/api/v1/escalations/page?open=false&limit=5');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ totalExact: boolean }>().totalExact).toBe(true);
  });
});
