/**
 * The route × role matrix for the records routes that need rows first (see
 * access/records.cases.ts): every demo role, and anonymously, on a volunteer of the demo team in
 * 魏善庄镇 — the declared roles succeed, the others get 403 FORBIDDEN, no session gets 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/roles.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { accountId, insertMember, insertTeam, insertVolunteer } from '../helpers/vs-fixtures.ts';
import { ACCOUNTS } from './access/index.ts';
import { demoVolunteer, insertActivity, insertServiceRecord } from './records.fixtures.ts';

const READERS: Role[] = ['admin', 'supervisor', 'volunteer_staff', 'team_leader', 'volunteer'];
const ISSUERS: Role[] = ['team_leader', 'volunteer_staff'];

describe('VS-8 X-2 records routes × roles', () => {
  let t: TestApp;
  const clients = new Map<string, Client>();
  let vol = '';
  let team = '';
  const certs: { id: string; certificateNumber: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.testDb.db.kysely;
    for (const u of Object.keys(ACCOUNTS)) clients.set(u, await t.login(u));
    const lead = await accountId(db, 'leader');
    team = await insertTeam(db, { regionCode: '110115110000', leaderAccountId: lead });
    vol = await demoVolunteer(db, (acc) =>
      insertVolunteer(db, t.pii, { homeRegionCode: '110115110207', accountId: acc }),
    );
    await insertMember(db, { teamId: team, volunteerId: vol });
    const act = await insertActivity(db, {
      teamId: team,
      regionCode: '110115110000',
      leadAccountId: lead,
    });
    await insertServiceRecord(db, {
      volunteerId: vol,
      activityId: act,
      teamId: team,
      date: '2026-02-20',
      halfHours: 6,
      confirmedBy: lead,
    });
    for (let i = 0; i < 3; i += 1) {
      const r = await clients
        .get('leader')!
        .call('POST', '/api/v1/vs/certificates', { volunteerId: vol, teamId: team });
      expect(r.statusCode, r.body).toBe(201);
      certs.push(r.json());
    }
  });
  afterAll(async () => t.close());

  const cases: {
    name: string;
    method: 'GET' | 'POST';
    allowed: Role[] | 'public';
    request: (role: Role) => { url: string; body?: object };
  }[] = [
    {
      name: 'GET /vs/records/{volunteerId}',
      method: 'GET',
      allowed: READERS,
      request: () => ({ url: `/api/v1/vs/records/${vol}` }),
    },
    {
      name: 'POST /vs/records/{volunteerId}/entries',
      method: 'POST',
      allowed: ISSUERS,
      request: () => ({
        url: `/api/v1/vs/records/${vol}/entries`,
        body: { teamId: team, kind: 'award', title: '优秀志愿者', onDate: '2026-02-28' },
      }),
    },
    {
      name: 'GET /vs/certificates/preview',
      method: 'GET',
      allowed: ISSUERS,
      request: () => ({ url: `/api/v1/vs/certificates/preview?volunteerId=${vol}&teamId=${team}` }),
    },
    {
      name: 'POST /vs/certificates',
      method: 'POST',
      allowed: ISSUERS,
      request: () => ({ url: '/api/v1/vs/certificates', body: { volunteerId: vol, teamId: team } }),
    },
    {
      name: 'GET /vs/certificates/{id}',
      method: 'GET',
      allowed: READERS,
      request: () => ({ url: `/api/v1/vs/certificates/${certs[0]!.id}` }),
    },
    {
      name: 'GET /vs/certificates/{id}/certificate.pdf',
      method: 'GET',
      allowed: READERS,
      request: () => ({ url: `/api/v1/vs/certificates/${certs[0]!.id}/certificate.pdf` }),
    },
    {
      name: 'POST /vs/certificates/{id}/revoke',
      method: 'POST',
      allowed: ISSUERS,
      // each allowed role revokes a certificate of its own
      request: (role) => ({
        url: `/api/v1/vs/certificates/${certs[role === 'volunteer_staff' ? 2 : 1]!.id}/revoke`,
        body: { reason: '登记有误' },
      }),
    },
    {
      name: 'GET /public/certificates/{number}',
      method: 'GET',
      allowed: 'public',
      request: () => ({ url: `/api/v1/public/certificates/${certs[0]!.certificateNumber}` }),
    },
  ];

  for (const route of cases) {
    describe(route.name, () => {
      it('anonymous', async () => {
        const { url, body } = route.request('volunteer');
        const res = await t.app.inject({
          method: route.method,
          url,
          ...(body ? { payload: body } : {}),
        });
        if (route.allowed === 'public') expect(res.statusCode, res.body).toBe(200);
        else {
          expect(res.statusCode).toBe(401);
          expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
        }
      });
      for (const [username, role] of Object.entries(ACCOUNTS)) {
        it(`${role} (${username})`, async () => {
          const { url, body } = route.request(role);
          const res = await clients.get(username)!.call(route.method, url, body);
          if (route.allowed === 'public' || route.allowed.includes(role))
            expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(300);
          else {
            expect(res.statusCode, res.body).toBe(403);
            expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
          }
        });
      }
    });
  }
});
