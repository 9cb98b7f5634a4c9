/**
 * The catalog as an Excel workbook a clerk can edit in WPS or Excel (GS-1 import/export).
 *
 * Sheet `items`: one row per item. Sheet `materials`: one row per material, tied to its item by
 * `item_code`, in order. Sheet `guide`: what each column means and the allowed values. Headers read
 * "事项编码 (code)": the key in brackets is what the importer matches, the Chinese is free text.
 * Lists (aliases, conditions, waivers) have one entry per line inside the cell; channels are
 * comma-separated; yes/no is 是/否; the fee is in yuan.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../shared/excel.ts';
import type { FieldError } from '../../shared/problem.ts';
import { AppError } from '../../shared/problem.ts';
import './catalog.problems.ts'; // its codes, also where no app assembled the tables (unit tests)
import type { CatalogItem } from './catalog.schema.ts';
import {
  guideRows,
  ITEM_COLUMNS,
  MATERIAL_COLUMNS,
  VALUE_LISTS,
  type Column,
} from './catalog-xlsx-columns.ts';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_ROWS = 5000;
/** Drop-down lists reach this many rows below the data, for rows a clerk adds. */
const ROWS_WITH_LISTS = 500;

/**
 * One validation per column range. exceljs types only the per-cell setter, whose writer merges
 * cells into overlapping ranges (string-sorted addresses), which Excel reports as damage.
 */
interface SheetValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

type Scalar = string | number | boolean | null;

