/**
 * GS-7 delivery of a case's result, and X-3 for the postal address: the address and the recipient's
 * phone are personal data, kept only encrypted in `case_deliveries`; the action log and the audit
 * chain hold the method and the masked phone, never the address or the full number.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { maskMobile } from '../../shared/personal-numbers.ts';
import { maskPhone } from '../residents/id-number.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import type { CaseDeliveryView } from './case.schema.ts';

function maskRecipientPhone(phone: string): string {
  return /^1\d{10}$/.test(phone) ? maskMobile(phone) : maskPhone(phone);
}

/** Writes the delivery inside the transition's transaction; returns what the log may keep. */
export async function recordDelivery(
  trx: Kysely<Database>,
  input: {
    caseId: string;
    method: 'station' | 'post';
    stationId: string | null;
    postalAddress: string | undefined;
    recipientPhone: string | undefined;
    actorId: string | null;
    pii: PiiCipher;
    now: Date;
  },
): Promise<{ recipientPhoneMasked: string | null }> {
  const post = input.method === 'post';
  const masked = post && input.recipientPhone ? maskRecipientPhone(input.recipientPhone) : null;
  await trx
    .insertInto('case_deliveries')
    .values({
      case_id: input.caseId,
      method: input.method,
      station_id: post ? null : input.stationId,
      address_cipher: post && input.postalAddress ? input.pii.encrypt(input.postalAddress) : null,
      phone_cipher: post && input.recipientPhone ? input.pii.encrypt(input.recipientPhone) : null,
      phone_masked: masked,
      delivered_by: input.actorId,
      delivered_at: input.now.toISOString(),
    })
    .execute();
  return { recipientPhoneMasked: masked };
}

/** The delivery for staff who may see the case (the caller has checked that). */
export async function loadDelivery(
  db: Kysely<Database>,
  caseId: string,
  pii: PiiCipher,
): Promise<z.infer<typeof CaseDeliveryView> | null> {
  const row = await db
    .selectFrom('case_deliveries')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    method: row.method,
    stationId: row.station_id,
    postalAddress: row.address_cipher ? pii.decrypt(row.address_cipher) : null,
    recipientPhoneMasked: row.phone_masked,
    deliveredAt: row.delivered_at,
  };
}
