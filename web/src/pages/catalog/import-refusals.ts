import type { FieldProblem } from '../../api/client';

/** Where in the uploaded file a refusal points. */
export type RefusalPlace =
  /** The n-th item of a JSON file (1-based), with its code when the file gave one. */
  | { kind: 'item'; n: number; code: string | undefined }
  /** A row of an Excel sheet (items or materials), as the spreadsheet numbers it. */
  | { kind: 'row'; sheet: string; row: number }
  | { kind: 'file' };

export interface Refusal {
  place: RefusalPlace;
  /** The field inside the item or row ("materials[1].copies", "promised_days"); may be empty. */
  field: string;
  message: string;
}

const JSON_ITEM = /^(?:body\.)?items\[(\d+)\]\.?(.*)$/;
const JSON_ITEM_DOTTED = /^body\.items\.(\d+)\.?(.*)$/;
const SHEET_ROW = /^sheet (\S+) row (\d+)$/;
const COLUMN_PREFIX = /^([a-z][a-z0-9_]*): (.+)$/s;

function codeOf(items: readonly unknown[] | undefined, index: number): string | undefined {
  const item = items?.[index];
  if (typeof item !== 'object' || item === null || !('code' in item)) return undefined;
  const code = item.code;
  return typeof code === 'string' && code.trim() !== '' ? code.trim() : undefined;
}

/**
 * The server's refusals (problem+json `errors`) in the file's own terms: "item 4 (DX-SB-001),
 * materials[1].copies" for JSON, "sheet items, row 5, promised_days" for Excel.
 */
export function describeRefusals(
  errors: readonly FieldProblem[],
  sentItems?: readonly unknown[],
): Refusal[] {
  return errors.map(({ path, message }) => {
    const item = JSON_ITEM.exec(path) ?? JSON_ITEM_DOTTED.exec(path);
    if (item) {
      const index = Number(item[1]);
      return {
        place: { kind: 'item', n: index + 1, code: codeOf(sentItems, index) },
        field: item[2] ?? '',
        message,
      };
    }
    const row = SHEET_ROW.exec(path);
    if (row) {
      const column = COLUMN_PREFIX.exec(message);
      return {
        place: { kind: 'row', sheet: row[1] ?? '', row: Number(row[2]) },
        field: column?.[1] ?? '',
        message: column?.[2] ?? message,
      };
    }
    const field = path === '…' ? '' : path.replace(/^body\.?/, '');
    return { place: { kind: 'file' }, field, message };
  });
}

/** The items of a JSON catalog file: `{ items: [...] }` as exported, or a bare array. */
export function itemsOfJsonFile(parsed: unknown): unknown[] | undefined {
  if (Array.isArray(parsed)) return parsed as unknown[];
  if (typeof parsed === 'object' && parsed !== null && 'items' in parsed) {
    const items = parsed.items;
    if (Array.isArray(items)) return items as unknown[];
  }
  return undefined;
}
