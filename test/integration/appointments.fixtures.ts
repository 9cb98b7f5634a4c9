/** Shared set-up of the GS-10 appointment tests: the 伊庄村 station with a template, residents. */
import { expect } from 'vitest';
import type { Client, TestApp } from '../helpers/test-app.ts';

export const YIZHUANG = '110115110207';

export const TEMPLATE = {
  slotMinutes: 30,
  capacity: 2,
  weekly: {
    '1': [
      { start: '09:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
    '2': [
      { start: '09:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
    '3': [{ start: '09:00', end: '11:30' }],
    '4': [{ start: '09:00', end: '11:30' }],
    '5': [{ start: '09:00', end: '11:30' }],
  },
  exceptions: [
    {
      date: '2026-03-04',
      kind: 'hours',
      periods: [{ start: '07:30', end: '12:00' }],
      note: '集日',
    },
    { date: '2026-03-05', kind: 'closed', note: '站点培训' },
  ],
  itemMinutes: {},
  leadWorkingDays: 1,
  horizonWorkingDays: 5,
  cancelCutoffHours: 2,
  noShowGraceMinutes: 15,
  noShowLimit: 2,
  noShowWindowDays: 90,
};

export async function stationOf(t: TestApp, region = YIZHUANG): Promise<string> {
  const s = await t.testDb.db.kysely
    .selectFrom('stations')
    .select('id')
    .where('region_code', '=', region)
    .executeTakeFirstOrThrow();
  return s.id;
}

export async function residentIds(t: TestApp, n: number): Promise<string[]> {
  // Not the demo's own bookings' residents, nor the resident account's person; people with a
  // phone (the demo has a few without — children — and ids are random, so the pick must say so).
  const rows = await t.testDb.db.kysely
    .selectFrom('residents')
    .select('id')
    .where('phone_cipher', 'is not', null)
    .where('id', 'not in', (eb) => eb.selectFrom('appt_bookings').select('resident_id'))
    .where('id', 'not in', (eb) =>
      eb.selectFrom('accounts').select('resident_id').where('resident_id', 'is not', null),
    )
    .orderBy('id')
    .limit(n)
    .execute();
  return rows.map((r) => r.id);
}

export async function setTemplate(
  clerk: Client,
  stationId: string,
  over: object = {},
): Promise<string> {
  const res = await clerk.call('PUT', `/api/v1/appointments/stations/${stationId}/template`, {
    ...TEMPLATE,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ screenToken: string }>().screenToken;
}

let seq = 0;
/** A POST with a fresh Idempotency-Key. */
export function post(c: Client, url: string, body: unknown = {}) {
  seq++;
  return c.call('POST', url, body, {
    'idempotency-key': `appt-${Date.now()}-${seq}-${Math.random()}`,
  });
}
