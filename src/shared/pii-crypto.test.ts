import { describe, expect, it } from 'vitest';
import { createPiiCipher, newMasterKey, parseMasterKey } from './pii-crypto.ts';

describe('personal data encryption (X-3)', () => {
  const pii = createPiiCipher(Buffer.alloc(32, 1));
  it('round-trips and never stores the plain text', () => {
    const stored = pii.encrypt('110115194803120019');
    expect(stored).not.toContain('110115194803120019');
    expect(pii.decrypt(stored)).toBe('110115194803120019');
    expect(pii.encrypt('110115194803120019')).not.toBe(stored); // random IV
  });
  it('detects tampering', () => {
    const [v, iv, tag, ct] = pii.encrypt('13800005678').split('.');
    // Flip one bit of the ciphertext itself (editing a base64 character could touch only the
    // padding bits of its last character, which decode to the same bytes: a 1-in-64 flake).
    const bytes = Buffer.from(ct!, 'base64url');
    bytes[0] = bytes[0]! ^ 0x01;
    const flipped = bytes.toString('base64url');
    expect(() => pii.decrypt([v, iv, tag, flipped].join('.'))).toThrow();
  });
  it('lookup hashes are stable per key and differ between keys', () => {
    const other = createPiiCipher(Buffer.alloc(32, 2));
    expect(pii.lookupHash('x')).toBe(pii.lookupHash('x'));
    expect(pii.lookupHash('x')).not.toBe(other.lookupHash('x'));
  });
  it('master keys are 32 bytes of base64', () => {
    expect(parseMasterKey(newMasterKey())).toHaveLength(32);
    expect(() => parseMasterKey('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
