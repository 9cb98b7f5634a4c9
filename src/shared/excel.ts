/**
 * Excel workbooks (exceljs), loaded at the first export or import rather than at boot: the
 * library weighs ~25 MB of a town server's memory and is used a few times a day (issue #10
 * point 17).
 */
import type ExcelJS from 'exceljs';

let excel: Promise<typeof ExcelJS> | null = null;

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  excel ??= import('exceljs').then((m) => m.default);
  return new (await excel).Workbook();
}
