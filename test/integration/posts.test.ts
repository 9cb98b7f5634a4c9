/**
 * GS-11 AB posts on a real database (both dialects): posts and their holders, absences, scope,
 * bad input; a hand-off addressed to a post lands with B while A is away and follows the post back
 * exactly once with two sweepers; a coverage gap is warned exactly once per notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rerouteHandoffsToPosts } from '../../src/modules/first-response/handoff-post.ts';
import { sweepCoverageWarnings } from '../../src/modules/posts/coverage-warnings.sweep.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Post {
  id: string;
  name: string;
  version: number;
  a: { id: string };
  b: { id: string };
  holderNow: { slot: string; accountId: string | null };
  availableActions: string[];
}

describe('GS-11 AB posts', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  let stationId: string;
  let demoPost: Post;
  const db = () => t.testDb.db.kysely;
  const count = async (
    table: 'audit_events' | 'post_coverage_warnings' | 'notifications',
    where?: [string, string],
  ) => {
    let q = db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'));
    if (where) q = q.where(where[0] as never, '=', where[1] as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const relogin = async () => {
    for (const u of ['supervisor', 'clerk', 'clerk-b', 'town', 'clerk-qyd', 'agent'])
      c[u] = await t.login(u);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await relogin();
    const posts = (await c.supervisor!.call('GET', '/api/v1/posts')).json<
      (Post & { stationId: string })[]
    >();
    demoPost = posts.find((p) => p.name === '综合受理岗')!;
    stationId = posts[0]!.stationId;
  });
  afterAll(async () => t.close());

  it('the demo post: A is the clerk, B clerk-b; supervisors may edit, clerks read only', async () => {
    expect(demoPost.holderNow.slot).toBe('a');
    expect(demoPost.availableActions).toEqual(['edit']);
    const mine = (await c.clerk!.call('GET', `/api/v1/posts?stationId=${stationId}`)).json<
      Post[]
    >();
    expect(mine.map((p) => p.id)).toContain(demoPost.id);
    expect(mine[0]!.availableActions).toEqual([]);
    expect((await c['clerk-qyd']!.call('GET', '/api/v1/posts')).json()).toEqual([]);
    expect(
      (await c['clerk-qyd']!.call('GET', `/api/v1/posts/${demoPost.id}`)).json(),
    ).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect((await c.agent!.call('GET', '/api/v1/posts')).statusCode).toBe(403);
  });

  it('creating and editing posts: bad input is 4xx and writes nothing', async () => {
    const before = await count('audit_events');
    const body = {
      stationId,
      name: '社保岗',
      aAccountId: demoPost.b.id,
      bAccountId: demoPost.a.id,
    };
    const bad: [Client, unknown, number, string][] = [
      [c.supervisor!, { ...body, bAccountId: demoPost.b.id }, 422, 'POST_HOLDERS_SAME'],
      [
        c.supervisor!,
        {
          ...body,
          aAccountId: c.supervisor!.username === 'x' ? '' : '00000000-0000-4000-8000-000000000000',
        },
        422,
        'POST_HOLDER_NOT_AT_STATION',
      ],
      [c.supervisor!, { ...body, name: '' }, 400, 'VALIDATION_FAILED'],
      [c.supervisor!, { ...body, name: '岗位 13800138000' }, 400, 'FREE_TEXT_PERSONAL_NUMBER'],
      [c.supervisor!, { ...body, extra: 1 }, 400, 'VALIDATION_FAILED'],
      [
        c.supervisor!,
        { ...body, stationId: '00000000-0000-4000-8000-000000000000' },
        404,
        'STATION_NOT_FOUND_FOR_POST',
      ],
      [c.supervisor!, { ...body, name: '综合受理岗' }, 409, 'POST_NAME_TAKEN'],
      [c.clerk!, body, 403, 'FORBIDDEN'],
    ];
    for (const [who, b, status, code] of bad) {
      const r = await who.call('POST', '/api/v1/posts', b);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json<{ code: string }>().code, r.body).toBe(code);
    }
    expect(await count('audit_events')).toBe(before);
    const created = await c.supervisor!.call('POST', '/api/v1/posts', body, {
      'Idempotency-Key': 'posts-create-0001',
    });
    expect(created.statusCode, created.body).toBe(201);
    const post = created.json<Post>();
    const again = await c.supervisor!.call('POST', '/api/v1/posts', body, {
      'Idempotency-Key': 'posts-create-0001',
    });
    expect(again.statusCode).toBeLessThan(500);
    expect(
      (await c.supervisor!.call('GET', `/api/v1/posts?stationId=${stationId}`))
        .json<Post[]>()
        .filter((p) => p.name === '社保岗'),
    ).toHaveLength(1);
    const patched = await c.supervisor!.call('PATCH', `/api/v1/posts/${post.id}`, {
      version: 1,
      name: '社保医保岗',
    });
    expect(patched.json<Post>()).toMatchObject({ name: '社保医保岗', version: 2 });
    const stale = await c.supervisor!.call('PATCH', `/api/v1/posts/${post.id}`, {
      version: 1,
      name: 'x',
    });
    expect(stale.json()).toMatchObject({ code: 'POST_VERSION_CONFLICT' });
    expect(
      (await c.supervisor!.call('PATCH', `/api/v1/posts/${post.id}`, { version: 2 })).statusCode,
    ).toBe(400);
  });

  it('absences: a clerk records her own, not a colleague’s; a supervisor anyone’s in reach', async () => {
    const before = await count('audit_events');
    const bad: [Client, unknown, number, string][] = [
      [
        c.clerk!,
        { kind: 'planned_leave', accountId: demoPost.b.id, from: '2026-03-05', to: '2026-03-05' },
        403,
        'POST_ABSENCE_NOT_YOURS',
      ],
      [
        c.clerk!,
        { kind: 'planned_leave', from: '2026-03-06', to: '2026-03-05' },
        422,
        'POST_ABSENCE_INVALID',
      ],
      [
        c.clerk!,
        { kind: 'planned_leave', from: '2026-02-01', to: '2026-02-02' },
        422,
        'POST_ABSENCE_INVALID',
      ],
      [
        c.clerk!,
        { kind: 'planned_leave', from: '2026-03-05', to: '2026-09-05' },
        422,
        'POST_ABSENCE_INVALID',
      ],
      [c.clerk!, { kind: 'planned_leave' }, 422, 'POST_ABSENCE_INVALID'],
      [
        c.clerk!,
        { kind: 'holiday', from: '2026-03-05', to: '2026-03-05' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        c.clerk!,
        { kind: 'planned_leave', from: '2026-02-30', to: '2026-03-05' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        c.clerk!,
        { kind: 'planned_leave', from: '2026-03-05T25:00', to: '2026-03-05' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        c['clerk-qyd']!,
        { kind: 'planned_leave', accountId: demoPost.a.id, from: '2026-03-05', to: '2026-03-05' },
        403,
        'POST_ABSENCE_NOT_YOURS',
      ],
      [c.agent!, { kind: 'planned_leave', from: '2026-03-05', to: '2026-03-05' }, 403, 'FORBIDDEN'],
    ];
    for (const [who, b, status, code] of bad) {
      const r = await who.call('POST', '/api/v1/posts/absences', b);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json<{ code: string }>().code, r.body).toBe(code);
    }
    expect(await count('audit_events')).toBe(before);
    const own = await c.clerk!.call(
      'POST',
      '/api/v1/posts/absences',
      { kind: 'training', from: '2026-03-10T09:00', to: '2026-03-10T12:00' },
      { 'Idempotency-Key': 'posts-absence-0001' },
    );
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({
      startsAt: '2026-03-10T01:00:00.000Z',
      endsAt: '2026-03-10T04:00:00.000Z',
      availableActions: ['cancel'],
    });
    const forB = await c.supervisor!.call('POST', '/api/v1/posts/absences', {
      kind: 'planned_leave',
      accountId: demoPost.b.id,
      from: '2026-03-11',
      to: '2026-03-11',
    });
    expect(forB.json()).toMatchObject({
      startsAt: '2026-03-10T16:00:00.000Z',
      endsAt: '2026-03-11T16:00:00.000Z',
    });
    // B cannot cancel A's absence; A can; a second cancel is 409.
    const id = own.json<{ id: string }>().id;
    expect(
      (await c['clerk-b']!.call('POST', `/api/v1/posts/absences/${id}/cancel`)).statusCode,
    ).toBe(403);
    expect(
      (await c.clerk!.call('POST', `/api/v1/posts/absences/${id}/cancel`)).json(),
    ).toMatchObject({ status: 'cancelled' });
    expect(
      (await c.clerk!.call('POST', `/api/v1/posts/absences/${id}/cancel`)).json(),
    ).toMatchObject({ code: 'POST_ABSENCE_CANCELLED' });
    const list = (await c.clerk!.call('GET', '/api/v1/posts/absences')).json<
      { account: { id: string } }[]
    >();
    expect(list.map((a) => a.account.id)).toContain(demoPost.b.id);
    expect((await c['clerk-qyd']!.call('GET', '/api/v1/posts/absences')).json()).toEqual([]);
  });

  it('a hand-off to the post lands with B while A is away and returns to A exactly once', async () => {
    const absent = await c.clerk!.call('POST', '/api/v1/posts/absences', { kind: 'absent_today' });
    expect(absent.statusCode, absent.body).toBe(201);
    const q = await c.town!.call('POST', '/api/v1/inquiries', {
      channel: 'phone',
      callerDescription: '伊庄村一位老人',
      question: '社保卡丢了怎么补？',
      answer: '转村里专管员跟进',
    });
    expect(q.statusCode, q.body).toBe(201);
    const bothTargets = await c.town!.call('POST', '/api/v1/handoffs', {
      entityType: 'inquiry',
      entityId: q.json<{ id: string }>().id,
      reason: '请跟进',
      toPostId: demoPost.id,
      toAccountId: demoPost.a.id,
    });
    expect(bothTargets.statusCode).toBe(400);
    const noPost = await c.town!.call('POST', '/api/v1/handoffs', {
      entityType: 'inquiry',
      entityId: q.json<{ id: string }>().id,
      reason: '请跟进',
      toPostId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noPost.json()).toMatchObject({ code: 'POST_NOT_FOUND' });
    const h = await c.town!.call(
      'POST',
      '/api/v1/handoffs',
      {
        entityType: 'inquiry',
        entityId: q.json<{ id: string }>().id,
        reason: '请跟进',
        toPostId: demoPost.id,
      },
      { 'Idempotency-Key': 'posts-handoff-0001' },
    );
    expect(h.statusCode, h.body).toBe(201);
    const handoff = h.json<{ id: string; to: { id: string }; toPost: { id: string } }>();
    expect(handoff.to.id).toBe(demoPost.b.id);
    expect(handoff.toPost.id).toBe(demoPost.id);
    // While A stays away the sweep changes nothing.
    expect((await rerouteHandoffsToPosts(db(), { now: t.clock.now, nodeId: 'n1' })).rerouted).toBe(
      0,
    );
    // The next morning A is back: two sweepers race, one moves it.
    t.clock.advance(24 * 3_600_000);
    const [r1, r2] = await Promise.all([
      rerouteHandoffsToPosts(db(), { now: t.clock.now, nodeId: 'n1' }),
      rerouteHandoffsToPosts(db(), { now: t.clock.now, nodeId: 'n2' }),
    ]);
    expect(r1.rerouted + r2.rerouted).toBe(1);
    expect((await rerouteHandoffsToPosts(db(), { now: t.clock.now, nodeId: 'n1' })).rerouted).toBe(
      0,
    );
    const row = await db()
      .selectFrom('handoffs')
      .selectAll()
      .where('id', '=', handoff.id)
      .executeTakeFirstOrThrow();
    expect(row.to_account_id).toBe(demoPost.a.id);
    expect(await count('audit_events', ['action', 'handoff.rerouted'])).toBe(1);
    const told = await db()
      .selectFrom('notifications')
      .selectAll()
      .where('entity_id', '=', handoff.id)
      .where('account_id', '=', demoPost.a.id)
      .execute();
    expect(told).toHaveLength(1);
    await relogin();
    const accepted = await c.clerk!.call('POST', `/api/v1/handoffs/${handoff.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('an hour with nobody: a gap on the calendar, warned exactly once the day before and once that morning', async () => {
    // Now: Tuesday 2026-03-03 09:30 China. Both away on Thursday 2026-03-05 afternoon.
    await c.supervisor!.call('POST', '/api/v1/posts/absences', {
      kind: 'planned_leave',
      accountId: demoPost.a.id,
      from: '2026-03-05',
      to: '2026-03-05',
    });
    await c.supervisor!.call('POST', '/api/v1/posts/absences', {
      kind: 'training',
      accountId: demoPost.b.id,
      from: '2026-03-05T13:00',
      to: '2026-03-05T18:00',
    });
    const cov = await c.supervisor!.call(
      'GET',
      `/api/v1/posts/coverage?stationId=${stationId}&from=2026-03-02&days=7`,
    );
    expect(cov.statusCode, cov.body).toBe(200);
    const gaps = cov
      .json<{
        gaps: { postId: string; date: string; from: string; to: string; warned: boolean }[];
      }>()
      .gaps.filter((g) => g.postId === demoPost.id);
    expect(gaps).toEqual([
      { postId: demoPost.id, date: '2026-03-05', from: '12:30', to: '17:00', warned: false },
    ]);
    expect(
      (
        await c.supervisor!.call(
          'GET',
          `/api/v1/posts/coverage?stationId=${stationId}&from=2026-03-02&days=40`,
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await c['clerk-qyd']!.call(
          'GET',
          `/api/v1/posts/coverage?stationId=${stationId}&from=2026-03-02`,
        )
      ).json(),
    ).toMatchObject({ code: 'OUT_OF_SCOPE' });
    const warnings = () => count('post_coverage_warnings', ['post_id', demoPost.id]);
    // Tuesday: too early for Thursday.
    await sweepCoverageWarnings(db(), { now: t.clock.now, nodeId: 'n1' });
    expect(await warnings()).toBe(0);
    // Wednesday 15:00 China: the day-before notice, once however many nodes sweep.
    const dayBefore = new Date('2026-03-04T07:00:00Z');
    const runs = await Promise.all(
      [1, 2, 3].map((n) => sweepCoverageWarnings(db(), { now: dayBefore, nodeId: `n${n}` })),
    );
    // Two posts have the gap (the 社保医保岗 of the test above has the same two holders).
    expect(runs.reduce((s, r) => s + r.warned, 0)).toBe(2);
    expect(await warnings()).toBe(1);
    await sweepCoverageWarnings(db(), { now: new Date('2026-03-04T15:00:00Z'), nodeId: 'n1' });
    expect(await warnings()).toBe(1);
    const supervisorId = (
      await db()
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', 'supervisor')
        .executeTakeFirstOrThrow()
    ).id;
    const notes = await db()
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'post_coverage_gap')
      .execute();
    expect(notes.map((n) => n.account_id)).toEqual([supervisorId, supervisorId]);
    expect(JSON.parse(notes.find((n) => n.entity_id === demoPost.id)!.params)).toMatchObject({
      day: '2026-03-05',
      from: '12:30',
      to: '17:00',
      notice: 'day_before',
    });
    // Thursday 07:30 China: the morning notice, once.
    const morning = new Date('2026-03-04T23:30:00Z');
    await Promise.all([
      sweepCoverageWarnings(db(), { now: morning, nodeId: 'n1' }),
      sweepCoverageWarnings(db(), { now: morning, nodeId: 'n2' }),
    ]);
    expect(await warnings()).toBe(2);
    expect(await count('audit_events', ['action', 'post.coverage_warned'])).toBe(4);
    const after = await c.supervisor!.call(
      'GET',
      `/api/v1/posts/coverage?stationId=${stationId}&from=2026-03-05&days=1`,
    );
    expect(after.json<{ gaps: { warned: boolean }[] }>().gaps[0]?.warned).toBe(true);
  });
});
