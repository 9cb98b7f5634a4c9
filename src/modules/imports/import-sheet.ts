/**
 * Reading an import file and writing its template (exceljs, loaded only when an import runs).
 * The file is streamed row by row, so a 100,000-row workbook is never held as a whole workbook
 * model. The first worksheet holds the data; row 1 holds the headers (Chinese, English or an alias,
 * see import-columns.ts); fully blank rows are skipped.
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../shared/excel.ts';
import { AppError, type FieldError } from '../../shared/problem.ts';
import './imports.problems.ts';
import {
  COLUMNS_OF,
  columnOfHeader,
  normaliseHeader,
  SHEET_NAME_OF,
  type ImportColumn,
  type ImportKind,
} from './import-columns.ts';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetRow {
  /** The row number in the workbook (the header is row 1). */
  row: number;
  values: Record<string, string>;
}

/** Free columns a clerk may add for themself; they are not imported. */
const IGNORED_HEADER = /^(备注|说明|序号|no\.?|note|notes|remark|remarks)$/;

/** One cell as text: numbers as written (no 1.1E+17), rich text joined, formulas by result. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number')
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || result === null || typeof result === 'object'
      ? ''
      : cellText(result);
  }
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  return '';
}

/** Maps row 1 to columns: every required column present once, no unknown column. */
export function headerIndex(
  columns: readonly ImportColumn[],
  headers: readonly string[],
): { index: Map<number, string>; errors: FieldError[] } {
  const index = new Map<number, string>();
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  headers.forEach((raw, i) => {
    const col = i + 1;
    if (raw.trim() === '' || IGNORED_HEADER.test(normaliseHeader(raw))) return;
    const column = columnOfHeader(columns, raw);
    if (!column) {
      errors.push({ path: `row 1 column ${col}`, message: `unknown column "${raw.trim()}"` });
      return;
    }
    const before = seen.get(column.key);
    if (before !== undefined) {
      errors.push({
        path: `row 1 column ${col}`,
        message: `column ${column.zh} (${column.en}) appears twice (also column ${before})`,
      });
      return;
    }
    seen.set(column.key, col);
    index.set(col, column.key);
  });
  for (const c of columns)
    if (c.required && !seen.has(c.key))
      errors.push({ path: 'row 1', message: `missing column ${c.zh} (${c.en})` });
  return { index, errors };
}

export interface ReadOptions {
  maxRows: number;
  /** Called now and then while reading, with the rows read so far. */
  onRow?: (rowsRead: number) => void;
}

/** Collects the data rows of the first worksheet as its rows arrive (header row first). */
function rowCollector(kind: ImportKind, opts: ReadOptions) {
  const columns = COLUMNS_OF[kind];
  const rows: SheetRow[] = [];
  let index: Map<number, string> | null = null;
  return {
    rows,
    headerSeen: () => index !== null,
    add(rowNumber: number, cells: ExcelJS.CellValue[]) {
      if (index === null) {
        if (rowNumber !== 1) throw headersProblem([{ path: 'row 1', message: 'row 1 is empty' }]);
        const headers: string[] = [];
        for (let c = 1; c < cells.length; c++) headers.push(cellText(cells[c]));
        const found = headerIndex(columns, headers);
        if (found.errors.length > 0) throw headersProblem(found.errors);
        index = found.index;
        return;
      }
      const values: Record<string, string> = {};
      let blank = true;
      for (const [col, key] of index) {
        const text = cellText(cells[col]);
        if (text !== '') blank = false;
        values[key] = text;
      }
      if (blank) return;
      rows.push({ row: rowNumber, values });
      if (rows.length > opts.maxRows)
        throw new AppError('IMPORT_TOO_MANY_ROWS', {
          detail: `at most ${opts.maxRows} rows per import`,
        });
      if (opts.onRow && rows.length % 1000 === 0) opts.onRow(rows.length);
    },
  };
}

