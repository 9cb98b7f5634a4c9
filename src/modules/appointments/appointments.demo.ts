/**
 * GS-10 demo data: the 伊庄村 station takes appointments (30-minute slots, one window, a market
 * day's extra morning next week) and has phone bookings for the demo "today" afternoon, booked by
 * its clerk through the module's use-cases so counters and the audit chain are real. Every demo
 * station has its windows (issue #14): 伊庄村 two (1号窗口, 2号窗口), the others one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import crypto from 'node:crypto';
import { addDays, chinaDate } from '../../shared/china-time.ts';
import { loadGrants } from '../auth/session.service.ts';
import { bookSlot } from './book-slot.ts';
import { saveTemplate } from './template.service.ts';
import { defaultWindowName } from './windows.rules.ts';

const YIZHUANG = '110115110207';

/** Rows written directly (is_demo = 1), in station order: the same windows every time. */
async function seedDemoWindows(db: Kysely<Database>, now: Date): Promise<void> {
  const stations = await db
    .selectFrom('stations')
    .select(['id', 'region_code'])
    .where('is_demo', '=', 1)
    .orderBy('region_code')
    .orderBy('id')
    .execute();
  const at = now.toISOString();
  const rows = stations.flatMap((s) =>
    (s.region_code === YIZHUANG ? [1, 2] : [1]).map((n) => ({
      id: crypto.randomUUID(),
      station_id: s.id,
      region_code: s.region_code,
      number: n,
      name: defaultWindowName(n),
      archived_at: null,
      is_demo: 1,
      created_at: at,
      updated_at: at,
    })),
  );
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('station_windows')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function seedDemoAppointments(input: {
  db: Kysely<Database>;
  now: Date;
}): Promise<void> {
  const { db, now } = input;
  await seedDemoWindows(db, now);
  const clerk = await db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', 'clerk')
    .executeTakeFirst();
  const station = await db
    .selectFrom('stations')
    .select('id')
    .where('region_code', '=', YIZHUANG)
    .executeTakeFirst();
  if (!clerk || !station) return;
  const actor: Actor = {
    accountId: clerk.id,
    username: clerk.username,
    displayName: clerk.display_name,
    residentId: null,
    grants: await loadGrants(db, clerk.id),
  };
  const day = [
    { start: '09:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ];
  await saveTemplate(db, {
    stationId: station.id,
    body: {
      slotMinutes: 30,
      capacity: 1,
      weekly: { '1': day, '2': day, '3': day, '4': day, '5': day },
      exceptions: [
        {
          date: addDays(chinaDate(now), 9),
          kind: 'hours',
          periods: [{ start: '07:30', end: '11:30' }],
          note: '集日加开早班',
        },
      ],
      itemMinutes: {},
      leadWorkingDays: 1,
      horizonWorkingDays: 5,
      cancelCutoffHours: 2,
      noShowGraceMinutes: 15,
      noShowLimit: 2,
      noShowWindowDays: 90,
    },
    actor,
    requestId: 'demo-appointments',
    now,
  });
  // Two phone bookings this afternoon for villagers of 伊庄村 (not the story's two people).
  const villagers = await db
    .selectFrom('residents')
    .select('id')
    .where('home_region_code', '=', YIZHUANG)
    .where('full_name', 'not in', ['李长福', '程建国'])
    .orderBy('full_name')
    .limit(2)
    .execute();
  const today = chinaDate(now);
  for (const [i, v] of villagers.entries()) {
    try {
      await bookSlot(db, {
        body: {
          stationId: station.id,
          date: today,
          start: ['15:00', '15:30'][i]!,
          residentId: v.id,
        },
        actor,
        requestId: `demo-appointments-${i}`,
        now,
      });
    } catch {
      // Today is not a working day or the afternoon has passed: the demo shows the template only.
    }
  }
}
