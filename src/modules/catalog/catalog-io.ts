/**
 * GS-1 catalog import and export, as JSON and as Excel. Export writes the current version of every
 * item; importing that export changes nothing. Import is all-or-nothing: every item is checked
 * first, and if any is refused nothing is written and every refusal is listed (sheet, row, reason).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../shared/problem.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { CatalogItemSchema, type CatalogItem } from './catalog.schema.ts';
import { currentVersions } from './catalog.repo.ts';
import { writeImportedItems, type ImportResult } from './catalog.service.ts';
import { assertTownExists, catalogItemWriterGrant } from './catalog.scope.ts';
import { townPrefixOf } from './catalog-town.rules.ts';
import { readCatalogXlsx, workbookOrder, writeCatalogXlsx } from './catalog-xlsx.ts';

/** Issue #15 point 9: a town officer exports (and imports) their town's 实施清单 too. */
export const CATALOG_EXPORTERS = ['admin', 'supervisor', 'town_officer'] as const;
export const MAX_IMPORT_ITEMS = 2000;
const MAX_ERRORS = 500;

export type CatalogFormat = 'json' | 'xlsx';

/** The JSON file: what export writes and import reads. */
export const CatalogJsonFile = z.strictObject({
  exportedAt: z.string().max(40).optional(),
  items: z.array(z.unknown()).max(MAX_IMPORT_ITEMS),
});

/** `items[3].materials[1].copies` */
export function jsonPath(index: number, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`),
    `items[${index}]`,
  );
}

type Locate = (index: number, path: readonly PropertyKey[]) => { path: string; column: string };

/**
 * Pure: checks every raw item (schema rules, and each code once per file). Returns the parsed
 * items only when nothing was refused.
 */
export function validateCatalogItems(
  raw: readonly unknown[],
  locate: Locate = (i, p) => ({ path: jsonPath(i, p), column: '' }),
  earlier: FieldError[] = [],
): { items: CatalogItem[]; errors: FieldError[] } {
  const errors = [...earlier];
  const items: CatalogItem[] = [];
  const seen = new Map<string, number>();
  const refuse = (index: number, path: readonly PropertyKey[], message: string) => {
    const at = locate(index, path);
    errors.push({ path: at.path, message: at.column ? `${at.column}: ${message}` : message });
  };
  if (raw.length > MAX_IMPORT_ITEMS)
    errors.push({ path: 'items', message: `at most ${MAX_IMPORT_ITEMS} items per import` });
  raw.forEach((entry, index) => {
    const parsed = CatalogItemSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) refuse(index, issue.path, issue.message);
      return;
    }
    const first = seen.get(parsed.data.code);
    if (first !== undefined) {
      refuse(index, ['code'], `${parsed.data.code} appears twice (also ${locate(first, []).path})`);
      return;
    }
    seen.set(parsed.data.code, index);
    items.push(parsed.data);
  });
  if (errors.length > MAX_ERRORS) {
    const more = errors.length - MAX_ERRORS;
    errors.length = MAX_ERRORS;
    errors.push({ path: '…', message: `and ${more} more` });
  }
  return { items: errors.length === 0 ? items : [], errors };
}

/** Parses a file into items, or refuses all of it (CATALOG_IMPORT_REFUSED with every reason). */
export async function parseCatalogFile(
  format: CatalogFormat,
  body: unknown,
): Promise<CatalogItem[]> {
  let result: { items: CatalogItem[]; errors: FieldError[] };
  if (format === 'xlsx') {
    if (!Buffer.isBuffer(body))
      throw new AppError('CATALOG_FILE_UNREADABLE', { detail: 'no file' });
    const read = await readCatalogXlsx(body);
    result = validateCatalogItems(read.items, read.locate, read.errors);
    result.errors.sort(workbookOrder);
  } else {
    const file = CatalogJsonFile.safeParse(body);
    if (!file.success)
      throw new AppError('VALIDATION_FAILED', {
        errors: file.error.issues.map((i) => ({
          path: ['body', ...i.path.map(String)].join('.'),
          message: i.message,
        })),
      });
    result = validateCatalogItems(file.data.items);
  }
  if (result.errors.length > 0)
    throw new AppError('CATALOG_IMPORT_REFUSED', { errors: result.errors });
  return result.items;
}

export async function importCatalog(
  db: Kysely<Database>,
  input: {
    format: CatalogFormat;
    /** Issue #15 point 9: a town's list (its own items; the shared ones only unchanged). */
    town?: string | undefined;
    body: unknown;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
): Promise<ImportResult> {
  const town = input.town ?? null;
  const grant = await catalogItemWriterGrant(db, input.actor, town);
  if (town) await assertTownExists(db, town);
  const items = await parseCatalogFile(input.format, input.body);
  return writeImportedItems(db, {
    items,
    format: input.format,
    town,
    actor: auditActor(input.actor, grant),
    regionCode: town ?? grant.regionCode,
    requestId: input.requestId,
    now: input.now,
  });
}

/**
 * The current version of every shared item (active or not), by code; with a town, its 实施清单:
 * the shared items and the town's own (issue #15 point 9). Another town's items never appear.
 */
export async function exportCatalogItems(
  db: Kysely<Database>,
  actor: Actor,
  town?: string,
): Promise<CatalogItem[]> {
  authorize(actor, CATALOG_EXPORTERS);
  if (town) await assertTownExists(db, town);
  const prefixes = town ? [townPrefixOf(town)] : [];
  return [...(await currentVersions(db, undefined, { prefixes })).values()].map((v) => v.item);
}

export type CatalogExport =
  | { format: 'json'; filename: string; body: { exportedAt: string; items: CatalogItem[] } }
  | { format: 'xlsx'; filename: string; body: Buffer };

export async function exportCatalog(
  db: Kysely<Database>,
  input: { format: CatalogFormat; town?: string | undefined; actor: Actor; now: Date },
): Promise<CatalogExport> {
  const items = await exportCatalogItems(db, input.actor, input.town);
  const which = input.town ? `-${input.town}` : '';
  const filename = `doorstep-catalog${which}-${input.now.toISOString().slice(0, 10)}.${input.format}`;
  if (input.format === 'xlsx')
    return { format: 'xlsx', filename, body: await writeCatalogXlsx(items) };
  return { format: 'json', filename, body: { exportedAt: input.now.toISOString(), items } };
}
