import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  observeCommittedInserts,
  writtenTables,
  type InsertedRow,
  type WrittenStatement,
} from './committed-inserts.ts';

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

describe('committed writes (issue #16 point 5: what a cache of rows must forget)', () => {
  function openWrites() {
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (id text primary key, n integer); create table other (id text)');
    const { dialect, inserts } = observeCommittedInserts(new SqliteDialect({ database: sqlite }));
    const seen: WrittenStatement[][] = [];
    const stop = inserts.onWrite(['t'], (writes) => seen.push(writes));
    return { db: new Kysely<Db>({ dialect }), seen, stop };
  }

  it('reads the written tables from any statement’s SQL, built or raw', () => {
    expect(writtenTables('insert into "t" ("id") values (?)')).toEqual(['t']);
    expect(writtenTables('update "role_grants" set "role" = $1 where "id" = $2')).toEqual([
      'role_grants',
    ]);
    expect(writtenTables('DELETE FROM public.accounts WHERE id = $1')).toEqual(['accounts']);
    expect(
      writtenTables('with x as (delete from "a" returning *) insert into b select * from x'),
    ).toEqual(['a', 'b']);
    expect(writtenTables('insert or replace into t values (1)')).toEqual(['t']);
    expect(writtenTables('truncate table sessions')).toEqual(['sessions']);
    expect(writtenTables('select * from "accounts" where "id" = $1')).toEqual([]);
  });

  it('hands over each writing statement after COMMIT, never after ROLLBACK or when nothing changed', async () => {
    const { db, seen } = openWrites();
    await db.insertInto('t').values({ id: 'a', n: 1 }).execute(); // outside a transaction: at once
    expect(seen).toHaveLength(1);
    let inside = -1;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('t').set({ n: 2 }).where('id', '=', 'a').execute();
      await trx.updateTable('t').set({ n: 3 }).where('id', '=', 'none').execute(); // no row
      await trx.insertInto('other').values({ id: 'x' }).execute(); // not watched
      await sql`delete from t where id = 'zz'`.execute(trx); // raw, changed nothing
      inside = seen.length;
    });
    expect(inside).toBe(1);
    expect(seen[1]!.map((w) => w.sql)).toEqual(['update "t" set "n" = ? where "id" = ?']);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update t set n = 9`.execute(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(seen).toHaveLength(2);
    await sql`update t set n = 4 where id = 'a'`.execute(db);
    expect(seen[2]).toEqual([{ tables: ['t'], sql: "update t set n = 4 where id = 'a'" }]);
    await db.destroy();
  });

  it('stops handing over once stopped', async () => {
    const { db, seen, stop } = openWrites();
    stop();
    await db.deleteFrom('t').execute();
    await db.insertInto('t').values({ id: 'a', n: 1 }).execute();
    expect(seen).toEqual([]);
    await db.destroy();
  });
});
