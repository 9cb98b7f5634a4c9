/**
 * The data key's fingerprint in `instance_meta`: the server checks it at start-up
 * (server/secrets.ts), the key rotation replaces it in its own transaction.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export const FINGERPRINT_KEY = 'data_key_fingerprint';

/** HMAC(key, 'doorstep-key-check'): names the key without revealing it. */
export function keyFingerprint(masterKey: Buffer): string {
  return crypto.createHmac('sha256', masterKey).update('doorstep-key-check').digest('hex');
}

/** Rotation: the new key's fingerprint replaces the old one inside the rotation's transaction. */
export async function replaceKeyFingerprint(
  trx: Kysely<Database>,
  newKey: Buffer,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('instance_meta')
    .values({ key: FINGERPRINT_KEY, value: keyFingerprint(newKey), updated_at: now.toISOString() })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: keyFingerprint(newKey), updated_at: now.toISOString() }),
    )
    .execute();
}
