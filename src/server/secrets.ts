import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { createPiiCipher, newMasterKey, parseMasterKey } from '../shared/pii-crypto.ts';
import { FINGERPRINT_KEY, keyFingerprint } from '../shared/key-fingerprint.ts';

export interface Warn {
  warn(obj: object, msg: string): void;
}

/**
 * The master key for personal data. Production: only from DOORSTEP_DATA_KEY. Development: a key
 * file under the data folder is created on first start, with a warning.
 */
export function resolveDataKey(config: AppConfig, log: Warn): Buffer {
  if (config.dataKey) return parseMasterKey(config.dataKey);
  if (config.env === 'production') {
    throw new Error('DOORSTEP_DATA_KEY is required in production (32 random bytes, base64)');
  }
  const file = path.join(config.dataDir, 'dev-data-key.txt');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${newMasterKey()}\n`, { mode: 0o600 });
    log.warn(
      { file },
      'DOORSTEP_DATA_KEY not set: created a development key. Never use it in production.',
    );
  } else {
    log.warn({ file }, 'DOORSTEP_DATA_KEY not set: using the development key file.');
  }
  return parseMasterKey(fs.readFileSync(file, 'utf8').trim());
}

export { keyFingerprint };

export class DataKeyMismatchError extends Error {
  constructor(expected: string, given: string) {
    super(
      `DOORSTEP_DATA_KEY is not the key this database was encrypted with ` +
        `(database expects key ${expected.slice(0, 12)}…, this node has ${given.slice(0, 12)}…). ` +
        `Refusing to start: with another key every ID number would be registered again and every ` +
        `reveal would fail. Start with the original key; to change keys, run \`doorstep rotate-key\` ` +
        `(see docs/operations.md, "Rotating the data key").`,
    );
    this.name = 'DataKeyMismatchError';
  }
}

/**
 * the database remembers its data key's fingerprint (first start stores it; with two nodes
 * racing, one insert wins and both compare against it). A database from before the fingerprint
 * that already holds encrypted rows is checked by decrypting one of them first.
 */
export async function checkDataKey(
  db: Kysely<Database>,
  masterKey: Buffer,
  now: Date,
): Promise<'stored' | 'matched'> {
  const given = keyFingerprint(masterKey);
  const read = () =>
    db
      .selectFrom('instance_meta')
      .select('value')
      .where('key', '=', FINGERPRINT_KEY)
      .executeTakeFirst();
  const stored = await read();
  if (stored) {
    if (stored.value !== given) throw new DataKeyMismatchError(stored.value, given);
    return 'matched';
  }
  const sample = await db.selectFrom('residents').select('id_cipher').limit(1).executeTakeFirst();
  if (sample) {
    try {
      createPiiCipher(masterKey).decrypt(sample.id_cipher);
    } catch {
      throw new DataKeyMismatchError('(fingerprint not yet stored; existing rows)', given);
    }
  }
  await db
    .insertInto('instance_meta')
    .values({ key: FINGERPRINT_KEY, value: given, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const winner = await read();
  if (winner && winner.value !== given) throw new DataKeyMismatchError(winner.value, given);
  return 'stored';
}
