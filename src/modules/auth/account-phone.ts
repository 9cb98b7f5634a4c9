/**
 * Issue #11: an account's mobile for SMS-code login — encrypted with the data key, a keyed hash
 * for lookup (as residents' ID numbers are looked up), a masked copy for display.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { maskMobile, normaliseDigits } from '../../shared/personal-numbers.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

/** 13800138000 from "+86 138-0013-8000", "１３８…"; null when it is not a mainland mobile. */
export function normaliseMobile(raw: string): string | null {
  const digits = normaliseDigits(raw).replace(/[\s-]/g, '');
  const m = /^(?:\+?86|0086)?(1[3-9][0-9]{9})$/.exec(digits);
  return m ? m[1]! : null;
}

export const phoneLookupHash = (pii: PiiCipher, mobile: string) =>
  pii.lookupHash(`mobile:${mobile}`);

export async function setAccountPhone(
  db: Kysely<Database> | Transaction<Database>,
  pii: PiiCipher,
  input: { accountId: string; phone: string },
): Promise<void> {
  const mobile = normaliseMobile(input.phone);
  if (!mobile) throw new Error('not a mainland mobile number');
  await db
    .updateTable('accounts')
    .set({
      phone_cipher: pii.encrypt(mobile),
      phone_hash: phoneLookupHash(pii, mobile),
      phone_masked: maskMobile(mobile),
    })
    .where('id', '=', input.accountId)
    .execute();
}
