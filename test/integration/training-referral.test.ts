/**
 * GS-12 refusal → GS-4 hand-off on a real database (both dialects): the COMPETENCE_REQUIRED
 * problem carries the competent colleagues, the posts whose holder now is competent and the
 * suggested receiver; the refused clerk records the resident's matter as an inquiry and hands it
 * to the suggestion in one request (inquiry-handoff.test.ts: one transaction), so the resident is not turned away. The suggestion follows the post's holder
 * now: with A away today, B (not competent) holds it, and a colleague is suggested instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const ITEM = 'DX-MZ-002';

interface Refusal {
  code: string;
  competentColleagues: { id: string }[];
  competentPosts: {
    id: string;
    name: string;
    stationName: string;
    holder: { id: string; displayName: string; slot: 'a' | 'b' };
  }[];
  suggestedHandoff: { toPostId: string } | { toAccountId: string } | null;
}

describe('GS-12 a refused clerk hands the matter on', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let li = '';
  let postId = '';

  const file = (who: Client) =>
    who.call('POST', '/api/v1/cases', { residentId: li, itemCode: ITEM, presented: ['id_card'] });

  /** What the intake page does on refusal: the matter as an inquiry and its hand-off, at once. */
  async function handOn(who: Client, to: object) {
    return who.call(
      'POST',
      '/api/v1/inquiries/handed-on',
      {
        inquiry: {
          channel: 'walk_in',
          residentId: li,
          itemCode: ITEM,
          question: '申请临时救助',
          answer: '本人未持该事项资质，转交有资质的同事受理',
        },
        handoff: { ...to, reason: '需持证受理：临时救助申请' },
      },
      { 'Idempotency-Key': `refer-${Math.random()}` },
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['clerk', 'clerk-b', 'agent', 'town', 'supervisor']) c[u] = await t.login(u);
    for (const u of ['clerk', 'clerk-b', 'agent', 'town'])
      id[u] = (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    li = (
      await c.clerk!.call('POST', '/api/v1/residents/lookup', { idNumber: '110115194803120019' })
    ).json<{ id: string }>().id;
    postId = (await c.supervisor!.call('GET', '/api/v1/posts'))
      .json<{ id: string; name: string }[]>()
      .find((p) => p.name === '综合受理岗')!.id;
  });
  afterAll(async () => t.close());

  it('the refusal suggests a competent colleague when no post holder is competent', async () => {
    const res = await file(c.clerk!);
    expect(res.statusCode, res.body).toBe(403);
    const p = res.json<Refusal>();
    expect(p.code).toBe('COMPETENCE_REQUIRED');
    expect(p.competentPosts).toEqual([]); // the demo post's holder now is the clerk herself
    expect(p.suggestedHandoff).not.toBeNull();
    const to = (p.suggestedHandoff as { toAccountId: string }).toAccountId;
    expect([id.agent, id.town]).toContain(to);
    expect(p.competentColleagues[0]!.id).toBe(to);
  });

  it('the clerk hands the resident’s matter to the suggestion; it lands there', async () => {
    const p = (await file(c.clerk!)).json<Refusal>();
    const res = await handOn(c.clerk!, p.suggestedHandoff!);
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json<{ handoff: { to: { id: string }; status: string; toPost: unknown } }>()
      .handoff;
    expect(h.status).toBe('pending');
    expect(h.to.id).toBe((p.suggestedHandoff as { toAccountId: string }).toAccountId);
    expect(h.toPost).toBeNull();
  });

  it('once A of the post is certified, B is pointed to the post, held by A now', async () => {
    const cert = await c.town!.call('POST', '/api/v1/training/competences', {
      accountId: id.clerk,
      itemCode: ITEM,
      certifiedOn: '2026-03-02',
      expiresOn: '2026-12-31',
    });
    expect(cert.statusCode, cert.body).toBe(201);
    const res = await file(c['clerk-b']!);
    expect(res.statusCode, res.body).toBe(403);
    const p = res.json<Refusal>();
    expect(p.competentPosts.map((x) => [x.id, x.name, x.holder.id, x.holder.slot])).toEqual([
      [postId, '综合受理岗', id.clerk, 'a'],
    ]);
    expect(p.competentPosts[0]!.stationName).toContain('伊庄');
    expect(p.suggestedHandoff).toEqual({ toPostId: postId });
    const h = await handOn(c['clerk-b']!, p.suggestedHandoff!);
    expect(h.statusCode, h.body).toBe(201);
    expect(h.json<{ handoff: unknown }>().handoff).toMatchObject({
      to: { id: id.clerk },
      toPost: { id: postId, name: '综合受理岗' },
      status: 'pending',
    });
  });

  it('with A absent today, B holds the post: a colleague is suggested instead', async () => {
    const away = await c.clerk!.call('POST', '/api/v1/posts/absences', { kind: 'absent_today' });
    expect(away.statusCode, away.body).toBe(201);
    const p = (await file(c['clerk-b']!)).json<Refusal>();
    expect(p.competentPosts).toEqual([]);
    expect(p.suggestedHandoff).toHaveProperty('toAccountId');
    expect((p.suggestedHandoff as { toAccountId: string }).toAccountId).not.toBe(id['clerk-b']);
  });
});
