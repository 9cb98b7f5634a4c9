/** Route cases of GS-12 training and competence (behaviour: training.test.ts, training-access.test.ts). */
import type { RouteCase } from './route-case.ts';

const READERS = ['admin', 'supervisor', 'district_officer', 'town_officer', 'clerk'] as const;
const FIGURES = '?townCode=110115110000&from=2026-02-01&to=2026-03-31';

export const TRAINING_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    path: '/api/v1/training/sessions',
    allowed: ['town_officer'],
    request: (c) => ({
      url: '/api/v1/training/sessions',
      body: {
        kind: 'point_to_point',
        stationId: c.stationId,
        heldOn: '2026-03-02',
        trainerName: '镇中心',
        topicItems: ['DX-SB-001'],
        topicText: '社保卡业务点对点培训',
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/training/sessions',
    allowed: READERS,
    request: () => ({ url: '/api/v1/training/sessions' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/training/sessions/page',
    allowed: READERS,
    request: () => ({ url: '/api/v1/training/sessions/page' }),
  },
  {
    method: 'POST',
    path: '/api/v1/training/competences',
    allowed: ['town_officer'],
    request: (c) => ({
      url: '/api/v1/training/competences',
      body: {
        accountId: c.agentAccountId,
        itemCode: 'DX-SB-002',
        certifiedOn: '2026-03-02',
        expiresOn: '2027-03-01',
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/training/competences',
    allowed: READERS,
    request: () => ({ url: '/api/v1/training/competences' }),
  },
  {
    // Issue #16 point 5: the same list by keyset.
    method: 'GET',
    path: '/api/v1/training/competences/page',
    allowed: READERS,
    request: () => ({ url: '/api/v1/training/competences/page' }),
  },
  {
    method: 'GET',
    path: '/api/v1/training/requirements',
    allowed: READERS,
    request: () => ({ url: '/api/v1/training/requirements' }),
  },
  {
    method: 'PUT',
    path: '/api/v1/training/requirements/{itemCode}',
    allowed: ['town_officer'],
    request: () => ({ url: '/api/v1/training/requirements/DX-SB-003', body: { required: false } }),
  },
  {
    method: 'GET',
    path: '/api/v1/training/figures',
    allowed: READERS,
    request: () => ({ url: `/api/v1/training/figures${FIGURES}` }),
  },
  {
    method: 'GET',
    path: '/api/v1/training/figures.xlsx',
    allowed: READERS,
    request: () => ({ url: `/api/v1/training/figures.xlsx${FIGURES}` }),
  },
];

/** Need a session or a competence first: training-access.test.ts tries every role on them. */
export const TRAINING_COVERED_ELSEWHERE = [
  'GET /api/v1/training/sessions/{id}',
  'POST /api/v1/training/sessions/{id}/attendance',
  'GET /api/v1/training/competences/{id}',
  'POST /api/v1/training/competences/{id}/renew',
  'POST /api/v1/training/competences/{id}/revoke',
];
