/** `doorstep rotate-key` moves every encrypted value and lookup hash to a new key, all or nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { createPiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { rotateDataKey } from '../../src/modules/residents/pii-rotation.ts';
import { checkDataKey, DataKeyMismatchError } from '../../src/server/secrets.ts';
import { createTestApp, TEST_KEY, type TestApp } from '../helpers/test-app.ts';

const LI = '110115194803120019';
const NEW_KEY = Buffer.alloc(32, 8);

describe('X-3 data key rotation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    await checkDataKey(t.testDb.db.kysely, TEST_KEY, t.clock.now);
  });
  afterAll(async () => t.close());
  const db = () => t.testDb.db.kysely;

  it('is all or nothing: one unreadable value leaves every row and the fingerprint as they were', async () => {
    const need = await db()
      .selectFrom('vs_needs')
      .select(['id', 'contact_phone_cipher'])
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('vs_needs')
      .set({ contact_phone_cipher: 'v1.bad.bad.bad' })
      .where('id', '=', need.id)
      .execute();
    const before = await db()
      .selectFrom('residents')
      .select(['id', 'id_hash', 'id_cipher'])
      .execute();
    await expect(
      rotateDataKey(db(), { oldKey: TEST_KEY, newKey: NEW_KEY, now: t.clock.now }),
    ).rejects.toThrow();
    expect(
      await db().selectFrom('residents').select(['id', 'id_hash', 'id_cipher']).execute(),
    ).toEqual(before);
    expect(await checkDataKey(db(), TEST_KEY, t.clock.now)).toBe('matched');
    await db()
      .updateTable('vs_needs')
      .set({ contact_phone_cipher: need.contact_phone_cipher })
      .where('id', '=', need.id)
      .execute();
  });

  it('re-encrypts and re-hashes everything; the old key is refused afterwards; the audit chain holds', async () => {
    // An enrolled second factor's secret is encrypted with the data key too: it must move with it.
    const admin = await db()
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('accounts')
      .set({ totp_secret_cipher: createPiiCipher(TEST_KEY).encrypt('JBSWY3DPEHPK3PXP') })
      .where('id', '=', admin.id)
      .execute();
    const counts = await rotateDataKey(db(), {
      oldKey: TEST_KEY,
      newKey: NEW_KEY,
      now: t.clock.now,
    });
    expect(counts.residents).toBeGreaterThan(0);
    expect(counts.volunteers).toBeGreaterThan(0);
    expect(counts.needs).toBeGreaterThan(0);
    expect(counts.totpSecrets).toBe(1);
    const fresh = createPiiCipher(NEW_KEY);
    const secret = await db()
      .selectFrom('accounts')
      .select('totp_secret_cipher')
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    expect(fresh.decrypt(secret.totp_secret_cipher!)).toBe('JBSWY3DPEHPK3PXP');
    const old = createPiiCipher(TEST_KEY);
    const li = await db()
      .selectFrom('residents')
      .selectAll()
      .where('id_hash', '=', fresh.lookupHash(LI))
      .executeTakeFirstOrThrow();
    expect(fresh.decrypt(li.id_cipher)).toBe(LI);
    expect(() => old.decrypt(li.id_cipher)).toThrow();
    for (const n of await db().selectFrom('vs_needs').select('contact_phone_cipher').execute())
      expect(fresh.decrypt(n.contact_phone_cipher)).toMatch(/^\d/);
    for (const v of await db().selectFrom('vs_volunteers').select('id_cipher').execute())
      expect(fresh.decrypt(v.id_cipher)).toHaveLength(18);
    await expect(checkDataKey(db(), TEST_KEY, t.clock.now)).rejects.toBeInstanceOf(
      DataKeyMismatchError,
    );
    expect(await checkDataKey(db(), NEW_KEY, t.clock.now)).toBe('matched');
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
