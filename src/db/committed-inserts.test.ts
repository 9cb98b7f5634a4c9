import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { observeCommittedInserts, type InsertedRow } from './committed-inserts.ts';

interface Db {
  t: { id: string; n: number };
  other: { id: string };
}

function open() {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (id text primary key, n integer); create table other (id text)');
  const { dialect, inserts } = observeCommittedInserts(new SqliteDialect({ database: sqlite }));
  const seen: InsertedRow[][] = [];
  const stop = inserts.on('t', (rows) => seen.push(rows));
  return { db: new Kysely<Db>({ dialect }), seen, stop };
}

describe('committed inserts (issue #15 point 5: after commit)', () => {
  it('hands a transaction’s rows over after COMMIT, never before, never after ROLLBACK', async () => {
    const { db, seen } = open();
    let inside = -1;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 'a', n: 1 }).execute();
      await trx
        .insertInto('t')
        .values([
          { id: 'b', n: 2 },
          { id: 'c', n: 3 },
        ])
        .execute();
      await trx.insertInto('other').values({ id: 'x' }).execute(); // not watched
      inside = seen.length;
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 'd', n: 4 }).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(inside).toBe(0);
    expect(seen).toEqual([
      [
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
        { id: 'c', n: 3 },
      ],
    ]);
    await db.destroy();
  });

  it('outside a transaction at once; an insert that inserted nothing is not handed over', async () => {
    const { db, seen, stop } = open();
    await db.insertInto('t').values({ id: 'a', n: 1 }).execute();
    await db
      .insertInto('t')
      .values({ id: 'a', n: 9 })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    stop();
    await db.insertInto('t').values({ id: 'b', n: 2 }).execute();
    expect(seen).toEqual([[{ id: 'a', n: 1 }]]);
    await db.destroy();
  });
});
