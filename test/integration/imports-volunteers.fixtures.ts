/** Shared by imports-volunteers.test.ts: a file of a kind's template columns, and the plan's shape. */
import { COLUMNS_OF, type ImportKind } from '../../src/modules/imports/import-columns.ts';
import { writeImportWorkbook } from '../../src/modules/imports/import-sheet.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';

export type Cells = Record<string, string>;
/** A file of the kind's template columns, each row given by column key. */
export const fileOf = async (kind: ImportKind, rows: Cells[]) =>
  (
    await writeImportWorkbook(
      kind,
      rows.map((r) => COLUMNS_OF[kind].map((c) => r[c.key] ?? '')),
    )
  ).toString('base64');

export interface Plan {
  kind: string;
  total: number;
  counts: { create: number; change: number; unchanged: number; refused: number };
  rows: {
    row: number;
    action: string;
    who: string;
    changes?: string[];
    reasons?: { code: string; detail?: string; message: string }[];
  }[];
}

export const CORPS = '魏善庄镇志愿服务总队';
export const TEAM = '魏善庄镇助老志愿服务队';
export const SUB = '伊庄村助老分队';
export const ZHAO_ID = buildIdNumber('110115', '19900412', '027'); // 赵雨欣, a demo volunteer
