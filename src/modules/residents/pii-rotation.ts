/**
 * X-3 key rotation: every value encrypted or lookup-hashed with the data key is re-encrypted and
 * re-hashed with a new key, and the key fingerprint replaced, in ONE transaction — either the whole
 * database moves to the new key or nothing changes. Run with every node stopped
 * (`doorstep rotate-key`); nodes still holding the old key are refused at their next start.
 *
 * PII_SOURCES names every file that encrypts or hashes with the data key; a test fails when a file
 * starts doing so without being listed here (and so without being rotated).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { replaceKeyFingerprint } from '../../shared/key-fingerprint.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { recipientHash } from '../notifications/outbox.ts';
import { createPiiCipher, type PiiCipher } from '../../shared/pii-crypto.ts';
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';

/** Files that call encrypt / encryptBytes / lookupHash, and the columns they write. */
export const PII_SOURCES: Record<string, string> = {
  'src/modules/setup/setup-token.ts':
    'nothing stored: the first-run setup token is derived from the key (a new key, a new token)',
  'src/modules/residents/residents.service.ts': 'residents.id_hash, id_cipher, phone_cipher',
  'src/modules/records/imported-hours.ts':
    'vs_activities.code_secret_cipher (the activity that holds imported historic hours)',
  'src/modules/volunteers/volunteer-match.ts':
    'none written: looks volunteers up by vs_volunteers.id_hash (an hours import)',
  'src/modules/imports/import-volunteers.ts':
    'none written: looks volunteers up by vs_volunteers.id_hash (a volunteers import)',
  'src/modules/residents/resident-batch.ts':
    'residents.id_hash, id_cipher, phone_cipher (an Excel import, issue #15 point 3)',
  'src/modules/volunteers/volunteer-registration.ts':
    'vs_volunteers.id_hash, id_cipher, phone_cipher, guardian_consent.guardianPhoneCipher',
  'src/modules/volunteers/volunteers.service.ts': 'vs_volunteers.phone_cipher (profile edits)',
  'src/modules/volunteers/volunteer-roster.ts':
    'vs_volunteers.phone_cipher (a volunteers import updating a phone)',
  'src/modules/volunteers/volunteers.generate.ts':
    'vs_volunteers.id_hash, id_cipher, phone_cipher (doorstep generate, issue #16)',
  'src/modules/records/records.generate.ts':
    'vs_activities.code_secret_cipher (doorstep generate, issue #16)',
  'src/modules/orders/submit-need.ts': 'vs_needs.contact_phone_cipher',
  'src/modules/orders/orders.demo.ts': 'vs_needs.contact_phone_cipher',
  'src/modules/activities/activity.service.ts': 'vs_activities.code_secret_cipher',
  'src/modules/activities/activities.demo.ts': 'vs_activities.code_secret_cipher',
  'src/modules/records/records.demo.ts': 'vs_activities.code_secret_cipher',
  'src/modules/attachments/attachment.service.ts': 'attachments.data',
  'src/modules/agents/authorization-scan.service.ts': 'authorization_scans.data',
  'src/modules/cases/case-delivery.ts': 'case_deliveries.address_cipher, phone_cipher',
  'src/modules/auth/totp.service.ts': 'accounts.totp_secret_cipher',
  'src/modules/auth/account-phone.ts': 'accounts.phone_cipher, phone_hash',
  'src/modules/residents/resident-account.ts':
    'accounts.phone_cipher, phone_hash (a station-created resident login)',
  'src/modules/notifications/outbox.ts':
    'outbox_messages.recipient_cipher, params_cipher, recipient_hash, fallback_recipient_cipher',
  'src/modules/webhooks/webhook-subscribers.ts': 'webhook_subscribers.secret_cipher',
  'src/modules/programs/register-child.ts': 'children.id_cipher, id_hash',
  'src/modules/programs/pickup-persons.ts': 'program_pickup_persons.phone_cipher',
  'src/modules/home-visits/visit-request-insert.ts':
    'home_visits.contact_phone_cipher (staff take a request, or a resident asks)',
  'src/modules/ratings/receipt-rating-link.ts': 'rating_links.token_cipher (a printed QR link)',
  'src/modules/home-visits/visit-records.ts': 'home_visit_records.data_cipher',
  'src/modules/programs/confirm-program-hours.ts':
    "vs_activities.code_secret_cipher (the activity that records a program session's hours)",
  'src/modules/auth/sms-login.service.ts':
    'sms_login_codes.code_hash — not rotated: codes live 5 minutes; phone_hash is re-hashed',
  'src/server/idempotency.plugin.ts':
    'idempotency_keys.body_hash — not rotated: keys live minutes and nodes are stopped to rotate; a retry across a rotation answers 422',
};

type Trx = Transaction<Database>;
interface Ciphers {
  from: PiiCipher;
  to: PiiCipher;
}
const again = (c: Ciphers, v: string) => c.to.encrypt(c.from.decrypt(v));
const againOrNull = (c: Ciphers, v: string | null) => (v === null ? null : again(c, v));

