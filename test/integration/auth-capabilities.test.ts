/** Issue #12: /auth/me names what the caller may do, from the role groups the routes declare. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const STATION_STAFF = [
  'authorizations.read',
  'authorizations.write',
  'calendar.read',
  'cases.intake',
  'cases.read',
  'catalog.detail',
  'handoffs.read',
  'homeVisits.visit',
  'inquiries.handle',
  'orders.place',
  'orders.record',
  'residents.login',
  'residents.read',
  'residents.register',
  'staff.workspace',
];

/** Each demo account (one grant each) and exactly what it may do. */
const EXPECTED: Record<string, string[]> = {
  admin: [
    'accounts.manage',
    'audit.read',
    'audit.verify',
    'authorizations.read',
    'calendar.edit',
    'calendar.read',
    'cases.read',
    'cases.supervise',
    'catalog.detail',
    'catalog.edit',
    'catalog.export',
    'handoffs.overdue',
    'handoffs.read',
    'imports.run',
    'open311.keys',
    'orders.place',
    'posts.manage',
    'posts.read',
    'programs.figures',
    'queue.windows',
    'ratings.handle',
    'ratings.read',
    'records.figures',
    'residents.login',
    'residents.read',
    'residents.register',
    'staff.workspace',
    'stations.manage',
    'training.read',
    'volunteers.lists.edit',
    'volunteers.staff',
    'webhooks.manage',
  ],
  supervisor: [
    'audit.read',
    'authorizations.read',
    'calendar.read',
    'cases.read',
    'cases.supervise',
    'catalog.detail',
    'catalog.export',
    'handoffs.overdue',
    'handoffs.read',
    'orders.place',
    'posts.manage',
    'posts.read',
    'programs.figures',
    'ratings.handle',
    'ratings.read',
    'records.figures',
    'residents.read',
    'staff.workspace',
    'training.read',
  ],
  district: [
    'authorizations.read',
    'calendar.read',
    'cases.inbox',
    'cases.read',
    'catalog.detail',
    'handoffs.read',
    'inquiries.handle',
    'orders.place',
    'posts.read',
    'programs.figures',
    'ratings.read',
    'records.figures',
    'residents.read',
    'staff.workspace',
    'training.read',
  ],
  town: [
    ...STATION_STAFF,
    // Issue #15 point 9: a town officer edits, exports and imports their town's own items.
    'catalog.edit',
    'catalog.export',
    'cases.inbox',
    'cases.supervise',
    'handoffs.overdue',
    'imports.run',
    'programs.figures',
    'queue.windows',
    'ratings.handle',
    'ratings.read',
    'records.figures',
    'posts.manage',
    'posts.read',
    'training.manage',
    'training.read',
  ].sort(),
  clerk: [
    ...STATION_STAFF,
    'queue.windows',
    'ratings.handle',
    'ratings.read',
    'posts.read',
    'training.read',
  ].sort(),
  agent: STATION_STAFF.filter((c) => c !== 'residents.login'),
  vstaff: [
    'activities.manage',
    'orders.place',
    'orders.record',
    'orders.review',
    'records.certify',
    'records.figures',
    'volunteers.lists.edit',
    'volunteers.staff',
  ],
  leader: [
    'activities.manage',
    'orders.place',
    'orders.team',
    'records.certify',
    'teams.lead',
    'volunteers.lists.edit',
  ],
  volunteer: ['orders.place', 'volunteering.join'],
  organiser: ['orders.place', 'programs.figures', 'programs.organise'],
  guardian: ['orders.place'],
  resident: ['orders.place', 'resident.services'],
};

/** A route guarded by exactly the role group of the capability: 403 exactly for those without it. */
const PROBES: [capability: string, url: string][] = [
  ['audit.read', '/api/v1/audit/events'],
  ['cases.read', '/api/v1/cases'],
  ['handoffs.read', '/api/v1/handoffs'],
  ['authorizations.read', '/api/v1/authorizations'],
  ['catalog.export', '/api/v1/catalog/export'],
  ['records.figures', '/api/v1/vs/figures'],
  ['programs.figures', '/api/v1/programs/figures'],
  ['ratings.read', '/api/v1/ratings'],
  ['ratings.handle', '/api/v1/ratings/tickets'],
  ['records.certify', '/api/v1/vs/certificates/candidates'],
  // Issue #13: the organiser's class list (an unknown class: 404 for the organiser, 403 for others).
  ['programs.organise', '/api/v1/programs/classes/00000000-0000-4000-8000-000000000000/enrolments'],
];

interface MeBody {
  capabilities: string[];
  grants: { role: string; capabilities: string[] }[];
}

describe('#12 /auth/me capabilities', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  for (const [username, expected] of Object.entries(EXPECTED)) {
    it(`${username}: the capabilities of its grant, and the routes agree`, async () => {
      const client = await t.login(username);
      const me = (await client.call('GET', '/api/v1/auth/me')).json<MeBody>();
      expect(me.capabilities).toEqual(expected);
      // One grant: the account's capabilities are that grant's.
      expect(me.grants.map((g) => g.capabilities)).toEqual([expected]);
      for (const [capability, url] of PROBES) {
        const status = (await client.call('GET', url)).statusCode;
        expect({ capability, forbidden: status === 403 }).toEqual({
          capability,
          forbidden: !expected.includes(capability),
        });
      }
    });
  }

  it('the login answer carries them too', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'resident', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<MeBody>().capabilities).toEqual(EXPECTED.resident);
  });
});
