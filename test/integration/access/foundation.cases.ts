/** Route cases of the foundation (X-1 … X-4): who may call each route, and a valid request. */
import crypto from 'node:crypto';
import { buildIdNumber } from '../../../src/modules/residents/id-number.ts';
import { ANY, type RouteCase } from './route-case.ts';

const READERS = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
] as const;
const REGISTRARS = ['admin', 'town_officer', 'clerk', 'agent'] as const;

let seq = 0;
const uniqueId = () =>
  buildIdNumber(
    '110115',
    '19700101'.replace(/01$/, String(1 + (seq % 28)).padStart(2, '0')),
    String(100 + seq++).padStart(3, '0'),
  );

export const FOUNDATION_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/regions',
    allowed: 'public',
    request: () => ({ url: '/api/v1/regions' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/regions/page',
    allowed: 'public',
    request: () => ({ url: '/api/v1/regions/page?limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/regions/{code}',
    allowed: 'public',
    request: () => ({ url: '/api/v1/regions/110115110000' }),
  },
  {
    method: 'POST',
    path: '/api/v1/regions',
    allowed: ['admin'],
    request: () => ({
      url: '/api/v1/regions',
      body: {
        code: `110115110${String(900 + (seq++ % 99)).padStart(3, '0')}`,
        name: '测试新村',
        parentCode: '110115110000',
        level: 'village',
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/stations',
    allowed: 'public',
    request: () => ({ url: '/api/v1/stations?regionCode=110115110000' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/stations/page',
    allowed: 'public',
    request: () => ({ url: '/api/v1/stations/page?regionCode=110115110000&limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/stations/{id}',
    allowed: 'public',
    request: (c) => ({ url: `/api/v1/stations/${c.stationId}` }),
  },
  // Issue #11: public site facts and a town's stations, for anyone (lan-http.test.ts).
  {
    method: 'GET',
    path: '/api/v1/public/stations',
    allowed: 'public',
    request: () => ({ url: '/api/v1/public/stations?town=110115110000' }),
  },
  {
    method: 'GET',
    path: '/api/v1/meta',
    allowed: 'public',
    request: () => ({ url: '/api/v1/meta' }),
  },
  {
    method: 'POST',
    path: '/api/v1/stations',
    allowed: ['admin'],
    request: () => ({
      url: '/api/v1/stations',
      body: {
        code: `T-${crypto.randomUUID().slice(0, 8)}`,
        name: '测试服务站',
        kind: 'village_station',
        regionCode: '110115110230',
        address: '半壁店村',
        phone: '010-12345678',
        openingHours: [],
      },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/stations/{id}',
    allowed: ['admin'],
    request: (c) => ({ url: `/api/v1/stations/${c.stationId}`, body: { phone: '010-87654321' } }),
  },
  {
    method: 'GET',
    path: '/api/v1/auth/me',
    allowed: ANY,
    request: () => ({ url: '/api/v1/auth/me' }),
  },
  {
    // starting enrolment only stores an unconfirmed secret; login is unchanged until confirmed.
    method: 'POST',
    path: '/api/v1/auth/totp/enrolment',
    allowed: ANY,
    request: () => ({ url: '/api/v1/auth/totp/enrolment' }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/auth/preferences',
    allowed: ANY,
    request: () => ({ url: '/api/v1/auth/preferences', body: { elderlyMode: false } }),
  },
  {
    method: 'POST',
    path: '/api/v1/residents',
    allowed: REGISTRARS,
    request: () => ({
      url: '/api/v1/residents',
      body: {
        idNumber: uniqueId(),
        fullName: '测试居民',
        homeRegionCode: '110115110222',
        address: '三顺庄村',
      },
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/residents/lookup',
    allowed: READERS,
    request: () => ({ url: '/api/v1/residents/lookup', body: { idNumber: '110115194803120019' } }),
  },
  {
    method: 'GET',
    path: '/api/v1/residents',
    allowed: READERS,
    request: () => ({ url: '/api/v1/residents?limit=5' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/residents/page',
    allowed: READERS,
    request: () => ({ url: '/api/v1/residents/page?limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/residents/{id}',
    allowed: READERS,
    request: (c) => ({ url: `/api/v1/residents/${c.residentId}` }),
  },
  {
    method: 'POST',
    path: '/api/v1/residents/{id}/reveal',
    allowed: REGISTRARS,
    request: (c) => ({
      url: `/api/v1/residents/${c.residentId}/reveal`,
      body: { reason: '核对补办社保卡信息' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/accounts',
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/accounts' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/accounts/page',
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/accounts/page?limit=5' }),
  },
  {
    method: 'POST',
    path: '/api/v1/accounts',
    allowed: ['admin'],
    request: () => ({
      url: '/api/v1/accounts',
      body: {
        username: `u${crypto.randomUUID().slice(0, 8)}`,
        displayName: '新人员',
        password: 'a-long-password-1',
        grants: [{ role: 'clerk', regionCode: '110115110207' }],
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/accounts/{id}',
    allowed: ['admin'],
    request: (ctx) => ({ url: `/api/v1/accounts/${ctx.agentAccountId}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/residents/{id}/account',
    allowed: READERS,
    request: (c) => ({ url: `/api/v1/residents/${c.residentId}/account` }),
  },
  {
    method: 'GET',
    path: '/api/v1/audit/events',
    allowed: ['admin', 'supervisor'],
    request: () => ({ url: '/api/v1/audit/events?limit=5' }),
  },
  {
    // Issue #16 point 5: the same log by keyset.
    method: 'GET',
    path: '/api/v1/audit/events/page',
    allowed: ['admin', 'supervisor'],
    request: () => ({ url: '/api/v1/audit/events/page?limit=5' }),
  },
  {
    method: 'POST',
    path: '/api/v1/audit/verify',
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/audit/verify' }),
  },
];
// Routes with their own behaviour tests (login/tokens/logout/password change the session itself).
export const FOUNDATION_COVERED_ELSEWHERE = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/tokens',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password',
  // Public by design (phone login by SMS code): sms-login.test.ts covers limits and refusals.
  'POST /api/v1/auth/sms-code',
  'POST /api/v1/auth/sms-login',
  // Need a code from the authenticator: abuse-accounts.test.ts (confirm, log in with it, required, removal).
  'POST /api/v1/auth/totp/confirmation',
  'POST /api/v1/auth/totp/removal',
  // Issue #15 point 4: change another account — accounts-admin.test.ts (every other role refused,
  // scope, self, last grant, audit).
  'POST /api/v1/accounts/{id}/disable',
  'POST /api/v1/accounts/{id}/enable',
  'POST /api/v1/accounts/{id}/password-reset',
  'POST /api/v1/accounts/{id}/grants',
  'POST /api/v1/accounts/{id}/grants/{grantId}/revoke',
  // Issue #15 point 4: the accounts a linker may pick — per kind (residents.login / volunteers.staff),
  // so a role holding one kind is refused the other: account-links-views.test.ts.
  'GET /api/v1/accounts/link-candidates',
  // Issue #15 point 4: a resident record links one account — account-links.test.ts.
  'POST /api/v1/residents/{id}/account',
  'POST /api/v1/residents/{id}/account/unlink',
];
