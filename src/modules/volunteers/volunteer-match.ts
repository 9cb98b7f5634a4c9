/**
 * Finding registered volunteers by ID number (through the keyed hash) or by mobile number (phones
 * are only stored encrypted, so the registered ones are decrypted and compared) — for an import of
 * historic hours (issue #15 point 3) that names its volunteers either way.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface MatchedVolunteer {
  id: string;
  fullName: string;
  idMasked: string;
}

export async function volunteersByIdOrPhone(
  db: Db,
  pii: PiiCipher,
  input: { idNumbers: readonly string[]; phones: readonly string[] },
): Promise<{ byId: Map<string, MatchedVolunteer>; byPhone: Map<string, MatchedVolunteer[]> }> {
  const byId = new Map<string, MatchedVolunteer>();
  const hashes = new Map(input.idNumbers.map((n) => [pii.lookupHash(n), n]));
  const list = [...hashes.keys()];
  for (let i = 0; i < list.length; i += 500) {
    const rows = await db
      .selectFrom('vs_volunteers')
      .select(['id', 'id_hash', 'full_name', 'id_masked'])
      .where('id_hash', 'in', list.slice(i, i + 500))
      .execute();
    for (const r of rows)
      byId.set(hashes.get(r.id_hash)!, { id: r.id, fullName: r.full_name, idMasked: r.id_masked });
  }
  const byPhone = new Map<string, MatchedVolunteer[]>();
  if (input.phones.length > 0) {
    const wanted = new Set(input.phones);
    const rows = await db
      .selectFrom('vs_volunteers')
      .select(['id', 'full_name', 'id_masked', 'phone_cipher'])
      .where('phone_cipher', 'is not', null)
      .execute();
    for (const r of rows) {
      const phone = pii.decrypt(r.phone_cipher!);
      if (!wanted.has(phone)) continue;
      const v = { id: r.id, fullName: r.full_name, idMasked: r.id_masked };
      const same = byPhone.get(phone);
      if (same) same.push(v);
      else byPhone.set(phone, [v]);
    }
  }
  return { byId, byPhone };
}
