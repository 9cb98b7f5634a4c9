import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { hotQuery } from './hot-query.ts';

interface Db {
  items: { id: string; owner: string; n: number; kind: string };
}

const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
afterAll(() => db.destroy());

const byOwner = hotQuery((k: Kysely<Db>, p: { owner: string; min: number }) =>
  k
    .selectFrom('items')
    .selectAll()
    .where('owner', '=', p.owner)
    .where('kind', '=', 'toy') // a constant stays as compiled
    .where('n', '>=', p.min)
    .orderBy('id'),
);
const bump = hotQuery((k: Kysely<Db>, p: { id: string; by: number }) =>
  k
    .updateTable('items')
    .set((eb) => ({ n: eb('n', '+', p.by) }))
    .where('id', '=', p.id)
    .where((eb) => eb(eb('n', '+', p.by), '<=', 10)) // the same placeholder twice
    .returning('n'),
);

describe('hotQuery: compiled once, run with each call’s values', () => {
  it('fills every placeholder per call, keeps constants, and runs inside transactions', async () => {
    await sql`create table items (id text primary key, owner text, n integer, kind text)`.execute(
      db,
    );
    await db
      .insertInto('items')
      .values([
        { id: 'a', owner: 'x', n: 1, kind: 'toy' },
        { id: 'b', owner: 'x', n: 5, kind: 'toy' },
        { id: 'c', owner: 'y', n: 5, kind: 'toy' },
        { id: 'd', owner: 'x', n: 9, kind: 'book' },
      ])
      .execute();
    expect((await byOwner.rows(db, { owner: 'x', min: 0 })).map((r) => r.id)).toEqual(['a', 'b']);
    expect((await byOwner.rows(db, { owner: 'x', min: 2 })).map((r) => r.id)).toEqual(['b']);
    expect((await byOwner.first(db, { owner: 'y', min: 0 }))?.id).toBe('c');
    expect(await byOwner.first(db, { owner: 'z', min: 0 })).toBeUndefined();
    expect(byOwner.sqlFor(db)).toContain('"kind" = ?');
    await db.transaction().execute(async (trx) => {
      expect(await bump.first(trx, { id: 'b', by: 4 })).toEqual({ n: 9 });
      // 9 + 2 > 10: the condition uses the same value as the SET.
      expect(await bump.first(trx, { id: 'b', by: 2 })).toBeUndefined();
    });
    expect((await byOwner.first(db, { owner: 'x', min: 9 }))?.n).toBe(9);
  });

  it('refuses a call without a value for a placeholder', async () => {
    await expect(byOwner.rows(db, { owner: 'x' } as never)).rejects.toThrow(/no value for min/);
  });
});
