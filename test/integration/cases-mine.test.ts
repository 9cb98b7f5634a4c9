/**
 * Issue #11 "my records": GET /api/v1/cases/mine answers a logged-in resident with the cases where
 * they are the applicant — their own resident record only, whatever their roles — in the words
 * of public tracking (state, due date, what is still missing), with nothing of anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const LI = '110115194803120019'; // 李长福: the demo `resident` account's own record
const CHENG = '110115194611230037'; // 程建国: another resident of the same town

interface MyCase {
  number: string;
  item: { zh: string; en: string };
  state: string;
  result: string | null;
  station: string;
  dueDate: string | null;
  light: string;
  openRequests: { name: { zh: string }; kind: string; blocking: boolean; reason: string | null }[];
}
interface Mine {
  linked: boolean;
  cases: MyCase[];
}

describe('my cases (issue #11)', () => {
  let t: TestApp;
  let clerk: Client;
  let resident: Client;
  let liId = '';
  let chengId = '';

  const file = async (residentId: string, presented: string[]) => {
    const r = await clerk.call('POST', '/api/v1/cases', {
      residentId,
      itemCode: 'DX-SB-001',
      presented,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; number: string; version: number; state: string }>();
  };
  const mine = async (c: Client = resident) => {
    const r = await c.call('GET', '/api/v1/cases/mine');
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Mine>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    resident = await t.login('resident');
    const lookup = async (idNumber: string) =>
      (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber })).json<{ id: string }>()
        .id;
    liId = await lookup(LI);
    chengId = await lookup(CHENG);
  });
  afterAll(async () => t.close());

  it('a resident with no cases gets an empty, linked list', async () => {
    expect(await mine()).toEqual({ linked: true, cases: [] });
  });

  it('shows only the caller’s own cases, with state, station and what is still missing', async () => {
    const own = await file(liId, ['id_card']);
    const others = await file(chengId, ['id_card', 'photo_1inch']);
    const list = await mine();
    expect(list.linked).toBe(true);
    expect(list.cases.map((c) => c.number)).toEqual([own.number]);
    expect(list.cases.map((c) => c.number)).not.toContain(others.number);
    const [c] = list.cases;
    expect(c).toMatchObject({
      state: 'awaiting_supplement',
      station: '伊庄村政务服务站',
      dueDate: null,
      light: 'none',
      result: null,
    });
    expect(c!.item.zh).not.toBe('');
    const blocking = c!.openRequests.filter((r) => r.blocking).map((r) => r.name.zh);
    expect(blocking.join(' ')).toContain('照片');
    // Nothing staff-only or personal rides along: no ID numbers, ids, tracking codes or versions.
    const body = JSON.stringify(list);
    expect(body).not.toContain(LI);
    expect(body).not.toContain(liId);
    expect(body).not.toMatch(/trackingCode|applicant|version|availableActions/);
  });

  it('follows the case: once the photo is brought, it is accepted with a due date and nothing missing', async () => {
    const [before] = (await mine()).cases;
    const kase = (await clerk.call('GET', '/api/v1/cases?limit=50')).json<
      { id: string; number: string; version: number }[]
    >();
    const row = kase.find((k) => k.number === before!.number)!;
    const r = await clerk.call('POST', `/api/v1/cases/${row.id}/transitions`, {
      action: 'supplement',
      expectedVersion: row.version,
      presented: ['photo_1inch'],
    });
    expect(r.statusCode, r.body).toBe(200);
    const [after] = (await mine()).cases;
    expect(after).toMatchObject({ number: before!.number, state: 'accepted' });
    expect(after!.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(after!.light).toBe('green');
    expect(after!.openRequests.filter((q) => q.blocking)).toEqual([]);
  });

  it('newest first', async () => {
    t.clock.advance(60_000);
    clerk = await t.login('clerk');
    resident = await t.login('resident');
    const newer = await file(liId, ['id_card', 'photo_1inch']);
    const list = await mine();
    expect(list.cases).toHaveLength(2);
    expect(list.cases[0]!.number).toBe(newer.number);
  });

  it('an account without a resident record has no cases of its own — not other people’s', async () => {
    for (const username of ['volunteer', 'clerk', 'admin']) {
      const c = await t.login(username);
      expect(await mine(c), username).toEqual({ linked: false, cases: [] });
    }
  });

  it('anonymous callers are refused', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/cases/mine' });
    expect(r.statusCode).toBe(401);
  });
});
