/** Route cases of GS-10 appointments and the queue (behaviour and scope: appointments*.test.ts). */
import type { RouteCase } from './route-case.ts';

export const APPOINTMENTS_ROUTES: RouteCase[] = [
  {
    method: 'GET',
    path: '/api/v1/appointments/stations',
    allowed: ['admin', 'town_officer', 'clerk', 'resident'],
    request: () => ({ url: '/api/v1/appointments/stations' }),
  },
  {
    method: 'GET',
    path: '/api/v1/appointments/bookings/mine',
    allowed: ['resident'],
    request: () => ({ url: '/api/v1/appointments/bookings/mine' }),
  },
  {
    method: 'GET',
    path: '/api/v1/appointments/my-stations',
    allowed: ['admin', 'town_officer', 'clerk'],
    request: () => ({ url: '/api/v1/appointments/my-stations' }),
  },
];

/**
 * Need a station the caller works, a template, a booking or a ticket first: appointments.test.ts
 * checks every one per role and scope (the station's clerk, the town officer, another town's
 * clerk, other roles, the resident), appointments-burst.test.ts the queue and the screen,
 * station-windows.test.ts the windows and seats (the station's clerk, another station's, a resident).
 */
export const APPOINTMENTS_COVERED_ELSEWHERE = [
  'GET /api/v1/appointments/stations/{id}/template',
  'PUT /api/v1/appointments/stations/{id}/template',
  'GET /api/v1/appointments/stations/{id}/slots',
  'GET /api/v1/appointments/stations/{id}/day',
  'POST /api/v1/appointments/bookings',
  'POST /api/v1/appointments/bookings/{id}/cancel',
  'POST /api/v1/appointments/bookings/{id}/check-in',
  'POST /api/v1/queue/stations/{id}/tickets',
  'POST /api/v1/queue/stations/{id}/call-next',
  'POST /api/v1/queue/tickets/{id}/start',
  'POST /api/v1/queue/tickets/{id}/recall',
  'POST /api/v1/queue/tickets/{id}/skip',
  'POST /api/v1/queue/tickets/{id}/finish',
  'POST /api/v1/queue/tickets/{id}/case',
  'GET /api/v1/queue/screen/{token}',
  'GET /api/v1/queue/stations/{id}/windows',
  'POST /api/v1/queue/stations/{id}/windows',
  'PATCH /api/v1/queue/windows/{id}',
  'POST /api/v1/queue/windows/{id}/sit',
  'POST /api/v1/queue/windows/{id}/leave',
];
