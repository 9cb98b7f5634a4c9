import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  decodeTupleCursor,
  encodeTupleCursor,
  tupleKeysetQuery,
  type TupleKeysetOrder,
} from './keyset-tuple.ts';

interface Db {
  vs_resources: { id: string; active: number; region_code: string; name: string };
}
const db = new Kysely<Db>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});
/** The VS lists' order: active first (descending), then region, name and id ascending. */
const RESOURCES: TupleKeysetOrder = {
  list: 'vs-resources',
  columns: [
    { column: 'x.active', kind: 'integer', direction: 'desc' },
    { column: 'x.region_code', kind: 'text' },
    { column: 'x.name', kind: 'text' },
    { column: 'x.id', kind: 'uuid' },
  ],
};
const ID = '0b6f7c1e-5d2a-4c1b-9a7e-3f2d1c0b9a8e';

describe('#16 p5 tuple keyset with a descending column', () => {
  it('orders each column its way; the bound and the first step run descending', () => {
    const cursor = [1, '110115110207', '轮椅', ID] as const;
    const q = tupleKeysetQuery(
      db.selectFrom('vs_resources as x').select('x.id'),
      RESOURCES,
      cursor,
      20,
    ).compile();
    expect(q.sql).toContain('"x"."active" <= ?');
    expect(q.sql).toContain('("x"."active" < ? or ("x"."active" = ? and ("x"."region_code" > ?');
    expect(q.sql).toContain('"x"."id" > ?');
    expect(q.sql).toMatch(
      /order by "x"\."active" desc, "x"\."region_code" asc, "x"\."name" asc, "x"\."id" asc limit \?$/,
    );
    expect(q.parameters.at(-1)).toBe(21);
  });

  it('the cursor checks each column’s kind: the active flag an integer', () => {
    const text = encodeTupleCursor(RESOURCES, [0, '110115110207', '轮椅', ID]);
    expect(decodeTupleCursor(RESOURCES, text)).toEqual([0, '110115110207', '轮椅', ID]);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    expect(
      decodeTupleCursor(RESOURCES, b64(['vs-resources', ['1', '110115110207', '轮椅', ID]])),
    ).toBeNull();
    expect(
      decodeTupleCursor(RESOURCES, b64(['vs-projects', [1, '110115110207', '轮椅', ID]])),
    ).toBeNull();
  });
});
