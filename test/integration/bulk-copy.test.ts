/**
 * Issue #16 point 4: bulkInsert — COPY FROM STDIN on PostgreSQL, multi-row INSERTs on SQLite —
 * inside the caller's transaction: awkward text (tabs, newlines, backslashes, `\N` spelled out,
 * Chinese, emoji) and nulls come back exactly as written; a transaction that fails after the copy
 * leaves nothing behind; more rows than one chunk arrive in full.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert } from '../../src/db/bulk-copy.ts';
import type { ResidentTable } from '../../src/db/schema.ts';
import { createTestDb, TEST_DIALECT, type TestDb } from '../helpers/test-db.ts';

const AT = '2026-12-05T08:00:00.000Z';

function resident(n: number, over: Partial<ResidentTable> = {}): ResidentTable {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    full_name: `居民${n}`,
    sex: n % 2 ? 'male' : 'female',
    birth_date: '1960-01-01',
    id_hash: `hash-${n}`,
    id_cipher: `cipher-${n}`,
    id_masked: '1101**********0011',
    phone_cipher: null,
    phone_masked: null,
    home_region_code: '110115110001',
    address: '',
    registered_station_id: null,
    is_demo: 0,
    created_at: AT,
    updated_at: AT,
    ...over,
  };
}

describe(`#16 bulkInsert on ${TEST_DIALECT}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.kysely
      .insertInto('regions')
      .values({
        code: '110115110001',
        name: '测试村',
        parent_code: null,
        level: 'village',
        created_at: AT,
        search_key: '|测试村|',
      })
      .execute();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('writes awkward text and nulls back exactly as given', async () => {
    const awkward = [
      resident(1, { address: 'a\tb\nc\rd\\e', full_name: '\\N' }),
      resident(2, { address: "北京市大兴区魏善庄镇 🏠 “引号” '单引号' ,逗号", phone_masked: null }),
      resident(3, {
        address: '\\\\server\\share\\N',
        phone_cipher: 'x',
        phone_masked: '139****0001',
      }),
    ];
    await t.db.kysely.transaction().execute((trx) => bulkInsert(trx, 'residents', awkward));
    const back = await t.db.kysely
      .selectFrom('residents')
      .select(['id', 'full_name', 'address', 'phone_cipher', 'phone_masked', 'created_at'])
      .where(
        'id',
        'in',
        awkward.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    expect(back).toEqual(
      awkward.map((r) => ({
        id: r.id,
        full_name: r.full_name,
        address: r.address,
        phone_cipher: r.phone_cipher,
        phone_masked: r.phone_masked,
        created_at: AT,
      })),
    );
  });

  it('rolls back with the transaction around it', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => resident(100 + i));
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        await bulkInsert(trx, 'residents', rows);
        throw new Error('a later step failed');
      }),
    ).rejects.toThrow('a later step failed');
    const n = await t.db.kysely
      .selectFrom('residents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id_hash', 'like', 'hash-1__')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('writes more rows than one chunk, and refuses a duplicate key as the database does', async () => {
    const rows = Array.from({ length: 2_345 }, (_, i) => resident(10_000 + i));
    await t.db.kysely.transaction().execute((trx) => bulkInsert(trx, 'residents', rows));
    const n = await t.db.kysely
      .selectFrom('residents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id_hash', 'like', 'hash-1____')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2_345);
    await expect(
      t.db.kysely.transaction().execute((trx) => bulkInsert(trx, 'residents', [rows[7]!])),
    ).rejects.toThrow(/unique|duplicate/i);
    if (TEST_DIALECT === 'postgres') {
      // It went by COPY, not by INSERT: PostgreSQL names the COPY and the line in the error.
      const failed = await t.db.kysely
        .transaction()
        .execute((trx) => bulkInsert(trx, 'residents', [rows[7]!]))
        .then(
          () => null,
          (err: unknown) => err as { where?: string },
        );
      expect(failed?.where).toMatch(/COPY residents, line 1/);
    }
    // The connection is usable afterwards (the failed COPY did not leave it mid-protocol).
    const again = await t.db.kysely
      .selectFrom('residents')
      .select('id')
      .where('id', '=', rows[7]!.id)
      .execute();
    expect(again).toHaveLength(1);
  });
});
