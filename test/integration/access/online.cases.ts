/** Route cases of a resident's own online filing (issue #14 point 3, GS-10 不打烊). */
import type { RouteCase } from './route-case.ts';

export const ONLINE_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/cases/online/stations',
    allowed: ['resident'],
    request: () => ({ url: '/api/v1/cases/online/stations?itemCode=DX-SB-001' }),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/online',
    allowed: ['resident'],
    request: (c) => ({
      url: '/api/v1/cases/online',
      body: { itemCode: 'DX-SB-001', stationId: c.stationId, presented: ['id_card'] },
    }),
  },
];

/**
 * The photo upload takes a raw image body, and a resident's login can be created once per
 * resident: both are tried by every role that matters, and anonymously, in cases-online.test.ts.
 */
export const ONLINE_COVERED_ELSEWHERE = [
  'POST /api/v1/cases/online/{id}/photos',
  'POST /api/v1/residents/{id}/login',
];
