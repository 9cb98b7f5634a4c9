/**
 * A list as an .xlsx written row by row (issue #15 X-8): exceljs' streaming WorkbookWriter sends
 * each batch of rows into the zip as it arrives, so a 100k-row export never holds the whole file
 * (or the whole list) in memory. Backpressure: the next batch is fetched only when the reader of
 * the stream has taken what was written.
 */
import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';
import { CHINA_OFFSET_MS } from '../china-time.ts';

/** The workbook is in one language: the reader's (`?lang=`), Chinese by default. */
export type ExportLanguage = 'zh-CN' | 'en';
export type Cell = string | number | boolean | null | undefined;

export interface ExportColumn<R> {
  zh: string;
  en: string;
  width?: number;
  /** The cell as the list shows it: personal numbers masked, names in the reader's language. */
  value: (row: R, lang: ExportLanguage) => Cell;
}

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let excel: Promise<typeof ExcelJS> | null = null;
function loadExcel() {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}

const YES_NO = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] } as const;

/** A code's words in the reader's language (the web's labels for it); unknown codes as they are. */
export function wordsOf(
  labels: Record<string, readonly [zh: string, en: string]>,
  code: string | null | undefined,
  lang: ExportLanguage,
): string | null {
  if (code === null || code === undefined) return null;
  const words = labels[code];
  return words ? words[lang === 'en' ? 1 : 0] : code;
}

/** An instant (ISO string) as China's wall clock, `YYYY-MM-DD HH:mm`; anything else as it is. */
export function chinaDateTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (!/T\d{2}:\d{2}/.test(iso) || Number.isNaN(t)) return iso;
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function cellOf(value: Cell, lang: ExportLanguage): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return YES_NO[lang][value ? 0 : 1];
  return value;
}

/** Excel forbids these in sheet names and allows at most 31 characters. */
function sheetName(name: string) {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
}

/**
 * Starts writing and returns the stream at once; rows follow as `batches` yields them. A failure
 * after the first byte can only cut the download (the caller fetched the first batch before, so
 * a refused filter or scope is still a problem+json answer).
 */
export async function streamXlsx<R>(input: {
  sheet: { zh: string; en: string };
  columns: readonly ExportColumn<R>[];
  batches: AsyncIterable<readonly R[]>;
  lang: ExportLanguage;
  now: Date;
}): Promise<Readable> {
  const Excel = await loadExcel();
  const out = new PassThrough();
  const wb = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Doorstep';
  wb.created = input.now;
  const en = input.lang === 'en';
  const ws = wb.addWorksheet(sheetName(en ? input.sheet.en : input.sheet.zh), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = input.columns.map((c) => ({ header: en ? c.en : c.zh, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const write = async () => {
    for await (const batch of input.batches) {
      for (const row of batch) {
        ws.addRow(input.columns.map((c) => cellOf(c.value(row, input.lang), input.lang))).commit();
      }
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    ws.commit();
    await wb.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
