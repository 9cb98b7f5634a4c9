import crypto from 'node:crypto';

/**
 * Personal data protection: AES-256-GCM for stored values and HMAC-SHA256 for exact lookup.
 * Both keys are derived from one master key (DOORSTEP_DATA_KEY, 32 bytes, base64) with HKDF.
 * Ciphertext format: `v1.<iv b64url>.<tag b64url>.<ciphertext b64url>`.
 */
export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed hash for exact lookup; same input → same hash, no way back without the key. */
  lookupHash(value: string): string;
  /** Files (scans of ID cards…): `iv (12) | tag (16) | ciphertext`. */
  encryptBytes(plain: Buffer): Buffer;
  decryptBytes(stored: Buffer): Buffer;
}

export function parseMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('DOORSTEP_DATA_KEY must be 32 bytes, base64-encoded');
  return key;
}

export function newMasterKey(): string {
  return crypto.randomBytes(32).toString('base64');
}

export function createPiiCipher(masterKey: Buffer): PiiCipher {
  const derive = (info: string) =>
    Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encKey = derive('doorstep/pii-encryption/v1');
  const macKey = derive('doorstep/pii-lookup/v1');
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        'v1',
        iv.toString('base64url'),
        tag.toString('base64url'),
        ct.toString('base64url'),
      ].join('.');
    },
    decrypt(stored) {
      const [version, iv, tag, ct] = stored.split('.');
      if (version !== 'v1' || !iv || !tag || ct === undefined)
        throw new Error('unknown ciphertext format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ct, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
    encryptBytes(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), ct]);
    },
    decryptBytes(stored) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, stored.subarray(0, 12));
      decipher.setAuthTag(stored.subarray(12, 28));
      return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]);
    },
    lookupHash(value) {
      return crypto.createHmac('sha256', macKey).update(value).digest('hex');
    },
  };
}
