/**
 * GS-10 issue #14: the resident hears of their home visit — when it is scheduled (date and window)
 * and when it is done — as an in-app notification to each of their active accounts and an SMS
 * (outbox) to the visit's contact phone, else the resident's own. Called inside the transaction of
 * the write that schedules or completes the visit, so the messages exist exactly when it committed.
 */
import type { Transaction } from 'kysely';
import type { Database, HomeVisitTable } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { notify } from '../notifications/notification.service.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import { windowTimes } from './visit-window.ts';
import { VISIT_STAFF } from './home-visits.access.ts';

type Visit = Pick<HomeVisitTable, 'id' | 'resident_id' | 'station_id' | 'contact_phone_cipher'>;

async function reach(trx: Transaction<Database>, visit: Visit) {
  const [accounts, resident, station] = await Promise.all([
    trx
      .selectFrom('accounts')
      .select('id')
      .where('resident_id', '=', visit.resident_id)
      .where('status', '=', 'active')
      .execute(),
    trx
      .selectFrom('residents')
      .select('phone_cipher')
      .where('id', '=', visit.resident_id)
      .executeTakeFirst(),
    trx.selectFrom('stations').select('name').where('id', '=', visit.station_id).executeTakeFirst(),
  ]);
  return {
    accountIds: accounts.map((a) => a.id),
    phoneCipher: visit.contact_phone_cipher ?? resident?.phone_cipher ?? null,
    station: station?.name ?? '',
  };
}

export async function noticeVisitScheduled(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: { visit: Visit; day: string; window: HomeVisitTable['visit_window']; now: Date },
): Promise<void> {
  const to = await reach(trx, input.visit);
  const params = { station: to.station, date: input.day, ...windowTimes(input.window) };
  for (const accountId of to.accountIds)
    await notify(trx, {
      accountId,
      kind: 'home_visit_scheduled',
      params,
      entityType: 'home_visit',
      entityId: input.visit.id,
      now: input.now,
    });
  if (to.phoneCipher)
    await enqueueSms(trx, pii, {
      to: pii.decrypt(to.phoneCipher),
      template: 'home_visit_scheduled',
      params,
      now: input.now,
    });
}

export async function noticeVisitDone(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: { visit: Visit; day: string; now: Date },
): Promise<void> {
  const to = await reach(trx, input.visit);
  const params = { station: to.station, date: input.day };
  for (const accountId of to.accountIds)
    await notify(trx, {
      accountId,
      kind: 'home_visit_done',
      params,
      entityType: 'home_visit',
      entityId: input.visit.id,
      now: input.now,
    });
  if (to.phoneCipher)
    await enqueueSms(trx, pii, {
      to: pii.decrypt(to.phoneCipher),
      template: 'home_visit_done',
      params,
      now: input.now,
    });
}

/**
 * Issue #14: the resident (or the relative on their account) cancelled the visit — told to the
 * visiting unit's staff (every active account with a visit-staff grant at the station), in-app.
 */
export async function noticeVisitCancelled(
  trx: Transaction<Database>,
  input: {
    visit: Pick<HomeVisitTable, 'id' | 'station_id' | 'village_code'>;
    reason: string;
    now: Date;
  },
): Promise<void> {
  const [staff, village] = await Promise.all([
    trx
      .selectFrom('role_grants as g')
      .innerJoin('accounts as a', 'a.id', 'g.account_id')
      .select('a.id')
      .distinct()
      .where('g.station_id', '=', input.visit.station_id)
      .where('g.role', 'in', [...VISIT_STAFF])
      .where('a.status', '=', 'active')
      .orderBy('a.id')
      .execute(),
    trx
      .selectFrom('regions')
      .select('name')
      .where('code', '=', input.visit.village_code)
      .executeTakeFirst(),
  ]);
  const params = { village: village?.name ?? input.visit.village_code, reason: input.reason };
  for (const { id } of staff)
    await notify(trx, {
      accountId: id,
      kind: 'home_visit_cancelled',
      params,
      entityType: 'home_visit',
      entityId: input.visit.id,
      now: input.now,
    });
}
