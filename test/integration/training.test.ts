/**
 * GS-12 on a real database: competence gating refuses and suggests; a competent clerk files;
 * expiry at the China day's end; revoke and renew; the colleague picker suggests competent
 * colleagues first; town officers are not gated, agents are; scope; figures and their Excel.
 * The demo requires 临时救助申请 (DX-MZ-002) in 魏善庄镇; the agent and the town officer hold it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const ITEM = 'DX-MZ-002';

interface Problem {
  code: string;
  title: string;
  detail: string;
  item: { code: string; name: { zh: string; en: string } };
  competentColleagues: {
    id: string;
    displayName: string;
    role: string;
    stationName: string | null;
  }[];
}
interface Competence {
  id: string;
  status: string;
  version: number;
  availableActions: string[];
  holder: { id: string };
}

describe('GS-12 competence gating refuses and suggests', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let li = ''; // 李长福, 三顺庄村
  let clerkCompetence: Competence;

  const count = async (table: keyof Database) =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const file = (who: Client, itemCode = ITEM, headers: Record<string, string> = {}) =>
    who.call(
      'POST',
      '/api/v1/cases',
      { residentId: li, itemCode, presented: ['id_card'] },
      headers,
    );

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['clerk', 'agent', 'town', 'clerk-qyd', 'supervisor', 'admin'])
      c[u] = await t.login(u);
    for (const u of ['clerk', 'agent', 'town'])
      id[u] = (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    li = (
      await c.clerk!.call('POST', '/api/v1/residents/lookup', { idNumber: '110115194803120019' })
    ).json<{ id: string }>().id;
    const auth = await c.clerk!.call('POST', '/api/v1/authorizations', {
      residentId: li,
      agentAccountId: id.agent,
      items: 'all',
      expiresOn: '2026-12-31',
      consent: { method: 'in_person' },
    });
    expect(auth.statusCode, auth.body).toBe(201);
  });
  afterAll(async () => t.close());

  it('the demo requires the item in 魏善庄镇', async () => {
    const res = await c.town!.call('GET', '/api/v1/training/requirements');
    expect(res.statusCode, res.body).toBe(200);
    const req =
      res.json<{ item: { code: string }; required: boolean; competentHolders: number }[]>();
    expect(req.map((r) => [r.item.code, r.required])).toEqual([[ITEM, true]]);
    expect(req[0]!.competentHolders).toBe(2);
  });

  it('a clerk without the competence is refused, naming the item and whom to ask; nothing written', async () => {
    const before = await Promise.all([count('cases'), count('audit_events')]);
    const res = await file(c.clerk!);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json<Problem>();
    expect(p.code).toBe('COMPETENCE_REQUIRED');
    expect(p.item.code).toBe(ITEM);
    expect(p.item.name.zh).toBe('临时救助申请');
    expect(p.item.name.en.length).toBeGreaterThan(0);
    const names = p.competentColleagues.map((x) => x.id);
    expect(names).toContain(id.agent);
    expect(names).toContain(id.town);
    expect(names).not.toContain(id.clerk);
    const agent = p.competentColleagues.find((x) => x.id === id.agent)!;
    expect(agent.stationName).toContain('三顺庄');
    expect(p.detail).toContain('临时救助申请');
    expect(p.detail).toContain(agent.displayName);
    expect(await Promise.all([count('cases'), count('audit_events')])).toEqual(before);
  });

  it('says so in English too', async () => {
    const res = await file(c.clerk!, ITEM, { 'accept-language': 'en' });
    const p = res.json<Problem>();
    expect(p.title).toMatch(/competence/i);
    expect(p.detail).toContain(ITEM);
    expect(p.detail).toMatch(/Hand it to/);
  });

  it('an item the town does not require is filed as before', async () => {
    expect((await file(c.clerk!, 'DX-SB-001')).statusCode).toBe(201);
  });

  it('the colleague picker puts competent colleagues first, marked', async () => {
    const res = await c.clerk!.call('GET', `/api/v1/colleagues?itemCode=${ITEM}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<{ id: string; competent?: boolean }[]>();
    const firstTwo = list
      .slice(0, 2)
      .map((x) => x.id)
      .sort();
    expect(firstTwo).toEqual([id.agent, id.town].sort());
    expect(list.slice(0, 2).every((x) => x.competent === true)).toBe(true);
    expect(list.slice(2).every((x) => x.competent === false)).toBe(true);
    // without an item: unchanged, no marks
    const plain = (await c.clerk!.call('GET', '/api/v1/colleagues')).json<
      { competent?: boolean }[]
    >();
    expect(plain.every((x) => x.competent === undefined)).toBe(true);
  });

  it('a town centre officer is not gated (they certify; whom a clerk asks)', async () => {
    const own = await c.town!.call(
      'GET',
      `/api/v1/training/competences?accountId=${id.town}&itemCode=${ITEM}`,
    );
    const [mine] = own.json<Competence[]>();
    const revoked = await c.town!.call('POST', `/api/v1/training/competences/${mine!.id}/revoke`, {
      reason: '调岗，暂停该事项',
      version: mine!.version,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await file(c.town!)).statusCode).toBe(201);
  });

  it('an agent is gated: with the competence they file, once revoked they are refused', async () => {
    expect((await file(c.agent!)).statusCode).toBe(201);
    const [k] = (
      await c.town!.call(
        'GET',
        `/api/v1/training/competences?accountId=${id.agent}&itemCode=${ITEM}`,
      )
    ).json<Competence[]>();
    expect(k!.availableActions).toEqual(['renew', 'revoke']);
    const revoked = await c.town!.call('POST', `/api/v1/training/competences/${k!.id}/revoke`, {
      reason: '复核不合格',
      version: k!.version,
    });
    expect(revoked.json<Competence>()).toMatchObject({
      status: 'revoked',
      availableActions: ['renew'],
    });
    const res = await file(c.agent!);
    expect(res.statusCode).toBe(403);
    // nobody in the town holds it now: the problem says to contact the town centre
    const p = res.json<Problem>();
    expect(p.competentColleagues).toEqual([]);
    expect(p.detail).toContain('镇中心');
  });

  it('after the grant the clerk files', async () => {
    const res = await c.town!.call('POST', '/api/v1/training/competences', {
      accountId: id.clerk,
      itemCode: ITEM,
      certifiedOn: '2026-03-02',
      expiresOn: '2026-03-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    clerkCompetence = res.json<Competence>();
    expect(clerkCompetence).toMatchObject({ status: 'valid', version: 1 });
    expect((await file(c.clerk!)).statusCode).toBe(201);
    // now she is the one suggested to the agent
    const p = (await file(c.agent!)).json<Problem>();
    expect(p.competentColleagues.map((x) => x.id)).toEqual([id.clerk]);
  });

  it('scope: a clerk of another town sees none of this town’s competences and cannot read one', async () => {
    const list = await c['clerk-qyd']!.call('GET', '/api/v1/training/competences');
    expect(list.statusCode).toBe(200);
    expect(list.json<Competence[]>()).toEqual([]);
    const one = await c['clerk-qyd']!.call(
      'GET',
      `/api/v1/training/competences/${clerkCompetence.id}`,
    );
    expect(one.statusCode).toBe(403);
    expect(one.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    const sessions = await c['clerk-qyd']!.call('GET', '/api/v1/training/sessions');
    expect(sessions.json<unknown[]>()).toEqual([]);
    const theirs = await c.clerk!.call('GET', '/api/v1/training/sessions');
    expect(theirs.json<unknown[]>()).toHaveLength(2);
  });

  it('figures: staff trained, items covered per station, required items with no holder; Excel', async () => {
    const res = await c.town!.call('GET', '/api/v1/training/figures?from=2026-02-01&to=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json<{
      sessions: number;
      stations: {
        stationName: string;
        staff: number;
        staffTrained: number;
        itemsCovered: number;
      }[];
      gaps: { stationName: string; item: { code: string } }[];
    }>();
    expect(f.sessions).toBe(2);
    const yz = f.stations.find((s) => s.stationName.includes('伊庄'))!;
    // 伊庄村 has two clerks (the AB post's A and B, GS-11); only the A clerk attended a session.
    expect(yz).toMatchObject({ staff: 2, staffTrained: 1, itemsCovered: 2 });
    const ssz = f.stations.find((s) => s.stationName.includes('三顺庄'))!;
    expect(ssz).toMatchObject({ staff: 1, staffTrained: 1, itemsCovered: 1 }); // DX-MZ-002 revoked
    expect(f.gaps.map((g) => g.stationName).sort()).toEqual(
      [ssz.stationName, f.stations.find((s) => s.stationName.includes('中心'))!.stationName].sort(),
    );
    const xlsx = await c.supervisor!.call(
      'GET',
      '/api/v1/training/figures.xlsx?townCode=110115110000&from=2026-02-01&to=2026-03-31&lang=en',
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('expiry: valid through its last China day, refused from the next China midnight', async () => {
    t.clock.now = new Date('2026-03-31T15:59:00.000Z'); // 3-31 23:59 in Beijing
    for (const u of ['clerk', 'agent', 'town']) c[u] = await t.login(u); // sessions lapsed
    expect((await file(c.clerk!)).statusCode).toBe(201);
    t.clock.now = new Date('2026-03-31T16:00:00.000Z'); // 4-1 00:00 in Beijing
    const res = await file(c.clerk!);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'COMPETENCE_REQUIRED' });
    const k = (
      await c.town!.call('GET', `/api/v1/training/competences/${clerkCompetence.id}`)
    ).json<Competence>();
    expect(k).toMatchObject({ status: 'expired', availableActions: ['renew'] });
  });

  it('renewing (on the version seen) lets her file again; a stale version is refused', async () => {
    const stale = await c.town!.call(
      'POST',
      `/api/v1/training/competences/${clerkCompetence.id}/renew`,
      {
        expiresOn: '2027-03-31',
        version: 99,
      },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'COMPETENCE_CHANGED' });
    const res = await c.town!.call(
      'POST',
      `/api/v1/training/competences/${clerkCompetence.id}/renew`,
      {
        expiresOn: '2028-02-29',
        version: clerkCompetence.version,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'valid',
      certifiedOn: '2026-04-01',
      expiresOn: '2028-02-29',
      version: 2,
    });
    expect((await file(c.clerk!)).statusCode).toBe(201);
  });

  it('switching the requirement off lets anyone file; it is audited', async () => {
    expect((await file(c.agent!)).statusCode).toBe(403);
    const off = await c.town!.call('PUT', `/api/v1/training/requirements/${ITEM}`, {
      required: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ required: false });
    expect((await file(c.agent!)).statusCode).toBe(201);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('action', '=', 'competence.requirement_set')
      .where('actor_id', '=', id.town!)
      .execute();
    expect(audit).toHaveLength(1);
  });
});
