/**
 * GS-10 (issue #14 point 3): every case records its channel. 社会保障卡补办 (DX-SB-001) offers the
 * window, appointments, agents and online filing, not a home visit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { caseHelpers, LI } from './cases.fixtures.ts';

interface Filed {
  id: string;
  channel: string;
}

describe('GS-10 a case records its channel', () => {
  let t: TestApp;
  let clerk: Client;
  let agent: Client;
  let liId = '';
  const { file, count } = caseHelpers(() => ({ t, liId }));
  const presented = ['id_card', 'photo_1inch'];

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    agent = await t.login('agent');
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    const agentId = (await agent.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const authorized = await clerk.call('POST', '/api/v1/authorizations', {
      residentId: liId,
      agentAccountId: agentId,
      items: 'all',
      expiresOn: '2026-12-31',
      consent: { method: 'in_person' },
    });
    expect(authorized.statusCode, authorized.body).toBe(201);
  });
  afterAll(async () => t.close());

  it('a filing at the window says window; the case view and the list carry it', async () => {
    const res = await file(clerk, { presented });
    expect(res.statusCode, res.body).toBe(201);
    const kase = res.json<Filed>();
    expect(kase.channel).toBe('window');
    const read = (await clerk.call('GET', `/api/v1/cases/${kase.id}`)).json<Filed>();
    expect(read.channel).toBe('window');
  });

  it('an appointment and a phone call are recorded as such', async () => {
    for (const channel of ['appointment', 'phone']) {
      const res = await file(clerk, { presented, channel });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Filed>().channel).toBe(channel);
    }
  });

  it("an agent's filing says agent", async () => {
    const res = await file(agent, { presented });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Filed>().channel).toBe('agent');
  });

  it('a channel the item does not offer is refused with the offered ones, nothing written', async () => {
    const before = await count('cases');
    const res = await file(clerk, { presented, channel: 'home_visit' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{ code: string; offered: string[] }>();
    expect(problem.code).toBe('CHANNEL_NOT_OFFERED');
    expect(problem.offered).toEqual(['window', 'appointment', 'agent', 'online']);
    expect(await count('cases')).toBe(before);
  });

  it('staff cannot record online filing, nor an unknown channel (400)', async () => {
    const before = await count('cases');
    for (const channel of ['online', 'fax', 3]) {
      const res = await file(clerk, { presented, channel });
      expect(res.statusCode, res.body).toBe(400);
    }
    expect(await count('cases')).toBe(before);
  });
});
