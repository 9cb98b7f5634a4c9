/** GS-8: the deadline sweep escalates each overdue case exactly once, even with two nodes sweeping at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sweepOverdueCases,
  sweepOverdueHandoffs,
} from '../../src/modules/escalations/escalation.sweep.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { TEST_DIALECT } from '../helpers/test-db.ts';

interface CaseJson {
  id: string;
  version: number;
  dueDate: string;
  light: string;
}

interface StationFigures {
  stationName: string;
  filed: number;
  overdue: number;
  paused: number;
  tongban: number;
  secondRequestRate: number;
}

describe('GS-8 deadline sweep and escalations (also GS-4, X-8)', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let residentId = '';
  const ids: string[] = [];
  // The per-station figures before this file files anything: the demo's own (finished, rated)
  // cases count there too, and this file checks what its twelve cases add.
  let baseline: StationFigures[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    baseline = (await (await t.login('supervisor')).call('GET', '/api/v1/cases/figures')).json<
      StationFigures[]
    >();
    clerk = await t.login('clerk');
    residentId = (
      await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: '110115194803120019' })
    ).json<{ id: string }>().id;
    // Twelve cases accepted on Monday 2 March 2026, due five working days later (Monday 9 March).
    for (let i = 0; i < 12; i++) {
      const r = await clerk.call('POST', '/api/v1/cases', {
        residentId,
        itemCode: 'DX-SB-001',
        presented: ['id_card', 'photo_1inch'],
      });
      ids.push(r.json<CaseJson>().id);
    }
    // One of them is suspended (clock paused): it must not be escalated.
    town = await t.login('town');
    const first = (await clerk.call('GET', `/api/v1/cases/${ids[0]}`)).json<CaseJson>();
    await clerk.call('POST', `/api/v1/cases/${ids[0]}/transitions`, {
      action: 'route',
      expectedVersion: first.version,
    });
    const routed = (await town.call('GET', `/api/v1/cases/${ids[0]}`)).json<CaseJson>();
    await town.call('POST', `/api/v1/cases/${ids[0]}/transitions`, {
      action: 'suspend',
      expectedVersion: routed.version,
      reason: '等待公安核查户籍',
    });
  });
  afterAll(async () => t.close());

  it('nothing is escalated before the due date passes', async () => {
    const r = await sweepOverdueCases(t.testDb.db.kysely, {
      now: new Date('2026-03-09T09:00:00+08:00'),
      nodeId: 'a',
    });
    expect(r).toEqual({ checked: 0, escalated: 0 });
  });

  it('two nodes sweeping at once escalate each overdue case once', async () => {
    const now = new Date('2026-03-10T09:00:00+08:00');
    // On PostgreSQL a second app node with its own connection pool. SQLite serves one process
    // (one town, one machine): there the two sweeps overlap on the process's one connection.
    const nodeB = TEST_DIALECT === 'postgres' ? t.testDb.openAnother() : t.testDb.db;
    const [a, b] = await Promise.all([
      sweepOverdueCases(t.testDb.db.kysely, { now, nodeId: 'node-a' }),
      sweepOverdueCases(nodeB.kysely, { now, nodeId: 'node-b' }),
    ]);
    expect(a.escalated + b.escalated).toBe(11);
    const rows = await t.testDb.db.kysely
      .selectFrom('escalations')
      .select(['entity_id', 'swept_by'])
      .execute();
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => r.entity_id)).size).toBe(11);
    expect(rows.map((r) => r.entity_id)).not.toContain(ids[0]);
    const audited = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'case.escalated')
      .execute();
    expect(audited).toHaveLength(11);
    // A later sweep finds nothing new.
    expect(await sweepOverdueCases(nodeB.kysely, { now, nodeId: 'node-b' })).toEqual({
      checked: 0,
      escalated: 0,
    });
  });

  it('#16: the sweep sees only newly overdue cases — each escalated case carries its mark', async () => {
    const db = t.testDb.db.kysely;
    const marked = await db
      .selectFrom('cases')
      .select(['id', 'overdue_escalated_at'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(marked.map((r) => [r.id, r.overdue_escalated_at]));
    expect(byId.get(ids[0]!)).toBeNull(); // the suspended one
    for (const id of ids.slice(1)) expect(byId.get(id)).not.toBeNull();
    // A case escalated by an older node (an escalation without the mark) is marked by the next
    // sweep and leaves the candidates, instead of blocking the batch for ever.
    await db
      .updateTable('cases')
      .set({ overdue_escalated_at: null })
      .where('id', '=', ids[1]!)
      .execute();
    const now = new Date('2026-03-10T09:05:00+08:00');
    expect(await sweepOverdueCases(db, { now, nodeId: 'node-c', batchSize: 1 })).toEqual({
      checked: 1,
      escalated: 0,
    });
    expect(await sweepOverdueCases(db, { now, nodeId: 'node-c', batchSize: 1 })).toEqual({
      checked: 0,
      escalated: 0,
    });
    const escalations = await db
      .selectFrom('escalations')
      .select('entity_id')
      .where('entity_id', '=', ids[1]!)
      .execute();
    expect(escalations).toHaveLength(1);
  });

  /** overdue notifications (case_overdue, handoff_overdue) per username and entity. */
  const escalationNotices = async (entityType: 'case' | 'handoff') => {
    const rows = await t.testDb.db.kysely
      .selectFrom('notifications as n')
      .innerJoin('accounts as a', 'a.id', 'n.account_id')
      .select(['a.username', 'n.entity_id', 'n.kind', 'n.params'])
      .where('n.kind', 'in', ['case_overdue', 'handoff_overdue'])
      .where('n.entity_type', '=', entityType)
      .execute();
    const per = new Map<string, string[]>();
    for (const r of rows) per.set(r.username, [...(per.get(r.username) ?? []), r.entity_id ?? '']);
    return { rows, per };
  };

  it('each escalated case notifies the town centre’s officers and the supervisors, once each', async () => {
    const { rows, per } = await escalationNotices('case');
    expect([...per.keys()].sort()).toEqual(['supervisor', 'town']);
    const escalated = (
      await t.testDb.db.kysely
        .selectFrom('escalations')
        .select('entity_id')
        .where('entity_type', '=', 'case')
        .execute()
    ).map((r) => r.entity_id);
    for (const username of ['supervisor', 'town']) {
      expect([...per.get(username)!].sort()).toEqual([...escalated].sort()); // once per case
    }
    expect(rows[0]!.kind).toBe('case_overdue');
    expect((JSON.parse(rows[0]!.params) as { caseNumber: string }).caseNumber).toMatch(
      /^\d{9}-20260302-\d{7}$/,
    );
    const audited = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'case.escalated')
      .executeTakeFirstOrThrow();
    expect((JSON.parse(audited.after_json!) as { notified: string[] }).notified).toHaveLength(2);
    // The town officer reads them through the ordinary notifications API.
    const mine = (await town.call('GET', '/api/v1/notifications')).json<{ kind: string }[]>();
    expect(mine.filter((n) => n.kind === 'case_overdue')).toHaveLength(11);
  });

  it('an overdue hand-off is escalated once too', async () => {
    const townMe = (await town.call('GET', '/api/v1/auth/me')).json<{ id: string }>();
    const handoff = await clerk.call('POST', '/api/v1/handoffs', {
      entityType: 'case',
      entityId: ids[1],
      toAccountId: townMe.id,
      reason: '请镇中心核对参保记录',
    });
    expect(handoff.statusCode, handoff.body).toBe(201);
    const due = handoff.json<{ dueDate: string }>().dueDate;
    const later = new Date(`${due}T09:00:00+08:00`);
    later.setUTCDate(later.getUTCDate() + 1);
    const nodeB = TEST_DIALECT === 'postgres' ? t.testDb.openAnother() : t.testDb.db;
    const [a, b] = await Promise.all([
      sweepOverdueHandoffs(t.testDb.db.kysely, { now: later, nodeId: 'node-a' }),
      sweepOverdueHandoffs(nodeB.kysely, { now: later, nodeId: 'node-b' }),
    ]);
    expect(a.escalated + b.escalated).toBe(1);
    const rows = await t.testDb.db.kysely
      .selectFrom('escalations')
      .select('entity_id')
      .where('entity_type', '=', 'handoff')
      .execute();
    expect(rows).toHaveLength(1);
    const { per } = await escalationNotices('handoff');
    expect(Object.fromEntries(per)).toEqual({
      supervisor: [handoff.json<{ id: string }>().id],
      town: [handoff.json<{ id: string }>().id],
    });
  });

  it('the town centre and supervisors see the escalations in their reach; others do not', async () => {
    t.clock.advance(8 * 86400_000);
    const townNow = await t.login('town');
    const open = (await townNow.call('GET', '/api/v1/escalations')).json<
      { id: string; caseNumber: string }[]
    >();
    expect(open).toHaveLength(12);
    expect(open[0]!.caseNumber).toMatch(/^\d{9}-20260302-/);
    const supervisor = await t.login('supervisor');
    expect((await supervisor.call('GET', '/api/v1/escalations')).json<unknown[]>()).toHaveLength(
      12,
    );
    const otherTown = await t.login('clerk-qyd');
    expect((await otherTown.call('GET', '/api/v1/escalations')).statusCode).toBe(403);
    const ack = await townNow.call('POST', `/api/v1/escalations/${open[0]!.id}/acknowledge`);
    expect(ack.statusCode).toBe(204);
    expect((await townNow.call('GET', '/api/v1/escalations')).json<unknown[]>()).toHaveLength(11);
    expect(
      (await townNow.call('GET', '/api/v1/escalations?open=false')).json<unknown[]>(),
    ).toHaveLength(12);
  });

  it('per-station figures show the overdue and paused cases', async () => {
    const supervisor = await t.login('supervisor');
    const figures = (await supervisor.call('GET', '/api/v1/cases/figures')).json<
      StationFigures[]
    >();
    const YI = '伊庄村政务服务站';
    const before = baseline.find((r) => r.stationName === YI);
    const was = (k: 'filed' | 'overdue' | 'paused' | 'tongban') => before?.[k] ?? 0;
    expect(figures.find((r) => r.stationName === YI)).toEqual(
      expect.objectContaining({
        stationName: YI,
        filed: was('filed') + 12,
        overdue: was('overdue') + 11,
        paused: was('paused') + 1,
        tongban: was('tongban') + 12,
        secondRequestRate: 0,
      }),
    );
    // Every other station's figures are as the demo left them.
    const others = (rows: StationFigures[]) => rows.filter((r) => r.stationName !== YI);
    expect(others(figures)).toEqual(others(baseline));
    const otherTown = await t.login('clerk-qyd');
    expect((await otherTown.call('GET', '/api/v1/cases/figures')).statusCode).toBe(403);
  });

  it('the per-station figures by keyset (#16) are the same rows, page by page', async () => {
    const supervisor = await t.login('supervisor');
    const all = (await supervisor.call('GET', '/api/v1/cases/figures')).json<unknown[]>();
    expect(all.length).toBeGreaterThan(1);
    const walked: unknown[] = [];
    let after = '';
    do {
      const res = await supervisor.call('GET', `/api/v1/cases/figures/page?limit=1${after}`);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: unknown[]; nextCursor: string | null; total: number }>();
      expect(page.items).toHaveLength(1);
      expect(page.total).toBe(all.length);
      walked.push(...page.items);
      after = page.nextCursor ? `&after=${page.nextCursor}` : '';
    } while (after);
    expect(walked).toEqual(all);
    for (const query of ['after=bm90LWEtY3Vyc29y', 'limit=0', 'limit=501', 'regionCode=11']) {
      const bad = await supervisor.call('GET', `/api/v1/cases/figures/page?${query}`);
      expect(bad.statusCode, query).toBe(400);
    }
    const otherList = (await supervisor.call('GET', '/api/v1/escalations/page?limit=1')).json<{
      nextCursor: string | null;
    }>().nextCursor;
    expect(otherList).toBeTruthy();
    const foreign = await supervisor.call('GET', `/api/v1/cases/figures/page?after=${otherList}`);
    expect(foreign.json<{ code: string }>().code).toBe('CURSOR_INVALID');
    const aClerk = await t.login('clerk-qyd');
    expect((await aClerk.call('GET', '/api/v1/cases/figures/page')).statusCode).toBe(403);
  });

  it('the drill-down (X-8, #16) sums the stations per district, town and station in the server', async () => {
    const supervisor = await t.login('supervisor');
    const stations = (await supervisor.call('GET', '/api/v1/cases/figures')).json<
      (StationFigures & { stationId: string; districtCode: string; townCode: string })[]
    >();
    const drill = async (query: string) => {
      const res = await supervisor.call('GET', `/api/v1/cases/figures/drill?${query}`);
      expect(res.statusCode).toBe(200);
      return res.json<
        { key: string; name: string; stations: number; filed: number; overdue: number }[]
      >();
    };
    const districts = await drill('by=district');
    expect(districts.map((d) => d.key)).toEqual(['110115000000']);
    expect(districts[0]).toEqual(
      expect.objectContaining({
        name: '大兴区',
        stations: stations.length,
        filed: stations.reduce((n, s) => n + s.filed, 0),
        overdue: stations.reduce((n, s) => n + s.overdue, 0),
      }),
    );
    const towns = await drill('by=town&regionCode=110115000000');
    expect(towns.reduce((n, r) => n + r.stations, 0)).toBe(stations.length);
    for (const town of towns) {
      const under = stations.filter((s) => s.townCode === town.key);
      expect(town.stations).toBe(under.length);
      expect(town.filed).toBe(under.reduce((n, s) => n + s.filed, 0));
    }
    // Most overdue first: the town with the eleven overdue cases of this file leads.
    expect(towns[0]!.overdue).toBeGreaterThanOrEqual(11);
    const townOfYi = stations.find((s) => s.stationName === '伊庄村政务服务站')!.townCode;
    const inTown = await drill(`by=station&regionCode=${townOfYi}`);
    expect(inTown.map((r) => r.key).sort()).toEqual(
      stations
        .filter((s) => s.townCode === townOfYi)
        .map((s) => s.stationId)
        .sort(),
    );
    expect(inTown[0]).toEqual(
      expect.objectContaining({ name: '伊庄村政务服务站', stations: 1, overdue: 11 }),
    );
    const bad = await supervisor.call('GET', '/api/v1/cases/figures/drill?by=village');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    const aClerk = await t.login('clerk-qyd');
    expect((await aClerk.call('GET', '/api/v1/cases/figures/drill?by=district')).statusCode).toBe(
      403,
    );
  });

  it('a clerk finds the colleagues of the town to hand a matter to, and no one beyond', async () => {
    const clerkNow = await t.login('clerk'); // the clock has moved on: a new session
    const list = (await clerkNow.call('GET', '/api/v1/colleagues')).json<
      { displayName: string; role: string; stationName: string | null }[]
    >();
    expect(list.map((c) => c.displayName)).toContain('魏善庄镇中心人员（演示）');
    expect(list.map((c) => c.displayName)).toContain('三顺庄村代办员（演示）');
    expect(list.map((c) => c.displayName)).not.toContain('伊庄村专管员（演示）'); // not oneself
    expect(list.map((c) => c.displayName)).not.toContain('青云店镇某村专管员（演示）');
    expect(JSON.stringify(list)).not.toMatch(/\d{17}[\dX]/);
  });

  it('bad input → 4xx problem+json', async () => {
    const townNow = await t.login('town');
    expect((await townNow.call('GET', '/api/v1/escalations?open=maybe')).statusCode).toBe(400);
    expect(
      (await townNow.call('POST', '/api/v1/escalations/not-a-uuid/acknowledge')).statusCode,
    ).toBe(400);
    const missing = await townNow.call(
      'POST',
      '/api/v1/escalations/00000000-0000-4000-8000-000000000000/acknowledge',
    );
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
