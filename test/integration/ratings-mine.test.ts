/**
 * GS-13 GET /api/v1/ratings/mine (issue #14) on the dialect of the run: a resident sees only her own
 * finished services — what is left to rate, and her ratings with the 差评 ticket's call-back and
 * outcome — never another resident's, never who handled the ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { deliveredCase } from './ratings.fixtures.ts';

const LI = '110115194803120019'; // 李长福: the demo `resident` account's own record
const CHENG = '110115194611230037'; // 程建国: another resident of the town

interface Mine {
  toRate: { subjectType: string; subjectId: string; number: string }[];
  rated: {
    subjectId: string;
    level: number;
    kind: string;
    followUpAllowed: boolean;
    ticket: {
      state: string;
      calledBackAt: string | null;
      outcome: string | null;
      classification: string | null;
    } | null;
  }[];
}
interface Ticket {
  id: string;
  version: number;
}

describe('GS-13 my ratings (/ratings/mine)', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let resident: Client;

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    resident = await t.login('resident');
  });
  afterAll(async () => t.close());

  const idOf = async (idNumber: string) =>
    (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber })).json<{ id: string }>().id;
  const mine = async () => {
    const r = await resident.call('GET', '/api/v1/ratings/mine');
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Mine>();
  };

  it('only my finished cases are left to rate; my 差评 shows the call-back and the outcome', async () => {
    const mineCase = await deliveredCase(clerk, town, await idOf(LI));
    const theirs = await deliveredCase(clerk, town, await idOf(CHENG));
    let m = await mine();
    const ids = m.toRate.map((x) => x.subjectId);
    expect(ids).toContain(mineCase.id);
    expect(ids).not.toContain(theirs.id);
    expect(m.rated.map((x) => x.subjectId)).not.toContain(theirs.id);

    // Rating another resident's case: refused, nothing written.
    const foreign = await resident.call(
      'POST',
      '/api/v1/ratings/mine',
      { subjectType: 'case', subjectId: theirs.id, level: 5, reasons: [] },
      { 'idempotency-key': `mine-foreign-${Date.now()}` },
    );
    expect(foreign.statusCode).toBeGreaterThanOrEqual(400);
    expect(foreign.statusCode).toBeLessThan(500);

    const rated = await resident.call(
      'POST',
      '/api/v1/ratings/mine',
      { subjectType: 'case', subjectId: mineCase.id, level: 1, reasons: ['slow'], comment: '慢' },
      { 'idempotency-key': `mine-rate-${Date.now()}` },
    );
    expect(rated.statusCode, rated.body).toBe(201);
    const ticketId = rated.json<{ ticketId: string }>().ticketId;
    expect(ticketId).toBeTruthy();
    m = await mine();
    expect(m.toRate.map((x) => x.subjectId)).not.toContain(mineCase.id);
    const row = m.rated.find((x) => x.subjectId === mineCase.id)!;
    expect(row).toMatchObject({ level: 1, kind: 'first', followUpAllowed: true });
    expect(row.ticket).toMatchObject({ calledBackAt: null, outcome: null });
    expect(JSON.stringify(row)).not.toContain('display_name');

    // The unit calls back and rectifies: her page shows it.
    const step = async (body: Record<string, unknown>) => {
      const tk = (await town.call('GET', `/api/v1/ratings/tickets/${ticketId}`)).json<Ticket>();
      const r = await clerk.call('POST', `/api/v1/ratings/tickets/${ticketId}/steps`, {
        version: tk.version,
        ...body,
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    await step({ action: 'call_back', note: '已回访' });
    await step({ action: 'classify', note: '属实', classification: 'fix_now' });
    await step({ action: 'rectify', outcome: '增开窗口' });
    const after = (await mine()).rated.find((x) => x.subjectId === mineCase.id)!;
    expect(after.ticket).toMatchObject({ classification: 'fix_now', outcome: '增开窗口' });
    expect(after.ticket?.calledBackAt).toBeTruthy();
  });

  it('staff and anonymous callers have no "mine"', async () => {
    expect((await clerk.call('GET', '/api/v1/ratings/mine')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/ratings/mine' })).statusCode).toBe(
      401,
    );
  });
});
