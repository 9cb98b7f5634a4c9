/** Route cases of volunteers, teams, categories, resources and projects (VS-1, VS-2). */
import { buildIdNumber } from '../../../src/modules/residents/id-number.ts';
import { DEMO_VS_IDS } from '../../../src/modules/volunteers/volunteers.demo.ts';
import { ANY, type RouteCase } from './route-case.ts';

const STAFF = ['admin', 'volunteer_staff'] as const;
const LEADERS_AND_STAFF = ['admin', 'volunteer_staff', 'team_leader'] as const;
const YIZHUANG = '110115110207';
const SANSHUNZHUANG = '110115110222';
const PILOT_TOWN = '110115110000';

/** Each creating request needs fresh unique values (ID numbers, category codes). */
let seq = 0;
const next = () => (seq += 1);

export const VOLUNTEERS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/volunteers/me',
    allowed: ANY,
    request: () => ({ url: '/api/v1/volunteers/me' }),
  },
  {
    method: 'POST',
    path: '/api/v1/volunteers',
    allowed: STAFF,
    request: () => ({
      url: '/api/v1/volunteers',
      body: {
        idNumber: buildIdNumber('110115', '19850505', String(500 + next()).padStart(3, '0')),
        fullName: '矩阵测试',
        homeRegionCode: YIZHUANG,
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/volunteers',
    allowed: STAFF,
    request: () => ({ url: '/api/v1/volunteers?limit=5' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/volunteers/page',
    allowed: STAFF,
    request: () => ({ url: '/api/v1/volunteers/page?limit=5' }),
  },
  {
    method: 'GET',
    path: '/api/v1/volunteers/{id}',
    allowed: ['admin', 'volunteer_staff', 'team_leader', 'volunteer'],
    request: () => ({ url: `/api/v1/volunteers/${DEMO_VS_IDS.wszVolunteer}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/volunteers/{id}/account',
    allowed: STAFF,
    request: () => ({ url: `/api/v1/volunteers/${DEMO_VS_IDS.wszVolunteer}/account` }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/volunteers/{id}',
    allowed: ['admin', 'volunteer_staff', 'volunteer'],
    request: () => ({
      url: `/api/v1/volunteers/${DEMO_VS_IDS.wszVolunteer}`,
      body: { skills: ['理发', '陪伴聊天'] },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/categories',
    allowed: ANY,
    request: () => ({ url: '/api/v1/vs/categories?includeInactive=true' }),
  },
  {
    method: 'POST',
    path: '/api/v1/vs/categories',
    allowed: STAFF,
    request: () => ({
      url: '/api/v1/vs/categories',
      body: { code: `matrix_${next()}`, nameZh: '矩阵类别', nameEn: 'Matrix category' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/vs/categories/{code}',
    allowed: STAFF,
    // A category of 魏善庄镇 (made in the matrix's setup): national ones only a root admin changes.
    request: (c) => ({
      url: `/api/v1/vs/categories/${c.localCategory}`,
      body: { colour: '#1d39c4' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/teams',
    allowed: ANY,
    request: () => ({ url: `/api/v1/vs/teams?regionCode=${PILOT_TOWN}&active=true` }),
  },
  {
    // Issue #16 point 5: the same lists by keyset.
    method: 'GET',
    path: '/api/v1/vs/teams/page',
    allowed: ANY,
    request: () => ({ url: `/api/v1/vs/teams/page?regionCode=${PILOT_TOWN}&active=true` }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/teams/{id}',
    allowed: ANY,
    request: () => ({ url: `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}` }),
  },
  {
    method: 'POST',
    path: '/api/v1/vs/teams',
    allowed: STAFF,
    request: () => ({
      url: '/api/v1/vs/teams',
      body: {
        kind: 'team',
        name: '矩阵测试队',
        regionCode: PILOT_TOWN,
        categoryCode: 'culture',
        organisationName: '魏善庄镇新时代文明实践所',
        personInCharge: '王秀兰',
        contactPhone: '010-89210001',
      },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/vs/teams/{id}',
    allowed: STAFF,
    request: () => ({
      url: `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}`,
      body: { description: '为独居老人上门理发、陪伴、代购。' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/teams/{id}/members',
    allowed: LEADERS_AND_STAFF,
    request: () => ({ url: `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}/members` }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/teams/{id}/members/page',
    allowed: LEADERS_AND_STAFF,
    request: () => ({ url: `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}/members/page` }),
  },
  {
    method: 'POST',
    path: '/api/v1/vs/teams/{id}/join-requests',
    allowed: ['volunteer'],
    request: () => ({
      url: `/api/v1/vs/teams/${DEMO_VS_IDS.wszCultureTeam}/join-requests`,
      body: {},
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/join-requests',
    allowed: LEADERS_AND_STAFF,
    request: () => ({ url: '/api/v1/vs/join-requests?status=pending' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/join-requests/page',
    allowed: LEADERS_AND_STAFF,
    request: () => ({ url: '/api/v1/vs/join-requests/page?status=pending' }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/resources',
    allowed: ANY,
    request: () => ({ url: `/api/v1/vs/resources?regionCode=${PILOT_TOWN}&includeInactive=true` }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/vs/resources/page',
    allowed: ANY,
    request: () => ({ url: `/api/v1/vs/resources/page?regionCode=${PILOT_TOWN}&limit=5` }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/resources/{id}',
    allowed: ANY,
    request: () => ({ url: `/api/v1/vs/resources/${DEMO_VS_IDS.bookbag}` }),
  },
  {
    method: 'POST',
    path: '/api/v1/vs/resources',
    allowed: LEADERS_AND_STAFF,
    request: () => ({
      url: '/api/v1/vs/resources',
      body: {
        name: '矩阵测试轮椅',
        kind: 'goods',
        description: '可借用的轮椅',
        categoryCode: 'elderly',
        regionCode: SANSHUNZHUANG,
        providerTeamId: DEMO_VS_IDS.wszTeam,
        providerName: '魏善庄镇邻里守望志愿服务队',
      },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/vs/resources/{id}',
    allowed: LEADERS_AND_STAFF,
    request: () => ({
      url: `/api/v1/vs/resources/${DEMO_VS_IDS.bookbag}`,
      body: { contact: '010-89210001' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/projects',
    allowed: ANY,
    request: () => ({ url: `/api/v1/vs/projects?regionCode=${PILOT_TOWN}&onMenu=true` }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/projects/page',
    allowed: ANY,
    request: () => ({ url: `/api/v1/vs/projects/page?regionCode=${PILOT_TOWN}&limit=5` }),
  },
  {
    method: 'GET',
    path: '/api/v1/vs/projects/{id}',
    allowed: ANY,
    request: () => ({ url: `/api/v1/vs/projects/${DEMO_VS_IDS.haircut}` }),
  },
  {
    method: 'POST',
    path: '/api/v1/vs/projects',
    allowed: LEADERS_AND_STAFF,
    request: () => ({
      url: '/api/v1/vs/projects',
      body: {
        name: '矩阵测试项目',
        description: '测试',
        categoryCode: 'elderly',
        regionCode: SANSHUNZHUANG,
        teamId: DEMO_VS_IDS.wszTeam,
      },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/vs/projects/{id}',
    allowed: LEADERS_AND_STAFF,
    request: () => ({
      url: `/api/v1/vs/projects/${DEMO_VS_IDS.haircut}`,
      body: { schedule: '每月第一个周六上午' },
    }),
  },
];

/**
 * POST /volunteers/me registers the caller once (the demo `volunteer` is registered already) and a
 * join decision or withdrawal acts once on one request: test/integration/volunteers.test.ts tries
 * every demo role on each ('self-registration is open to every role', 'the decision route: declared roles …').
 */
export const VOLUNTEERS_COVERED_ELSEWHERE = [
  'POST /api/v1/volunteers/me',
  'POST /api/v1/vs/join-requests/{id}/decision',
  'POST /api/v1/vs/join-requests/{id}/withdrawal',
  // Issue #15 point 4: link / unlink / claim need an unlinked record — account-links.test.ts.
  'POST /api/v1/volunteers/me/claim',
  'POST /api/v1/volunteers/{id}/account',
  'POST /api/v1/volunteers/{id}/account/unlink',
];
