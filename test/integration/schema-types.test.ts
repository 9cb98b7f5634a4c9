/**
 * Issue #12 point 5: the row types are checked, not trusted. A freshly migrated database (the
 * dialect of the run: `npm test` runs this file on SQLite and on PostgreSQL) is compared column by
 * column with the hand-written types in src/db/schema: names, nullability and type family.
 */
import { sql, type TableMetadata } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSchema, introspectTables } from '../helpers/schema-compare.ts';
import { readSchemaManifest, type ManifestTable } from '../helpers/schema-manifest.ts';
import { createTestDb, TEST_DIALECT, type TestDb } from '../helpers/test-db.ts';

describe(`schema types match the migrated database (${TEST_DIALECT})`, () => {
  let t: TestDb;
  let manifest: Map<string, ManifestTable>;
  /** The freshly migrated database, before any test changes it. */
  let migrated: TableMetadata[];
  beforeAll(async () => {
    t = await createTestDb();
    manifest = readSchemaManifest();
    migrated = await introspectTables(t.db);
  });
  afterAll(async () => t.drop());

  it('every table and column of src/db/schema is in the database, and nothing else', async () => {
    const found = compareSchema(manifest, migrated, TEST_DIALECT);
    expect(found, `src/db/schema differs from the migrations:\n${found.join('\n')}`).toEqual([]);
    expect(manifest.size).toBeGreaterThan(50);
  });

  it('names the column when a migration adds, renames or changes one without the types', async () => {
    // a drift like a new migration would make, done directly to this test's own database
    await sql`ALTER TABLE counters ADD COLUMN note text`.execute(t.db.kysely);
    await sql`ALTER TABLE instance_meta RENAME COLUMN value TO val`.execute(t.db.kysely);
    const tables = await introspectTables(t.db);
    const cases = tables.find((x) => x.name === 'cases')!;
    const flipped = tables.map((x) =>
      x !== cases
        ? x
        : {
            ...x,
            columns: x.columns.map((c) =>
              c.name === 'number'
                ? { ...c, isNullable: true }
                : c.name === 'version'
                  ? { ...c, dataType: 'text' }
                  : c,
            ),
          },
    );
    const found = compareSchema(manifest, flipped, TEST_DIALECT);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^counters\.note: in the database .* but not in CounterTable/),
        expect.stringMatching(/^instance_meta\.val: in the database .* not in InstanceMetaTable/),
        expect.stringMatching(
          /^instance_meta\.value: in InstanceMetaTable .* but not in the database/,
        ),
        expect.stringMatching(
          /^cases\.number: CaseTable .* says text, the database column is nullable/,
        ),
        expect.stringMatching(/^cases\.version: CaseTable .* says int, the database has text/),
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('names a table the types lack, and one the database lacks', async () => {
    const renamed = migrated.map((x) => (x.name === 'counters' ? { ...x, name: 'tallies' } : x));
    expect(compareSchema(manifest, renamed, TEST_DIALECT)).toEqual([
      expect.stringMatching(
        /^counters: in CounterTable \(src\/db\/schema\/audit\.ts\) but not in the database/,
      ),
      expect.stringMatching(/^tallies: in the database but not in `interface Database`/),
    ]);
  });
});
