/**
 * Issue #10 point 8 (GS-6, X-2): an agent of 三顺庄村 sees exactly the residents who authorized
 * them — in lists (filtered in SQL), single reads, lookups and reveals — may still register a new
 * resident, and reads only the inquiries and hand-offs they are party to. Staff keep their reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/modules/calendar/working-days.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

interface Resident {
  id: string;
  fullName: string;
  homeRegionCode: string;
}
interface Inquiry {
  id: string;
}
interface Handoff {
  id: string;
}

const LI_ID = '110115194803120019'; // 李长福, 三顺庄村
const CHENG_ID = '110115194611230037'; // 程建国, 伊庄村
const TOWN = '110115110'; // 魏善庄镇

describe('an agent sees only the residents who authorized them (GS-6)', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let li = '';
  let cheng = '';

  const loginAll = async () => {
    for (const u of ['clerk', 'agent', 'town', 'clerk-qyd']) c[u] = await t.login(u);
  };
  /** The ids the database says the agent may see: live authorizations of the agent. */
  const authorizedIds = async () =>
    (
      await t.testDb.db.kysely
        .selectFrom('authorizations')
        .select('resident_id')
        .where('agent_account_id', '=', id.agent!)
        .where('revoked_at', 'is', null)
        .where('expires_on', '>=', chinaDate(t.clock.now))
        .execute()
    )
      .map((r) => r.resident_id)
      .filter((v, i, all) => all.indexOf(v) === i)
      .sort();
  const listed = async (who: Client) =>
    (await who.call('GET', '/api/v1/residents?limit=200')).json<Resident[]>();
  const auditCount = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const authorize = async (residentId: string, expiresOn = '2026-12-31') => {
    const r = await c.clerk!.call('POST', '/api/v1/authorizations', {
      residentId,
      agentAccountId: id.agent,
      items: 'all',
      expiresOn,
      consent: { method: 'in_person' },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    t = await createTestApp({ residents: 60 });
    await loginAll();
    for (const u of Object.keys(c))
      id[u] = (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const lookup = async (idNumber: string) =>
      (await c.clerk!.call('POST', '/api/v1/residents/lookup', { idNumber })).json<Resident>().id;
    li = await lookup(LI_ID);
    cheng = await lookup(CHENG_ID);
  });
  afterAll(async () => t.close());

  it('the list holds exactly the residents who authorized the agent (the demo’s few)', async () => {
    const ids = await authorizedIds();
    expect(ids.length).toBeGreaterThan(0); // the demo agent has someone to serve
    const mine = await listed(c.agent!);
    expect(mine.map((r) => r.id).sort()).toEqual(ids);
    expect(mine.map((r) => r.id)).not.toContain(li);
    // The town clerk still reads the whole town: many more residents, many villages.
    const town = await listed(c.clerk!);
    expect(town.length).toBeGreaterThan(mine.length);
    expect(town.every((r) => r.homeRegionCode.startsWith(TOWN))).toBe(true);
    expect(new Set(town.map((r) => r.homeRegionCode)).size).toBeGreaterThan(1);
  });

  it('a resident who never authorized the agent: no read, no lookup, no reveal, nothing written', async () => {
    const before = await auditCount();
    const read = await c.agent!.call('GET', `/api/v1/residents/${li}`);
    expect(read.statusCode).toBe(403);
    expect(read.json()).toMatchObject({ code: 'AUTHORIZATION_MISSING' });
    expect(read.body).not.toContain('李长福');
    const found = await c.agent!.call('POST', '/api/v1/residents/lookup', { idNumber: LI_ID });
    expect(found.statusCode).toBe(403);
    expect(found.json()).toMatchObject({ code: 'AUTHORIZATION_MISSING' });
    expect(found.body).not.toContain('李长福');
    const reveal = await c.agent!.call('POST', `/api/v1/residents/${li}/reveal`, {
      reason: '核对代办材料',
    });
    expect(reveal.statusCode).toBe(403);
    expect(reveal.json()).toMatchObject({ code: 'AUTHORIZATION_MISSING' });
    expect(reveal.body).not.toContain(LI_ID);
    expect(await auditCount()).toBe(before);
    // Someone outside the agent's town is simply not found.
    const qyd = await c['clerk-qyd']!.call('GET', '/api/v1/residents?limit=1');
    const far = qyd.json<Resident[]>()[0]!;
    expect((await c.agent!.call('GET', `/api/v1/residents/${far.id}`)).json()).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
  });

  it('once the resident authorizes the agent: listed, readable and revealable (audited)', async () => {
    const authId = await authorize(li);
    expect((await listed(c.agent!)).map((r) => r.id)).toContain(li);
    expect((await c.agent!.call('GET', `/api/v1/residents/${li}`)).statusCode).toBe(200);
    const found = await c.agent!.call('POST', '/api/v1/residents/lookup', { idNumber: LI_ID });
    expect(found.json<Resident>().id).toBe(li);
    const before = await auditCount();
    const reveal = await c.agent!.call('POST', `/api/v1/residents/${li}/reveal`, {
      reason: '核对代办材料',
    });
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.json()).toMatchObject({ idNumber: LI_ID, phone: '13800005678' });
    expect(await auditCount()).toBe(before + 1);

    // Revoked: gone again.
    const revoke = await c.clerk!.call('POST', `/api/v1/authorizations/${authId}/revoke`, {
      reason: '本人来电撤回',
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect((await listed(c.agent!)).map((r) => r.id)).not.toContain(li);
    expect((await c.agent!.call('GET', `/api/v1/residents/${li}`)).json()).toMatchObject({
      code: 'AUTHORIZATION_MISSING',
    });
  });

  it('an authorization that has lapsed opens nothing, and says so', async () => {
    await authorize(cheng, '2026-03-03');
    expect((await listed(c.agent!)).map((r) => r.id)).toContain(cheng);
    t.clock.advance(2 * 86_400_000); // Wednesday 4 March: it ended on the 3rd
    await loginAll(); // sessions last 12 hours
    expect((await listed(c.agent!)).map((r) => r.id)).not.toContain(cheng);
    expect((await listed(c.agent!)).map((r) => r.id).sort()).toEqual(await authorizedIds());
    const reveal = await c.agent!.call('POST', `/api/v1/residents/${cheng}/reveal`, {
      reason: '核对代办材料',
    });
    expect(reveal.statusCode).toBe(403);
    expect(reveal.json()).toMatchObject({ code: 'AUTHORIZATION_EXPIRED' });
  });

  it('the agent may not order a volunteer service on behalf of a resident who never authorized them', async () => {
    const need = (residentId: string) =>
      c.agent!.call('POST', '/api/v1/vs/needs/on-behalf', {
        channel: 'walk_in',
        residentId,
        categoryCode: 'elderly',
        regionCode: '110115110222',
        description: '老人需要上门理发',
        place: '三顺庄村东街8号',
        contactName: '李大爷',
        contactPhone: '010-69280001',
      });
    const refused = await need(li);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'AUTHORIZATION_MISSING' });
    const [authorized] = await authorizedIds();
    const ok = await need(authorized!);
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('the agent registers a new resident, records the authorization, and then sees them', async () => {
    const idNumber = buildIdNumber('110115', '19500101', '733');
    const reg = await c.agent!.call('POST', '/api/v1/residents', {
      idNumber,
      fullName: '赵德顺',
      homeRegionCode: '110115110222',
      address: '北京市大兴区魏善庄镇三顺庄村北街2号',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const created = reg.json<Resident>();
    expect((await c.agent!.call('GET', `/api/v1/residents/${created.id}`)).statusCode).toBe(403);
    const auth = await c.agent!.call('POST', '/api/v1/authorizations', {
      residentId: created.id,
      agentAccountId: id.agent,
      items: ['DX-SB-001'],
      expiresOn: '2026-12-31',
      consent: { method: 'signed_form' },
    });
    expect(auth.statusCode, auth.body).toBe(201);
    expect((await c.agent!.call('GET', `/api/v1/residents/${created.id}`)).statusCode).toBe(200);
    expect((await listed(c.agent!)).map((r) => r.id)).toContain(created.id);
  });
});

describe('an agent reads only the inquiries and hand-offs they are party to (GS-4, GS-6)', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let li = '';

  const ask = async (who: Client, extra: Record<string, unknown> = {}) => {
    const r = await who.call('POST', '/api/v1/inquiries', {
      channel: 'phone',
      question: '低保怎么申请？',
      answer: '已告知所需材料',
      ...extra,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Inquiry>();
  };
  const handOff = async (who: Client, entityId: string, toAccountId: string) => {
    const r = await who.call('POST', '/api/v1/handoffs', {
      entityType: 'inquiry',
      entityId,
      toAccountId,
      reason: '需镇中心答复',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Handoff>();
  };
  const listedBy = async (who: Client) =>
    (await who.call('GET', '/api/v1/inquiries?limit=200')).json<Inquiry[]>().map((q) => q.id);

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['clerk', 'agent', 'town']) c[u] = await t.login(u);
    for (const u of Object.keys(c))
      id[u] = (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    li = (
      await c.clerk!.call('POST', '/api/v1/residents/lookup', { idNumber: LI_ID })
    ).json<Resident>().id;
  });
  afterAll(async () => t.close());

  it('an inquiry between other staff: neither listed nor readable, nor its hand-off', async () => {
    const q = await ask(c.clerk!, { residentId: li });
    const h = await handOff(c.clerk!, q.id, id.town!);
    const read = await c.agent!.call('GET', `/api/v1/inquiries/${q.id}`);
    expect(read.statusCode).toBe(403);
    expect(read.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(read.body).not.toContain('李长福');
    expect(await listedBy(c.agent!)).not.toContain(q.id);
    const hand = await c.agent!.call('GET', `/api/v1/handoffs/${h.id}`);
    expect(hand.statusCode).toBe(403);
    expect(hand.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    // Staff of the town still see both.
    expect(await listedBy(c.town!)).toContain(q.id);
    expect((await c.town!.call('GET', `/api/v1/handoffs/${h.id}`)).statusCode).toBe(200);
  });

  it('the agent’s own inquiry, and one handed to them, are theirs to read', async () => {
    const own = await ask(c.agent!);
    const handed = await ask(c.clerk!);
    const h = await handOff(c.clerk!, handed.id, id.agent!);
    expect((await c.agent!.call('GET', `/api/v1/inquiries/${own.id}`)).statusCode).toBe(200);
    expect((await c.agent!.call('GET', `/api/v1/inquiries/${handed.id}`)).statusCode).toBe(200);
    expect((await c.agent!.call('GET', `/api/v1/handoffs/${h.id}`)).statusCode).toBe(200);
    const mine = await listedBy(c.agent!);
    expect(mine).toEqual(expect.arrayContaining([own.id, handed.id]));
    const rows = await t.testDb.db.kysely
      .selectFrom('inquiries')
      .select('id')
      .where('first_responder_id', '=', id.agent!)
      .execute();
    const handedIds = await t.testDb.db.kysely
      .selectFrom('handoffs')
      .select('entity_id')
      .where('entity_type', '=', 'inquiry')
      .where((eb) =>
        eb.or([eb('from_account_id', '=', id.agent!), eb('to_account_id', '=', id.agent!)]),
      )
      .execute();
    const party = new Set([...rows.map((r) => r.id), ...handedIds.map((r) => r.entity_id)]);
    expect(mine.sort()).toEqual([...party].sort());
  });

  it('the agent may not name a resident who never authorized them on an inquiry', async () => {
    const r = await c.agent!.call('POST', '/api/v1/inquiries', {
      channel: 'walk_in',
      residentId: li,
      question: '社保卡丢了怎么补？',
      answer: '带身份证办理',
    });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'AUTHORIZATION_MISSING' });
  });
});
