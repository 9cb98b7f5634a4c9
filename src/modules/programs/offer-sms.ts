/**
 * CP-2 / issue #15 point 5: a guardian hears by SMS (enrolment_offer) that a seat is held
 * for their child until a time — in the transaction that offered it (seats-offered.port.ts), so
 * the message exists exactly when the offer committed; the dedupe key names the enrolment and
 * the offer's end, so a replay queues nothing twice. The phone: the guardian account's own (SMS
 * login), else its linked resident record's; none → no message (and no error). Decrypted only to
 * hand it to the outbox, which encrypts it again; a demo account's message is kept suppressed.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { CHINA_OFFSET_MS } from '../../shared/china-time.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import { fitVar } from '../notifications/templates.rules.ts';
import { onSeatsOffered, type SeatsOffered } from './seats-offered.port.ts';

/** `2026-03-05 18:00`, China time (the form WeChat's time fields take too). */
export function offerUntilText(iso: string): string {
  return new Date(new Date(iso).getTime() + CHINA_OFFSET_MS)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}

export async function smsSeatOffers(
  trx: Transaction<Database>,
  pii: PiiCipher,
  e: SeatsOffered,
): Promise<void> {
  const rows = await trx
    .selectFrom('enrolments as e')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .innerJoin('accounts as a', 'a.id', 'e.guardian_account_id')
    .leftJoin('residents as r', 'r.id', 'a.resident_id')
    .select([
      'e.id',
      'c.real_name',
      'a.phone_cipher as account_phone',
      'a.is_demo',
      'r.phone_cipher as resident_phone',
    ])
    .where('e.id', 'in', [...e.enrolmentIds])
    .orderBy('e.id')
    .execute();
  for (const row of rows) {
    const cipher = row.account_phone ?? row.resident_phone;
    if (!cipher) continue;
    await enqueueSms(trx, pii, {
      to: pii.decrypt(cipher),
      template: 'enrolment_offer',
      params: {
        child: fitVar(row.real_name),
        className: fitVar(e.klass.name),
        until: offerUntilText(e.expiresAt),
      },
      now: e.now,
      demo: row.is_demo === 1,
      dedupeKey: `enrolment_offer:${row.id}:${e.expiresAt}`,
      subject: { type: 'enrolment', id: row.id },
      regionCode: e.klass.region_code,
      expiresAt: new Date(e.expiresAt),
    });
  }
}

/** Called once per app build by the composition root (src/server/app.ts), with the data key. */
export function registerOfferSms(pii: PiiCipher): void {
  onSeatsOffered('guardian.sms', (trx, e) => smsSeatOffers(trx, pii, e));
}
