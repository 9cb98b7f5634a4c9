/**
 * GS-12 routes on a real database: every role on the routes that need a session or a competence
 * first; bad input on every endpoint (4xx problem+json with a code, nothing written); an
 * Idempotency-Key replays a session; parallel grants and renewals have exactly one winner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { ACCOUNTS } from './access/index.ts';
import { badTrainingCases } from './training.bad-cases.ts';

const READERS = ['admin', 'supervisor', 'district_officer', 'town_officer', 'clerk'];

describe('GS-12 training routes: roles, bad input, idempotency, races', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let centre = '';
  let yizhuang = '';
  let sessionId = '';
  let futureSessionId = '';
  let otherTownClerk = '';

  const auditCount = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const competenceOf = async (accountId: string, itemCode: string) =>
    (
      await c.town!.call(
        'GET',
        `/api/v1/training/competences?accountId=${accountId}&itemCode=${itemCode}`,
      )
    ).json<{ id: string; version: number }[]>()[0]!;

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [...Object.keys(ACCOUNTS), 'clerk-qyd']) c[u] = await t.login(u);
    for (const u of ['clerk', 'agent', 'town', 'clerk-qyd'])
      id[u] = (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    otherTownClerk = id['clerk-qyd']!;
    const stations = (await c.town!.call('GET', '/api/v1/stations?regionCode=110115110000')).json<
      { id: string; kind: string; regionCode: string }[]
    >();
    centre = stations.find((s) => s.kind === 'town_centre' && s.regionCode === '110115110000')!.id;
    yizhuang = (await c.town!.call('GET', '/api/v1/stations?regionCode=110115110207')).json<
      { id: string }[]
    >()[0]!.id;
    const s = await c.town!.call('POST', '/api/v1/training/sessions', {
      kind: 'town_centre',
      stationId: centre,
      heldOn: '2026-03-02',
      trainerName: '区民政局',
      topicItems: ['DX-MZ-003'],
      topicText: '特困供养政策',
      attendeeIds: [id.clerk, id.agent],
    });
    expect(s.statusCode, s.body).toBe(201);
    sessionId = s.json<{ id: string }>().id;
    const f = await c.town!.call('POST', '/api/v1/training/sessions', {
      kind: 'point_to_point',
      stationId: yizhuang,
      heldOn: '2026-04-10',
      trainerName: '镇中心',
      topicItems: [],
      topicText: '下月入村培训',
    });
    expect(f.statusCode, f.body).toBe(201);
    futureSessionId = f.json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  it('the session lists attendees present and the topics by name', async () => {
    const s = (await c.clerk!.call('GET', `/api/v1/training/sessions/${sessionId}`)).json<{
      attendance: { id: string; status: string }[];
      topicItems: { code: string; name: { zh: string } }[];
      attendanceOpen: boolean;
    }>();
    expect(s.attendance.map((a) => a.status)).toEqual(['present', 'present']);
    expect(s.topicItems[0]!.name.zh).toContain('特困');
    expect(s.attendanceOpen).toBe(true);
  });

  describe('every role on the routes with ids', () => {
    for (const [username, role] of Object.entries(ACCOUNTS)) {
      it(`${role} (${username})`, async () => {
        const who = c[username]!;
        const readAllowed = READERS.includes(role);
        const writeAllowed = role === 'town_officer';
        const expectStatus = (res: { statusCode: number; body: string }, ok: boolean) => {
          if (ok) expect(res.statusCode, res.body).toBeLessThan(300);
          else {
            expect(res.statusCode, res.body).toBe(403);
            expect(JSON.parse(res.body)).toMatchObject({ code: 'FORBIDDEN' });
          }
        };
        expectStatus(await who.call('GET', `/api/v1/training/sessions/${sessionId}`), readAllowed);
        expectStatus(
          await who.call('POST', `/api/v1/training/sessions/${sessionId}/attendance`, {
            entries: [{ accountId: id.agent, present: false }],
          }),
          writeAllowed,
        );
        const k = await competenceOf(id.agent!, 'DX-MZ-002');
        expectStatus(await who.call('GET', `/api/v1/training/competences/${k.id}`), readAllowed);
        expectStatus(
          await who.call('POST', `/api/v1/training/competences/${k.id}/revoke`, {
            reason: '测试撤销',
            version: k.version,
          }),
          writeAllowed,
        );
        const again = await competenceOf(id.agent!, 'DX-MZ-002');
        expectStatus(
          await who.call('POST', `/api/v1/training/competences/${again.id}/renew`, {
            expiresOn: '2027-03-01',
            version: again.version,
          }),
          writeAllowed,
        );
      });
    }
  });

  it('a session replays under the same Idempotency-Key (one row)', async () => {
    const body = {
      kind: 'town_centre',
      stationId: centre,
      heldOn: '2026-03-02',
      trainerName: '区社保中心',
      topicItems: ['DX-SB-001'],
      topicText: '社保卡',
    };
    const headers = { 'idempotency-key': 'training-session-retry' };
    const a = await c.town!.call('POST', '/api/v1/training/sessions', body, headers);
    const b = await c.town!.call('POST', '/api/v1/training/sessions', body, headers);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode).toBeLessThan(500);
    const rows = await t.testDb.db.kysely
      .selectFrom('training_sessions')
      .select('id')
      .where('trainer_name', '=', '区社保中心')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('parallel grants of the same person and item: exactly one wins', async () => {
    const body = {
      accountId: id.clerk,
      itemCode: 'DX-JY-001',
      certifiedOn: '2026-03-02',
      expiresOn: '2027-03-01',
    };
    const res = await Promise.all(
      [1, 2, 3].map(() => c.town!.call('POST', '/api/v1/training/competences', body)),
    );
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(
      res.filter((r) => r.statusCode === 409).map((r) => r.json<{ code: string }>().code),
    ).toEqual(['COMPETENCE_EXISTS', 'COMPETENCE_EXISTS']);
  });

  it('parallel renewals on the same version: exactly one wins', async () => {
    const k = await competenceOf(id.clerk!, 'DX-JY-001');
    const res = await Promise.all(
      ['2027-06-01', '2027-07-01', '2027-08-01'].map((expiresOn) =>
        c.town!.call('POST', `/api/v1/training/competences/${k.id}/renew`, {
          expiresOn,
          version: k.version,
        }),
      ),
    );
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect((await competenceOf(id.clerk!, 'DX-JY-001')).version).toBe(k.version + 1);
  });

  describe('bad input: 4xx problem+json with a code, nothing written', () => {
    beforeAll(async () => {
      const clerkSb = await competenceOf(id.clerk!, 'DX-SB-001');
      Object.assign(k, id, { centre, yizhuang, sessionId, futureSessionId, otherTownClerk });
      k.competence = clerkSb.id;
      k.version = String(clerkSb.version);
    });

    const k: Record<string, string> = {};
    const bad = badTrainingCases(k);
    for (const b of bad) {
      it(b.name, async () => {
        const before = await auditCount();
        const res = await c[b.who ?? 'town']!.call(b.method, b.url(), b.body?.());
        expect(res.statusCode, res.body).toBe(b.status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        const p = res.json<{ code: string; title: string }>();
        expect(p.code).toBe(b.code);
        expect(p.title).toBeTruthy();
        expect(await auditCount()).toBe(before);
      });
    }
  });
});