/** The first worksheet read row by row from the zip as it streams (the whole workbook never held). */
async function readStreamed(
  Excel: typeof ExcelJS,
  kind: ImportKind,
  file: Buffer,
  opts: ReadOptions,
) {
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  const collect = rowCollector(kind, opts);
  for await (const sheet of reader) {
    for await (const row of sheet)
      collect.add(row.number, (row.values as ExcelJS.CellValue[]) ?? []);
    break; // the first worksheet only
  }
  return collect;
}

/** The first worksheet from the whole workbook loaded through the zip's central directory. */
async function readLoaded(
  Excel: typeof ExcelJS,
  kind: ImportKind,
  file: Buffer,
  opts: ReadOptions,
) {
  const wb = new Excel.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const collect = rowCollector(kind, opts);
  const sheet = wb.worksheets[0];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) =>
    collect.add(rowNumber, (row.values as ExcelJS.CellValue[]) ?? []),
  );
  return collect;
}

/**
 * The data rows of an import file, or a 4xx problem (unreadable, headers, empty, too many).
 * Streamed first; exceljs' streaming reader sometimes loses the race with the workbook entry that
 * its own writer stores last (exceljs issue #3064: "Cannot read properties of undefined (reading
 * 'sheets')") — then the same rows are read from the loaded workbook, so a good file is never
 * refused as unreadable by chance. `mode` forces one reader (tests).
 */
export async function readImportSheet(
  kind: ImportKind,
  file: Buffer,
  opts: ReadOptions & { mode?: 'streamed' | 'loaded' },
): Promise<SheetRow[]> {
  // Every .xlsx is a zip archive: refuse anything else before exceljs tries to parse it.
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50)
    throw new AppError('IMPORT_FILE_UNREADABLE', { detail: 'not an .xlsx workbook' });
  const { default: Excel } = await import('exceljs');
  let collect: ReturnType<typeof rowCollector>;
  try {
    collect =
      opts.mode === 'loaded'
        ? await readLoaded(Excel, kind, file, opts)
        : await readStreamed(Excel, kind, file, opts);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (opts.mode === 'streamed')
      throw new AppError('IMPORT_FILE_UNREADABLE', { detail: 'not a readable .xlsx workbook' });
    try {
      collect = await readLoaded(Excel, kind, file, opts);
    } catch (again) {
      if (again instanceof AppError) throw again;
      throw new AppError('IMPORT_FILE_UNREADABLE', { detail: 'not a readable .xlsx workbook' });
    }
  }
  if (!collect.headerSeen())
    throw headersProblem([{ path: 'row 1', message: 'the sheet is empty' }]);
  if (collect.rows.length === 0) throw new AppError('IMPORT_EMPTY');
  opts.onRow?.(collect.rows.length);
  return collect.rows;
}

function headersProblem(errors: FieldError[]): AppError {
  return new AppError('IMPORT_HEADERS', { errors });
}

/** A workbook in the template's shape: Chinese headers, the rows given, text columns as text. */
export async function writeImportWorkbook(
  kind: ImportKind,
  rows: readonly (readonly string[])[],
): Promise<Buffer> {
  const columns = COLUMNS_OF[kind];
  const wb = await newWorkbook();
  wb.creator = 'Doorstep';
  const ws = wb.addWorksheet(SHEET_NAME_OF[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.zh, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.text) ws.getColumn(i + 1).numFmt = '@';
  });
  for (const r of rows) ws.addRow([...r]);
  const guide = wb.addWorksheet('说明 guide');
  guide.columns = [
    { header: '列 column', width: 20 },
    { header: 'English header', width: 18 },
    { header: '必填 required', width: 14 },
    { header: '也可写作 also accepted', width: 60 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of columns)
    guide.addRow([c.zh, c.en, c.required ? '是 yes' : '否 no', c.aliases.join('、')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template: headers and one example row. */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  return writeImportWorkbook(kind, [COLUMNS_OF[kind].map((c) => c.example)]);
}
