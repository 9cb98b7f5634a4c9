/**
 * GS-13 rectification tickets, appeals, metrics and export: a 差评 is called back, classified,
 * rectified and the resident's reply recorded; due dates on the working-day calendar over a
 * holiday; an overdue ticket escalates exactly once with two sweepers; an upheld appeal leaves
 * the metrics but stays in the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdueTickets } from '../../src/modules/ratings/ratings.sweep.ts';
import { escalationRecipients } from '../../src/modules/escalations/escalation.recipients.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { count, deliveredCase, linkFor, rateByLink, residentId } from './ratings.fixtures.ts';

interface Ticket {
  id: string;
  state: string;
  version: number;
  callbackDue: string;
  dueDate: string;
  overdue: boolean;
  availableActions: string[];
  rating: { id: string; availableActions: string[]; excluded: boolean; number: string };
}
interface Metrics {
  totals: {
    rated: number;
    bad: number;
    rectified: number;
    satisfaction: number | null;
    callbackRate: number | null;
  } | null;
  rows: { key: string; label: string }[];
  ranking: { rank: number; label: string }[];
  inquiries: { total: number };
}

describe('GS-13 rectification tickets, appeals, metrics', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let supervisor: Client;
  let liId = '';

  const loginAll = async () => {
    clerk = await t.login('clerk');
    town = await t.login('town');
    supervisor = await t.login('supervisor');
  };
  const badRating = async (level: 1 | 2 = 2) => {
    const k = await deliveredCase(clerk, town, liId);
    const r = await rateByLink(t, (await linkFor(clerk, k.id)).token, {
      level,
      reasons: ['repeat_visits'],
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; ticketId: string }>();
  };
  const ticket = async (id: string) =>
    (await town.call('GET', `/api/v1/ratings/tickets/${id}`)).json<Ticket>();
  const step = (c: Client, tk: Ticket, body: Record<string, unknown>) =>
    c.call('POST', `/api/v1/ratings/tickets/${tk.id}/steps`, { version: tk.version, ...body });
  const metrics = async () =>
    (
      await supervisor.call('GET', '/api/v1/ratings/metrics?month=2026-03&group=station')
    ).json<Metrics>();

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll();
    liId = await residentId(clerk);
  });
  afterAll(async () => t.close());

  it('a 差评 is called back, verified and classified, rectified, the reply recorded, closed — metrics move', async () => {
    const before = await metrics();
    const { ticketId } = await badRating(1);
    let tk = await ticket(ticketId);
    expect(tk).toMatchObject({ state: 'opened', callbackDue: '2026-03-03', dueDate: '2026-03-09' });
    expect(tk.availableActions).toEqual(['call_back']);
    const mid = await metrics();
    expect(mid.totals!.bad).toBe((before.totals?.bad ?? 0) + 1);

    // The table refuses a step out of order, and a stale version.
    expect((await step(clerk, tk, { action: 'close' })).json()).toMatchObject({
      code: 'RATING_TICKET_STATE',
    });
    expect((await step(clerk, tk, { action: 'call_back' })).json()).toMatchObject({
      code: 'RATING_TICKET_FIELDS',
    });
    let r = await step(clerk, tk, { action: 'call_back', note: '已电话联系，群众反映多次跑动' });
    expect(r.statusCode, r.body).toBe(200);
    expect(
      (await step(clerk, tk, { action: 'classify', note: 'x', classification: 'explain' })).json(),
    ).toMatchObject({
      code: 'RATING_TICKET_STATE',
    });
    tk = r.json<Ticket>();
    expect(tk.availableActions).toEqual(['classify']);
    r = await step(clerk, tk, {
      action: 'classify',
      note: '核实属实',
      classification: 'fix_by_date',
    });
    expect(r.json()).toMatchObject({ code: 'RATING_TICKET_FIELDS' });
    r = await step(clerk, tk, {
      action: 'classify',
      note: '核实属实',
      classification: 'fix_by_date',
      fixDueDate: '2026-03-06',
    });
    tk = r.json<Ticket>();
    expect(tk.availableActions).toEqual(['rectify']);
    tk = (
      await step(clerk, tk, { action: 'rectify', outcome: '已调整材料清单，一次告知' })
    ).json<Ticket>();
    tk = (
      await step(clerk, tk, { action: 'record_reply', reply: '群众表示认可', satisfied: true })
    ).json<Ticket>();
    expect(tk.state).toBe('resident_replied');
    tk = (await step(town, tk, { action: 'close' })).json<Ticket>();
    expect(tk).toMatchObject({ state: 'closed', availableActions: [] });
    const after = await metrics();
    expect(after.totals!.rectified).toBe((mid.totals?.rectified ?? 0) + 1);
    expect(after.totals!.callbackRate).not.toBeNull();
    expect(after.ranking[0]).toMatchObject({ rank: 1, label: '伊庄村政务服务站' });
  });

  it('an explained ticket and a complex one (15 working days)', async () => {
    const { ticketId } = await badRating();
    let tk = await ticket(ticketId);
    tk = (await step(clerk, tk, { action: 'call_back', note: '已回访' })).json<Ticket>();
    tk = (
      await step(clerk, tk, {
        action: 'classify',
        note: '属政策规定',
        classification: 'explain',
        complex: true,
      })
    ).json<Ticket>();
    expect(tk.dueDate).toBe('2026-03-23');
    expect(tk.availableActions).toEqual(['explain']);
    expect(
      (await step(clerk, tk, { action: 'explain', outcome: '已解释政策依据' })).json(),
    ).toMatchObject({ state: 'explained' });
  });

  it('appeal: staff appeal, the supervisor upholds, the rating leaves the metrics and stays in the record', async () => {
    const rating = await badRating(1);
    const m0 = await metrics();
    const tk = await ticket(rating.ticketId);
    expect(tk.rating.availableActions).toEqual(['appeal']);
    const filed = await clerk.call('POST', `/api/v1/ratings/${rating.id}/appeal`, {
      reason: '群众误点了评价器',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const appeal = filed.json<{ id: string; availableActions: string[] }>();
    expect(appeal.availableActions).toEqual([]); // the appellant never decides
    expect(
      (await clerk.call('POST', `/api/v1/ratings/${rating.id}/appeal`, { reason: '再次' })).json(),
    ).toMatchObject({
      code: 'RATING_APPEAL_EXISTS',
    });
    expect(
      (
        await clerk.call('POST', `/api/v1/ratings/appeals/${appeal.id}/decision`, {
          decision: 'uphold',
          note: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const seen = (await supervisor.call('GET', '/api/v1/ratings/appeals')).json<
      { id: string; availableActions: string[] }[]
    >();
    expect(seen.find((a) => a.id === appeal.id)!.availableActions).toEqual(['uphold', 'reject']);
    const decided = await supervisor.call('POST', `/api/v1/ratings/appeals/${appeal.id}/decision`, {
      decision: 'uphold',
      note: '核实为误操作',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ state: 'upheld', rating: { excluded: true } });
    const again = await supervisor.call('POST', `/api/v1/ratings/appeals/${appeal.id}/decision`, {
      decision: 'reject',
      note: '改判',
    });
    expect(again.json()).toMatchObject({ code: 'RATING_APPEAL_DECIDED' });
    const m1 = await metrics();
    expect(m1.totals!.rated).toBe(m0.totals!.rated - 1);
    expect(m1.totals!.bad).toBe(m0.totals!.bad - 1);
    const listed = (await town.call('GET', '/api/v1/ratings?bad=true')).json<
      { id: string; excluded: boolean }[]
    >();
    expect(listed.find((r) => r.id === rating.id)).toMatchObject({ excluded: true });
    // A good rating cannot be appealed.
    const k = await deliveredCase(clerk, town, liId);
    const good = (await rateByLink(t, (await linkFor(clerk, k.id)).token, { level: 5 })).json<{
      id: string;
    }>();
    expect(
      (await clerk.call('POST', `/api/v1/ratings/${good.id}/appeal`, { reason: '无' })).json(),
    ).toMatchObject({
      code: 'RATING_APPEAL_NOT_BAD',
    });
  });

  it('export: the national record fields as JSON and Excel, without the rater', async () => {
    const r = await town.call('GET', '/api/v1/ratings/export?month=2026-03');
    expect(r.statusCode, r.body).toBe(200);
    const { records } = r.json<{ records: Record<string, unknown>[] }>();
    expect(records.length).toBeGreaterThan(3);
    expect(Object.keys(records[0]!)).toEqual([
      'caseNumber',
      'itemCode',
      'regionCode',
      'channel',
      'ratingType',
      'level',
      'reasonCodes',
      'comment',
      'handler',
      'agent',
      'serviceChannel',
      'completedAt',
      'ratedAt',
      'counted',
      'rectification',
    ]);
    // The demo's ratings (device, SMS, QR) come first; this file's own were rated by QR link.
    expect(records).toContainEqual(
      expect.objectContaining({ itemCode: 'DX-SB-001', channel: '6', ratingType: '1' }),
    );
    expect(r.body).not.toContain('李');
    const x = await town.call('GET', '/api/v1/ratings/export.xlsx?month=2026-03&lang=en');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('due dates over the May Day holiday; an overdue ticket escalates exactly once with two sweepers', async () => {
    t.clock.now = new Date('2026-04-30T02:00:00Z'); // Thursday 30 April, 10:00 China time
    await loginAll();
    const { ticketId } = await badRating();
    const tk = await ticket(ticketId);
    // 1–5 May are holidays, Saturday 9 May is a make-up working day.
    expect(tk).toMatchObject({ callbackDue: '2026-05-06', dueDate: '2026-05-11' });
    const db = t.testDb.db.kysely;
    const sweep = (at: string, nodeId: string) =>
      sweepOverdueTickets(db, { now: new Date(at), nodeId, recipients: escalationRecipients });
    const escalatedOf = () =>
      db
        .selectFrom('escalations')
        .selectAll()
        .where('entity_type', '=', 'rating_ticket')
        .where('entity_id', '=', ticketId)
        .execute();
    // The March tickets left open are overdue by now; this one is still due on 11 May (23:00 China).
    await sweep('2026-05-11T15:00:00Z', 'a');
    expect(await escalatedOf()).toEqual([]);
    const escalationsBefore = await count(t, 'escalations');
    const [a, b] = await Promise.all([
      sweep('2026-05-12T01:00:00Z', 'a'),
      sweep('2026-05-12T01:00:00Z', 'b'),
    ]);
    const won = a.escalated + b.escalated;
    expect(await escalatedOf()).toHaveLength(1);
    expect(won).toBe(1);
    expect(await count(t, 'escalations')).toBe(escalationsBefore + won);
    const events = await db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'rating_ticket.escalated')
      .where('entity_id', '=', ticketId)
      .execute();
    expect(events).toHaveLength(1);
    const notes = await db
      .selectFrom('notifications')
      .select('account_id')
      .where('kind', '=', 'rating_ticket_overdue')
      .where('entity_id', '=', ticketId)
      .execute();
    expect(notes.length).toBeGreaterThan(0);
    expect(new Set(notes.map((n) => n.account_id)).size).toBe(notes.length);
    expect((await sweep('2026-05-13T01:00:00Z', 'c')).escalated).toBe(0);
    t.clock.now = new Date('2026-05-12T01:00:00Z');
    await loginAll();
    expect(await ticket(ticketId)).toMatchObject({ overdue: true });
  });
});
