/**
 * GS-10 sweeps, safe on several nodes: each due booking is claimed by a conditional update in the
 * transaction that acts on it, so every booking is marked a no-show exactly once and reminded
 * exactly once, however many sweepers run.
 * - No-shows: a booking still `booked` after its slot's end plus the station's grace.
 * - Reminders: bookings of tomorrow (China date) not yet reminded, from 08:00 China time the day
 *   before: an in-app notification to the resident's account(s) and an SMS through the outbox.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addDays, chinaDate, CHINA_OFFSET_MS } from '../../shared/china-time.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { notify } from '../notifications/notification.service.ts';
import { enqueueSms } from '../notifications/outbox.ts';

const SWEEP_ACTOR: AuditActor = { accountId: null, role: 'system', stationId: null };
const REMIND_FROM_HOUR = 8;

export async function markNoShows(
  db: Kysely<Database>,
  input: { now: Date; limit?: number },
): Promise<number> {
  const at = input.now.toISOString();
  const due = await db
    .selectFrom('appt_bookings')
    .innerJoin('appt_templates', 'appt_templates.station_id', 'appt_bookings.station_id')
    .select([
      'appt_bookings.id',
      'appt_bookings.ends_at',
      'appt_bookings.region_code',
      'no_show_grace_minutes',
    ])
    .where('appt_bookings.status', '=', 'booked')
    .where('appt_bookings.ends_at', '<=', at)
    .orderBy('appt_bookings.ends_at')
    .limit(input.limit ?? 200)
    .execute();
  let marked = 0;
  for (const b of due) {
    if (
      Date.parse(new Date(b.ends_at).toISOString()) + b.no_show_grace_minutes * 60_000 >
      input.now.getTime()
    )
      continue;
    const won = await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('appt_bookings')
        .set({ status: 'no_show', updated_at: at })
        .where('id', '=', b.id)
        .where('status', '=', 'booked')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await recordAudit(trx, {
        actor: SWEEP_ACTOR,
        action: 'appt.no_show',
        entityType: 'appt_booking',
        entityId: b.id,
        regionCode: b.region_code,
        before: { status: 'booked' },
        after: { status: 'no_show' },
        requestId: null,
        now: input.now,
      });
      return true;
    });
    if (won) marked++;
  }
  return marked;
}

function hhmmChina(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(11, 16);
}

export async function sendReminders(
  db: Kysely<Database>,
  input: { now: Date; pii: PiiCipher; limit?: number },
): Promise<number> {
  const { now } = input;
  const chinaHour = new Date(now.getTime() + CHINA_OFFSET_MS).getUTCHours();
  if (chinaHour < REMIND_FROM_HOUR) return 0;
  const tomorrow = addDays(chinaDate(now), 1);
  const due = await db
    .selectFrom('appt_bookings')
    .innerJoin('stations', 'stations.id', 'appt_bookings.station_id')
    .innerJoin('residents', 'residents.id', 'appt_bookings.resident_id')
    .select([
      'appt_bookings.id',
      'appt_bookings.region_code',
      'appt_bookings.starts_at',
      'appt_bookings.date',
      'appt_bookings.resident_id',
      'stations.name as station',
      'residents.phone_cipher',
    ])
    .where('appt_bookings.status', '=', 'booked')
    .where('appt_bookings.date', '=', tomorrow)
    .where('appt_bookings.reminded_at', 'is', null)
    .limit(input.limit ?? 500)
    .execute();
  let sent = 0;
  for (const b of due) {
    const params = {
      station: b.station,
      date: b.date,
      time: hhmmChina(new Date(b.starts_at).toISOString()),
    };
    const won = await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('appt_bookings')
        .set({ reminded_at: now.toISOString() })
        .where('id', '=', b.id)
        .where('reminded_at', 'is', null)
        .where('status', '=', 'booked')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      const accounts = await trx
        .selectFrom('accounts')
        .select('id')
        .where('resident_id', '=', b.resident_id)
        .where('status', '=', 'active')
        .execute();
      for (const a of accounts)
        await notify(trx, {
          accountId: a.id,
          kind: 'appt_reminder',
          params,
          entityType: 'appt_booking',
          entityId: b.id,
          now,
        });
      if (b.phone_cipher)
        await enqueueSms(trx, input.pii, {
          to: input.pii.decrypt(b.phone_cipher),
          template: 'appt_reminder',
          params,
          now,
        });
      await recordAudit(trx, {
        actor: SWEEP_ACTOR,
        action: 'appt.reminded',
        entityType: 'appt_booking',
        entityId: b.id,
        regionCode: b.region_code,
        after: { accounts: accounts.length, sms: b.phone_cipher !== null },
        requestId: null,
        now,
      });
      return true;
    });
    if (won) sent++;
  }
  return sent;
}

/** Both sweeps every `intervalMs` in this process until stopped (each node may run one). */
export function startAppointmentSweeps(
  db: Kysely<Database>,
  opts: { pii: PiiCipher; intervalMs: number; now?: () => Date; onError?: (e: unknown) => void },
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = (opts.now ?? (() => new Date()))();
      await markNoShows(db, { now });
      await sendReminders(db, { now, pii: opts.pii });
    } catch (e) {
      opts.onError?.(e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
