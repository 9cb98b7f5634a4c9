/**
 * GS-13 finish (issue #14 point 6): the rating records the channel the case recorded (not a guess)
 * and the metrics group by it; a delivered case invites its applicant to rate exactly once (SMS
 * link through the outbox, in-app notice) under parallel deliveries, the later close and retries;
 * a done home visit becomes a rating subject the visited resident rates by that link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { rateByLink, residentId } from './ratings.fixtures.ts';

interface CaseJson {
  id: string;
  number: string;
  version: number;
}

describe('GS-13 rating channel and automatic invitation', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let liId = '';
  let liAccount = '';

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    liId = await residentId(clerk);
    liAccount = (
      await t.testDb.db.kysely
        .selectFrom('accounts')
        .select('id')
        .where('resident_id', '=', liId)
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.close());

  const act = async (c: Client, k: CaseJson, body: Record<string, unknown>) => {
    const r = await c.call('POST', `/api/v1/cases/${k.id}/transitions`, {
      expectedVersion: k.version,
      ...body,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<CaseJson>();
  };

  /** Filed by phone-booked appointment, decided at the town, ready to deliver. */
  async function decidedCase(channel: string): Promise<CaseJson> {
    const filed = await clerk.call('POST', '/api/v1/cases', {
      residentId: liId,
      itemCode: 'DX-SB-001',
      presented: ['id_card', 'photo_1inch'],
      channel,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    let k = filed.json<CaseJson>();
    k = await act(clerk, k, { action: 'route' });
    return act(town, k, { action: 'decide', result: 'approved', resultText: '准予' });
  }

  const invites = async (subjectId: string) => {
    const k = t.testDb.db.kysely;
    const sms = await k
      .selectFrom('outbox_messages')
      .select(['params_cipher', 'recipient_masked'])
      .where('template_kind', '=', 'rating_invite')
      .execute();
    const mine = sms
      .map((m) => ({
        to: m.recipient_masked,
        params: JSON.parse(t.pii.decrypt(m.params_cipher)) as { number: string; url: string },
      }))
      .filter((m) => m.params.url.includes('/r/rate?t='));
    const notices = await k
      .selectFrom('notifications')
      .select(['account_id', 'entity_id'])
      .where('kind', '=', 'rating_invite')
      .where('entity_id', '=', subjectId)
      .execute();
    const rows = await k
      .selectFrom('rating_invites')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .execute();
    return { sms: mine, notices, rows };
  };

  it('delivery invites once: two parallel deliveries, a retry and the close send one SMS and one notice', async () => {
    const k = await decidedCase('appointment');
    const before = (await invites(k.id)).sms.length;
    const both = await Promise.all([
      clerk.call('POST', `/api/v1/cases/${k.id}/transitions`, {
        expectedVersion: k.version,
        action: 'deliver',
      }),
      clerk.call('POST', `/api/v1/cases/${k.id}/transitions`, {
        expectedVersion: k.version,
        action: 'deliver',
      }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const delivered = both.find((r) => r.statusCode === 200)!.json<CaseJson>();
    const retry = await clerk.call('POST', `/api/v1/cases/${k.id}/transitions`, {
      expectedVersion: k.version,
      action: 'deliver',
    });
    expect(retry.statusCode).toBe(409);
    await act(clerk, delivered, { action: 'close' });

    const sent = await invites(k.id);
    expect(sent.rows).toHaveLength(1);
    const forThis = sent.sms.filter((m) => m.params.number === k.number);
    expect(forThis).toHaveLength(1);
    expect(sent.sms.length - before).toBe(1);
    expect(forThis[0]!.to).toBe('138****5678');
    expect(forThis[0]!.params.url.startsWith(`${t.app.deps.config.publicUrl}/r/rate?t=`)).toBe(
      true,
    );
    expect(sent.notices).toEqual([{ account_id: liAccount, entity_id: k.id }]);

    // The SMS link rates the case; the rating records the case's own channel, not a guess.
    const token = new URL(forThis[0]!.params.url).searchParams.get('t')!;
    const rated = await rateByLink(t, token, { level: 2, reasons: ['slow'] });
    expect(rated.statusCode, rated.body).toBe(201);
    const row = await t.testDb.db.kysely
      .selectFrom('ratings')
      .select(['channel', 'service_channel'])
      .where('subject_id', '=', k.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'sms', service_channel: 'appointment' });
  });

  it('the metrics group by the recorded channel', async () => {
    const k = await decidedCase('phone');
    await act(clerk, k, { action: 'deliver' });
    const month = t.clock.now.toISOString().slice(0, 7);
    const res = await town.call('GET', `/api/v1/ratings/metrics?month=${month}&group=channel`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json<{
      rows: { key: string; completed: number; rated: number; bad: number }[];
    }>().rows;
    const by = new Map(rows.map((r) => [r.key, r]));
    expect(by.get('appointment')).toMatchObject({ completed: 1, rated: 1, bad: 1 });
    expect(by.get('phone')).toMatchObject({ completed: 1, rated: 0 });
    const bad = await town.call('GET', `/api/v1/ratings/metrics?month=${month}&group=mood`);
    expect(bad.statusCode).toBe(400);
  });

  it('a done home visit is a rating subject: the resident is invited and rates it by the link', async () => {
    const req = await clerk.call('POST', '/api/v1/home-visits', {
      residentId: liId,
      requestedBy: 'resident',
      reason: 'elderly',
      preferredDates: ['2026-03-03'],
    });
    expect(req.statusCode, req.body).toBe(201);
    const visitId = req.json<{ id: string }>().id;
    const sched = await clerk.call('POST', '/api/v1/home-visits/schedule', {
      day: '2026-03-03',
      visitIds: [visitId],
    });
    expect(sched.statusCode, sched.body).toBe(200);
    expect((await clerk.call('POST', `/api/v1/home-visits/${visitId}/depart`, {})).statusCode).toBe(
      200,
    );
    const notYet = await invites(visitId);
    expect(notYet.rows).toHaveLength(0);
    const done = await clerk.call('POST', `/api/v1/home-visits/${visitId}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);

    const sent = await invites(visitId);
    expect(sent.rows).toHaveLength(1);
    expect(sent.notices).toEqual([{ account_id: liAccount, entity_id: visitId }]);
    const link = await t.testDb.db.kysely
      .selectFrom('rating_links')
      .select(['id', 'subject_type'])
      .where('subject_id', '=', visitId)
      .executeTakeFirstOrThrow();
    expect(link).toEqual({ id: sent.rows[0]!.link_id, subject_type: 'home_visit' });
    const sms = sent.sms.find((m) => m.params.number.startsWith('SM-'))!;
    const token = new URL(sms.params.url).searchParams.get('t')!;
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ratings/public/links/${token}`,
    });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ subjectType: 'home_visit', next: 'first' });
    const rated = await rateByLink(t, token, { level: 5 });
    expect(rated.statusCode, rated.body).toBe(201);
    const row = await t.testDb.db.kysely
      .selectFrom('ratings')
      .select(['subject_type', 'service_channel', 'staff_account_id', 'rater_resident_id'])
      .where('subject_id', '=', visitId)
      .executeTakeFirstOrThrow();
    const clerkId = (await clerk.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    expect(row).toEqual({
      subject_type: 'home_visit',
      service_channel: 'home_visit',
      staff_account_id: clerkId,
      rater_resident_id: liId,
    });
  });
});