function itemRow(item: CatalogItem): Scalar[] {
  return [
    item.code,
    item.tier,
    item.category,
    item.name.zh,
    item.name.en,
    item.aliases.join('\n'),
    item.legalLimitDays,
    item.promisedLimitDays,
    item.scope,
    item.route.accepts,
    item.route.decides,
    item.route.department ?? null,
    item.channels.join(', '),
    item.inPersonVisits,
    item.fee.amountFen / 100,
    item.fee.waivers.join('\n'),
    item.conditions.join('\n'),
    item.basis,
    item.procedure,
    item.isDemo ? '是' : '否',
  ];
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Scalar[][]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: `${c.zh} (${c.key})`, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  const last = rows.length + ROWS_WITH_LISTS;
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    if (c.wrap) column.alignment = { wrapText: true, vertical: 'top' };
    const list = VALUE_LISTS[c.key];
    if (list)
      (ws as unknown as SheetValidations).dataValidations.add(
        `${column.letter}2:${column.letter}${last}`,
        { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`] },
      );
  });
}

export async function writeCatalogXlsx(items: CatalogItem[]): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'Doorstep';
  addSheet(wb, 'items', ITEM_COLUMNS, items.map(itemRow));
  const materials = items.flatMap((item) =>
    item.materials.map((m): Scalar[] => [
      item.code,
      m.key,
      m.name.zh,
      m.name.en,
      m.required ? '是' : '否',
      m.form,
      m.copies,
      m.notes ?? null,
    ]),
  );
  addSheet(wb, 'materials', MATERIAL_COLUMNS, materials);
  const guide = wb.addWorksheet('guide');
  guide.columns = [
    { header: '列 column', width: 24 },
    { header: '说明 meaning', width: 50 },
    { header: '可填的值 allowed values', width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const row of guideRows()) guide.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellScalar(value: ExcelJS.CellValue): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || typeof result === 'object' ? null : result;
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : null;
  return null;
}

const text = (v: Scalar): string | undefined => {
  const s = v === null ? '' : String(v).trim();
  return s === '' ? undefined : s;
};
const lines = (v: Scalar): string[] =>
  (text(v) ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
/** Numbers stay numbers; numeric text becomes a number; anything else is left for the schema to refuse. */
const num = (v: Scalar): unknown => {
  const s = text(v);
  if (s === undefined) return undefined;
  return typeof v === 'number' ? v : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
};
const YES = new Set(['是', 'true', 'yes', 'y', '1']);
const NO = new Set(['否', 'false', 'no', 'n', '0']);
const bool = (v: Scalar, empty: boolean | undefined): unknown => {
  const s = text(v)?.toLowerCase();
  if (s === undefined) return empty;
  return YES.has(s) ? true : NO.has(s) ? false : s;
};

interface SheetRows {
  rows: { number: number; get: (key: string) => Scalar }[];
  errors: FieldError[];
}

function readSheet(wb: ExcelJS.Workbook, name: string, columns: Column[]): SheetRows {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new AppError('CATALOG_FILE_UNREADABLE', { detail: `no sheet named "${name}"` });
  if (ws.rowCount > MAX_ROWS)
    throw new AppError('CATALOG_FILE_UNREADABLE', {
      detail: `sheet ${name} has over ${MAX_ROWS} rows`,
    });
  const index = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const header = String(cellScalar(cell.value) ?? '').trim();
    const key = /[(（]([A-Za-z_]+)[)）]\s*$/.exec(header)?.[1] ?? header;
    index.set(key, col);
  });
  const errors = columns
    .filter((c) => c.required && !index.has(c.key))
    .map((c) => ({ path: `sheet ${name} row 1`, message: `missing column ${c.key} (${c.zh})` }));
  const rows: SheetRows['rows'] = [];
  ws.eachRow((row, number) => {
    if (number === 1) return;
    const get = (key: string) => {
      const col = index.get(key);
      return col === undefined ? null : cellScalar(row.getCell(col).value);
    };
    if (columns.some((c) => text(get(c.key)) !== undefined)) rows.push({ number, get });
  });
  return { rows, errors };
}

export interface ReadCatalog {
  /** Raw items for the schema to check. */
  items: unknown[];
  /** Where a schema issue of item `index` at `path` sits in the workbook. */
  locate: (index: number, path: readonly PropertyKey[]) => { path: string; column: string };
  /** Problems found while reading (missing columns, materials of unknown items, bad fees). */
  errors: FieldError[];
}

const ITEM_FIELD_COLUMNS: Record<string, string> = {
  name: 'name_',
  fee: 'fee_',
  route: 'route_',
};

/** Refusals in the order a clerk reads the workbook: sheet items, then materials, by row. */
export function workbookOrder(a: FieldError, b: FieldError): number {
  const key = (e: FieldError) => {
    const m = /^sheet (items|materials) row (\d+)/.exec(e.path);
    return m ? (m[1] === 'items' ? 0 : 1e7) + Number(m[2]) : 2e7;
  };
  return key(a) - key(b);
}

export async function readCatalogXlsx(buffer: Buffer): Promise<ReadCatalog> {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(new Uint8Array(buffer).buffer);
  } catch {
    throw new AppError('CATALOG_FILE_UNREADABLE', { detail: 'not an .xlsx workbook' });
  }
  const itemSheet = readSheet(wb, 'items', ITEM_COLUMNS);
  const materialSheet = readSheet(wb, 'materials', MATERIAL_COLUMNS);
  const errors = [...itemSheet.errors, ...materialSheet.errors];
  const items: Record<string, unknown>[] = [];
  const itemRows: number[] = [];
  const materialRows: number[][] = [];
  const byCode = new Map<string, number>();
  for (const { number, get } of itemSheet.rows) {
    const yuan = num(get('fee_yuan'));
    let amountFen: unknown = yuan ?? 0;
    if (typeof yuan === 'number') {
      amountFen = Math.round(yuan * 100);
      if (Math.abs(yuan * 100 - (amountFen as number)) > 1e-6)
        errors.push({ path: `sheet items row ${number}`, message: 'fee_yuan: at most 2 decimals' });
    }
    const department = text(get('route_department'));
    const item: Record<string, unknown> = {
      code: text(get('code')),
      name: { zh: text(get('name_zh')), en: text(get('name_en')) },
      aliases: lines(get('aliases')),
      category: text(get('category')),
      tier: text(get('tier')),
      legalLimitDays: num(get('legalLimitDays')),
      promisedLimitDays: num(get('promisedLimitDays')),
      materials: [],
      conditions: lines(get('conditions')),
      fee: { amountFen, waivers: lines(get('fee_waivers')) },
      channels: (text(get('channels')) ?? '').split(/[\s,，、;；]+/).filter(Boolean),
      inPersonVisits: num(get('inPersonVisits')),
      scope: text(get('scope')),
      route: {
        accepts: text(get('route_accepts')) ?? 'station',
        decides: text(get('route_decides')),
        ...(department ? { department } : {}),
      },
      basis: text(get('basis')),
      procedure: text(get('procedure')),
      isDemo: bool(get('isDemo'), false),
    };
    const code = typeof item.code === 'string' ? item.code : '';
    const first = byCode.get(code);
    if (code && first === undefined) byCode.set(code, items.length);
    else if (code)
      errors.push({
        path: `sheet items row ${number}`,
        message: `code: ${code} appears twice (also row ${itemRows[first!]}); its materials go to the first`,
      });
    items.push(item);
    itemRows.push(number);
    materialRows.push([]);
  }
  for (const { number, get } of materialSheet.rows) {
    const code = text(get('item_code')) ?? '';
    const at = byCode.get(code);
    if (at === undefined) {
      errors.push({
        path: `sheet materials row ${number}`,
        message: `item_code: no item "${code}" on sheet items`,
      });
      continue;
    }
    const notes = text(get('notes'));
    (items[at]!.materials as unknown[]).push({
      key: text(get('key')),
      name: { zh: text(get('name_zh')), en: text(get('name_en')) },
      required: bool(get('required'), undefined),
      form: text(get('form')),
      copies: num(get('copies')),
      ...(notes ? { notes } : {}),
    });
    materialRows[at]!.push(number);
  }
  return {
    items,
    errors,
    locate: (index, path) => {
      const [head, second, ...rest] = path.map(String);
      if (head === 'materials' && second !== undefined && /^\d+$/.test(second)) {
        const row = materialRows[index]?.[Number(second)];
        const field = rest.join('_');
        return { path: `sheet materials row ${row}`, column: field || 'key' };
      }
      const prefix = head ? ITEM_FIELD_COLUMNS[head] : undefined;
      let column = head ?? 'code';
      if (prefix && second !== undefined) column = `${prefix}${second}`;
      if (column === 'fee_amountFen') column = 'fee_yuan';
      return { path: `sheet items row ${itemRows[index]}`, column };
    },
  };
}
