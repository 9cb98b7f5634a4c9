/**
 * Issue #16 point 5: a village clerk's list is the town's (通办), read in the page's order from
 * cases_town_created (migration 0061) — no sort of the town's cases — on both databases, and the
 * town written as the index's expression selects exactly the cases a code range selects.
 */
import '../../src/server/problem-tables.ts';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { acceptedInside } from '../../src/modules/cases/case-scope.ts';
import { underPrefix } from '../../src/shared/region-range.ts';
import { createTestDb, TEST_DIALECT, type TestDb } from '../helpers/test-db.ts';

describe(`#16 p5 a town's case list in index order (${TEST_DIALECT})`, () => {
  let t: TestDb;
  const k = (): Kysely<Database> => t.db.kysely;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t.drop());

  const page = (where: ReturnType<typeof acceptedInside>) =>
    k()
      .selectFrom('cases as c')
      .select(['c.id'])
      .where(where)
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id')
      .limit(20);

  async function planOf(q: ReturnType<typeof page>): Promise<string> {
    const { sql: text, parameters } = q.compile();
    if (TEST_DIALECT === 'postgres') {
      // An empty table: make the planner show what it can do, not what is cheapest on no rows.
      return k()
        .connection()
        .execute(async (c) => {
          await sql`set enable_seqscan = off`.execute(c);
          await sql`set enable_sort = off`.execute(c);
          const rows = (
            await c.executeQuery<{ 'QUERY PLAN': string }>({
              sql: `explain ${text}`,
              parameters,
              query: q.toOperationNode(),
              queryId: { queryId: 'plan' },
            })
          ).rows;
          await sql`reset enable_seqscan`.execute(c);
          await sql`reset enable_sort`.execute(c);
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
    }
    const rows = await k().executeQuery<{ detail: string }>({
      sql: `explain query plan ${text}`,
      parameters,
      query: q.toOperationNode(),
      queryId: { queryId: 'plan' },
    });
    return rows.rows.map((r) => r.detail).join('\n');
  }

  it('reads a town from cases_town_created without sorting', async () => {
    const plan = await planOf(page(acceptedInside('110115110')));
    expect(plan).toContain('cases_town_created');
    expect(plan).not.toMatch(/Sort|TEMP B-TREE/);
  });

  it('a village is one code (cases_region_created); a district stays a range', () => {
    expect(page(acceptedInside('110115110201')).compile().sql).toMatch(
      /"c"\."accepting_region_code" = /,
    );
    expect(page(acceptedInside('110115')).compile().sql).toMatch(
      /"c"\."accepting_region_code" >= .* and "c"\."accepting_region_code" < /,
    );
    expect(page(acceptedInside('110115110')).compile().sql).toContain(
      'substr("c"."accepting_region_code", 1, 9) = ',
    );
  });

  it('selects exactly what the range selects', async () => {
    const codes = ['110115110201', '110115110999', '110115111001', '110115109999', '110116110201'];
    const rows = sql.join(
      codes.map((code, i) => sql`select ${code} as accepting_region_code, ${i} as i`),
      sql` union all `,
    );
    const ids = async (where: ReturnType<typeof acceptedInside>) =>
      (
        await sql<{ i: number }>`select c.i from (${rows}) c where ${where} order by c.i`.execute(
          k(),
        )
      ).rows.map((r) => Number(r.i));
    const expected = { '110115110': 2, '110115109': 1, '110115111': 1, '110116110': 1 };
    for (const [prefix, n] of Object.entries(expected)) {
      const range = await ids(underPrefix('c.accepting_region_code', prefix));
      expect(await ids(acceptedInside(prefix))).toEqual(range);
      expect(range.length).toBe(n);
    }
  });
});