async function rotatePeople(trx: Trx, c: Ciphers, table: 'residents' | 'vs_volunteers') {
  const rows = await trx.selectFrom(table).select(['id', 'id_cipher', 'phone_cipher']).execute();
  for (const r of rows) {
    const idNumber = c.from.decrypt(r.id_cipher);
    await trx
      .updateTable(table)
      .set({
        id_cipher: c.to.encrypt(idNumber),
        id_hash: c.to.lookupHash(idNumber),
        phone_cipher: againOrNull(c, r.phone_cipher),
      })
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}

/** The part of vs_volunteers.guardian_consent this rotation re-encrypts; other fields kept. */
const GuardianConsentCipher = z.looseObject({ guardianPhoneCipher: z.string().optional() });

/** CP-2: children's ID numbers (the hash is keyed with a `child:` prefix). */
async function rotateChildren(trx: Trx, c: Ciphers) {
  const rows = await trx.selectFrom('children').select(['id', 'id_cipher']).execute();
  for (const r of rows) {
    const idNumber = c.from.decrypt(r.id_cipher);
    await trx
      .updateTable('children')
      .set({ id_cipher: c.to.encrypt(idNumber), id_hash: c.to.lookupHash(`child:${idNumber}`) })
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}

async function rotateGuardianPhones(trx: Trx, c: Ciphers) {
  const rows = await trx
    .selectFrom('vs_volunteers')
    .select(['id', 'guardian_consent'])
    .where('guardian_consent', 'is not', null)
    .execute();
  for (const r of rows) {
    const consent = parseJsonColumn(
      GuardianConsentCipher,
      r.guardian_consent!,
      'vs_volunteers.guardian_consent',
    );
    if (!consent.guardianPhoneCipher) continue;
    consent.guardianPhoneCipher = again(c, consent.guardianPhoneCipher);
    await trx
      .updateTable('vs_volunteers')
      .set({ guardian_consent: JSON.stringify(consent) })
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}

async function rotateNeeds(trx: Trx, c: Ciphers) {
  const rows = await trx.selectFrom('vs_needs').select(['id', 'contact_phone_cipher']).execute();
  for (const r of rows)
    await trx
      .updateTable('vs_needs')
      .set({ contact_phone_cipher: again(c, r.contact_phone_cipher) })
      .where('id', '=', r.id)
      .execute();
  return rows.length;
}

async function rotateActivities(trx: Trx, c: Ciphers) {
  const rows = await trx.selectFrom('vs_activities').select(['id', 'code_secret_cipher']).execute();
  for (const r of rows)
    await trx
      .updateTable('vs_activities')
      .set({ code_secret_cipher: again(c, r.code_secret_cipher) })
      .where('id', '=', r.id)
      .execute();
  return rows.length;
}

/** CP-3: the phones of the persons a guardian authorises (or blocks) for pickup. */
async function rotatePickupPersons(trx: Trx, c: Ciphers) {
  const rows = await trx
    .selectFrom('program_pickup_persons')
    .select(['id', 'phone_cipher'])
    .where('phone_cipher', 'is not', null)
    .execute();
  for (const r of rows)
    await trx
      .updateTable('program_pickup_persons')
      .set({ phone_cipher: againOrNull(c, r.phone_cipher) })
      .where('id', '=', r.id)
      .execute();
  return rows.length;
}

async function rotateFiles(trx: Trx, c: Ciphers, table: 'attachments' | 'authorization_scans') {
  const rows = await trx.selectFrom(table).select(['id', 'data']).execute();
  for (const r of rows)
    await trx
      .updateTable(table)
      .set({ data: c.to.encryptBytes(c.from.decryptBytes(Buffer.from(r.data))) })
      .where('id', '=', r.id)
      .execute();
  return rows.length;
}

async function rotateDeliveries(trx: Trx, c: Ciphers) {
  const rows = await trx
    .selectFrom('case_deliveries')
    .select(['case_id', 'address_cipher', 'phone_cipher'])
    .execute();
  for (const r of rows)
    await trx
      .updateTable('case_deliveries')
      .set({
        address_cipher: againOrNull(c, r.address_cipher),
        phone_cipher: againOrNull(c, r.phone_cipher),
      })
      .where('case_id', '=', r.case_id)
      .execute();
  return rows.length;
}

async function rotateTotpSecrets(trx: Trx, c: Ciphers) {
  const rows = await trx
    .selectFrom('accounts')
    .select(['id', 'totp_secret_cipher'])
    .where('totp_secret_cipher', 'is not', null)
    .execute();
  for (const r of rows)
    await trx
      .updateTable('accounts')
      .set({ totp_secret_cipher: again(c, r.totp_secret_cipher!) })
      .where('id', '=', r.id)
      .execute();
  return rows.length;
}

/** Issue #11: account phones (cipher + lookup hash), the outbox, and the login codes' phone hash. */
async function rotatePhonesAndOutbox(trx: Trx, c: Ciphers) {
  const accounts = await trx
    .selectFrom('accounts')
    .select(['id', 'phone_cipher'])
    .where('phone_cipher', 'is not', null)
    .execute();
  for (const r of accounts) {
    const mobile = c.from.decrypt(r.phone_cipher!);
    await trx
      .updateTable('accounts')
      .set({ phone_cipher: c.to.encrypt(mobile), phone_hash: c.to.lookupHash(`mobile:${mobile}`) })
      .where('id', '=', r.id)
      .execute();
  }
  await trx.deleteFrom('sms_login_codes').execute(); // 5-minute codes: ask for a new one
  const outbox = await trx
    .selectFrom('outbox_messages')
    .select(['id', 'channel', 'recipient_cipher', 'params_cipher', 'fallback_recipient_cipher'])
    .execute();
  for (const r of outbox) {
    const to = c.from.decrypt(r.recipient_cipher);
    await trx
      .updateTable('outbox_messages')
      .set({
        recipient_cipher: c.to.encrypt(to),
        recipient_hash: recipientHash(c.to, r.channel, to),
        params_cipher: again(c, r.params_cipher),
        fallback_recipient_cipher: againOrNull(c, r.fallback_recipient_cipher),
      })
      .where('id', '=', r.id)
      .execute();
  }
  // webhook signing secrets.
  const hooks = await trx
    .selectFrom('webhook_subscribers')
    .select(['id', 'secret_cipher'])
    .execute();
  for (const h of hooks)
    await trx
      .updateTable('webhook_subscribers')
      .set({ secret_cipher: again(c, h.secret_cipher) })
      .where('id', '=', h.id)
      .execute();
  return accounts.length + outbox.length + hooks.length;
}

/** GS-10 home visits: the requests' contact phones and the structured records' values. */
async function rotateHomeVisits(trx: Trx, c: Ciphers) {
  const visits = await trx
    .selectFrom('home_visits')
    .select(['id', 'contact_phone_cipher'])
    .where('contact_phone_cipher', 'is not', null)
    .execute();
  for (const v of visits)
    await trx
      .updateTable('home_visits')
      .set({ contact_phone_cipher: againOrNull(c, v.contact_phone_cipher) })
      .where('id', '=', v.id)
      .execute();
  const records = await trx
    .selectFrom('home_visit_records')
    .select(['id', 'data_cipher'])
    .execute();
  for (const r of records)
    await trx
      .updateTable('home_visit_records')
      .set({ data_cipher: again(c, r.data_cipher) })
      .where('id', '=', r.id)
      .execute();
  return visits.length + records.length;
}

/** GS-13: the printed receipts' rating links (kept encrypted so a reprint shows the same link). */
async function rotateRatingLinks(trx: Trx, c: Ciphers) {
  const links = await trx
    .selectFrom('rating_links')
    .select(['id', 'token_cipher'])
    .where('token_cipher', 'is not', null)
    .execute();
  for (const l of links)
    await trx
      .updateTable('rating_links')
      .set({ token_cipher: againOrNull(c, l.token_cipher) })
      .where('id', '=', l.id)
      .execute();
  return links.length;
}

/** Re-encrypts and re-hashes everything with `newKey`; the caller has checked `oldKey`'s fingerprint. */
export async function rotateDataKey(
  db: Kysely<Database>,
  input: { oldKey: Buffer; newKey: Buffer; now: Date },
): Promise<Record<string, number>> {
  if (input.oldKey.equals(input.newKey)) throw new Error('the new key is the same as the old key');
  const c: Ciphers = { from: createPiiCipher(input.oldKey), to: createPiiCipher(input.newKey) };
  return db.transaction().execute(async (trx) => {
    const counts = {
      residents: await rotatePeople(trx, c, 'residents'),
      volunteers: await rotatePeople(trx, c, 'vs_volunteers'),
      guardianConsents: await rotateGuardianPhones(trx, c),
      needs: await rotateNeeds(trx, c),
      activities: await rotateActivities(trx, c),
      attachments: await rotateFiles(trx, c, 'attachments'),
      authorizationScans: await rotateFiles(trx, c, 'authorization_scans'),
      totpSecrets: await rotateTotpSecrets(trx, c),
      caseDeliveries: await rotateDeliveries(trx, c),
      phonesAndOutbox: await rotatePhonesAndOutbox(trx, c),
      children: await rotateChildren(trx, c),
      pickupPersons: await rotatePickupPersons(trx, c),
      homeVisits: await rotateHomeVisits(trx, c),
      ratingLinks: await rotateRatingLinks(trx, c),
    };
    await replaceKeyFingerprint(trx, input.newKey, input.now);
    await recordAudit(trx, {
      actor: { accountId: null, role: 'cli', stationId: null },
      action: 'data_key.rotated',
      entityType: 'instance',
      entityId: 'data_key',
      after: counts,
      requestId: null,
      now: input.now,
    });
    return counts;
  });
}
