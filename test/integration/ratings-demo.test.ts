/**
 * GS-13 demo data (issue #14 point 6): on first start /ratings shows figures — ratings 好/中/差 at two
 * stations of the pilot town, one rectification ticket open and one closed with the resident's reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Metrics {
  totals: { rated: number; bad: number; rectified: number; completed: number } | null;
  rows: { key: string; label: string; rated: number; bad: number }[];
  ranking: { label: string; rank: number }[];
}

describe('GS-13 demo ratings', () => {
  let t: TestApp;
  let supervisor: Client;

  beforeAll(async () => {
    t = await createTestApp();
    supervisor = await t.login('supervisor');
  });
  afterAll(async () => t.close());

  it('the dashboard of the demo month has ratings at two stations, good and bad', async () => {
    const month = t.clock.now.toISOString().slice(0, 7);
    const res = await supervisor.call(
      'GET',
      `/api/v1/ratings/metrics?month=${month}&group=station`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json<Metrics>();
    expect(m.totals).toMatchObject({ completed: 7, rated: 7, bad: 2, rectified: 1 });
    const byLabel = new Map(m.rows.map((r) => [r.label, r]));
    expect(byLabel.get('伊庄村政务服务站')).toMatchObject({ rated: 4, bad: 0 });
    expect([...byLabel.values()].filter((r) => r.bad === 2)).toHaveLength(1);
    expect(m.ranking[0]).toMatchObject({ rank: 1, label: '伊庄村政务服务站' });
    const levels = (
      await t.testDb.db.kysely.selectFrom('ratings').select('level').orderBy('level').execute()
    ).map((r) => r.level);
    expect(levels).toEqual([1, 2, 3, 4, 4, 5, 5]);
  });

  it('one ticket is open, one closed with the resident reply', async () => {
    const res = await supervisor.call('GET', '/api/v1/ratings/tickets?open=false');
    expect(res.statusCode, res.body).toBe(200);
    const rows = await t.testDb.db.kysely
      .selectFrom('rating_tickets')
      .select(['state', 'resident_reply', 'classification'])
      .orderBy('state')
      .execute();
    expect(rows).toEqual([
      { state: 'closed', resident_reply: '群众表示认可，感谢改进', classification: 'fix_now' },
      { state: 'opened', resident_reply: null, classification: null },
    ]);
  });

  it('every demo case is invited once, whatever the port order; demo SMS are suppressed', async () => {
    const db = t.testDb.db.kysely;
    const invites = await db.selectFrom('rating_invites').select('subject_id').execute();
    expect(invites).toHaveLength(7);
    const sms = await db
      .selectFrom('outbox_messages')
      .select(['status', 'is_demo'])
      .where('template_kind', '=', 'rating_invite')
      .execute();
    expect(sms.length).toBeGreaterThan(0);
    expect(sms.every((m) => m.status === 'suppressed' && m.is_demo === 1)).toBe(true);
  });
});
