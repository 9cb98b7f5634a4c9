/**
 * GS-11 "case assignments follow the post" on a real database (both dialects). In Doorstep a matter
 * (case or inquiry) is assigned by a hand-off: the receiver who accepts becomes its handler. A
 * hand-off addressed to a post lands with the post's holder and follows it while pending; once
 * accepted, the post handles the matter: whoever holds the post now (A, or B while A is away) may
 * act on it (hand it on, close it), and the hand-off shows who holds the post now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Handoff {
  id: string;
  status: string;
  to: { id: string };
  toPost: {
    id: string;
    name: string;
    holderNow: { id: string; displayName: string; slot: 'a' | 'b' } | null;
  } | null;
}

describe('GS-11 a matter handed to a post follows the post’s holder', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let postId = '';
  let inquiryId = '';
  let handoff: Handoff;

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['clerk', 'clerk-b', 'town', 'supervisor']) c[u] = await t.login(u);
    for (const u of ['clerk', 'clerk-b', 'town'])
      id[u] = (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    postId = (await c.supervisor!.call('GET', '/api/v1/posts'))
      .json<{ id: string; name: string }[]>()
      .find((p) => p.name === '综合受理岗')!.id;
  });
  afterAll(async () => t.close());

  it('the town officer hands an inquiry to the post: it lands with A, shown as holding it now', async () => {
    const q = await c.town!.call(
      'POST',
      '/api/v1/inquiries',
      {
        channel: 'phone',
        callerDescription: '伊庄村一位村民的女儿',
        question: '老人能否申请上门办理高龄津贴？',
        answer: '可以，转伊庄村综合受理岗跟进',
      },
      { 'Idempotency-Key': 'post-follow-inq-1' },
    );
    expect(q.statusCode, q.body).toBe(201);
    inquiryId = q.json<{ id: string }>().id;
    const res = await c.town!.call(
      'POST',
      '/api/v1/handoffs',
      { entityType: 'inquiry', entityId: inquiryId, toPostId: postId, reason: '请上门跟进' },
      { 'Idempotency-Key': 'post-follow-h-1' },
    );
    expect(res.statusCode, res.body).toBe(201);
    handoff = res.json<Handoff>();
    expect(handoff.to.id).toBe(id.clerk);
    expect(handoff.toPost).toMatchObject({
      id: postId,
      holderNow: { id: id.clerk, slot: 'a' },
    });
    const accepted = await c.clerk!.call('POST', `/api/v1/handoffs/${handoff.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('while A is at work, B may not act on it', async () => {
    const res = await c['clerk-b']!.call('POST', `/api/v1/inquiries/${inquiryId}/close`, {
      note: '已上门',
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('MATTER_NOT_HOLDER');
  });

  it('with A absent today, B holds the post: the hand-off shows her, and she closes it', async () => {
    const away = await c.clerk!.call('POST', '/api/v1/posts/absences', { kind: 'absent_today' });
    expect(away.statusCode, away.body).toBe(201);
    const seen = (await c.town!.call('GET', `/api/v1/handoffs/${handoff.id}`)).json<Handoff>();
    expect(seen.status).toBe('accepted');
    expect(seen.to.id).toBe(id.clerk); // who accepted it stays on record
    expect(seen.toPost!.holderNow).toMatchObject({ id: id['clerk-b'], slot: 'b' });
    const res = await c['clerk-b']!.call('POST', `/api/v1/inquiries/${inquiryId}/close`, {
      note: '已上门告知材料',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ status: string }>().status).toBe('closed');
  });
});
