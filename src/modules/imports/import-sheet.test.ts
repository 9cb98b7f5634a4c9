/**
 * Issue #15 point 3: an import file is read the same way by both readers — streamed row by row,
 * and (when exceljs' streaming reader loses its race with the workbook entry, exceljs #3064) from
 * the loaded workbook — so a good file is never refused as unreadable by chance.
 */
import { describe, expect, it } from 'vitest';
import { newWorkbook } from '../../shared/excel.ts';
import { readImportSheet, writeImportWorkbook } from './import-sheet.ts';

const ROWS = [
  ['110115195808080712', '刘桂芳', '13911110001', '伊庄村', ''],
  ['', '', '', '', ''],
  ['110115196102030420', '陈志强', '', '三顺庄村', '三顺庄村南街 3 号'],
];

describe('issue #15 p3: reading an import file', () => {
  it('both readers give the same rows: numbers, blanks skipped, row numbers kept', async () => {
    const file = await writeImportWorkbook('residents', ROWS);
    const streamed = await readImportSheet('residents', file, { maxRows: 10, mode: 'streamed' });
    const loaded = await readImportSheet('residents', file, { maxRows: 10, mode: 'loaded' });
    expect(loaded).toEqual(streamed);
    expect(streamed.map((r) => r.row)).toEqual([2, 4]);
    expect(streamed[0]!.values).toMatchObject({ fullName: '刘桂芳', village: '伊庄村' });
  });

  it('both readers refuse bad headers, an empty sheet and too many rows with the same codes', async () => {
    const wb = await newWorkbook();
    wb.addWorksheet('x').addRow(['身份证号', '名字']);
    const badHeaders = Buffer.from(await wb.xlsx.writeBuffer());
    const empty = await writeImportWorkbook('residents', []);
    const many = await writeImportWorkbook('residents', [ROWS[0]!, ROWS[2]!]);
    for (const mode of ['streamed', 'loaded'] as const) {
      await expect(
        readImportSheet('residents', badHeaders, { maxRows: 10, mode }),
      ).rejects.toMatchObject({ code: 'IMPORT_HEADERS' });
      await expect(
        readImportSheet('residents', empty, { maxRows: 10, mode }),
      ).rejects.toMatchObject({
        code: 'IMPORT_EMPTY',
      });
      await expect(readImportSheet('residents', many, { maxRows: 1, mode })).rejects.toMatchObject({
        code: 'IMPORT_TOO_MANY_ROWS',
      });
      await expect(
        readImportSheet('residents', Buffer.from('PK\u0003\u0004 not a zip'), { maxRows: 1, mode }),
      ).rejects.toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
    }
  });

  it('a file read many times in a row is read every time (the streaming race falls back)', async () => {
    const file = await writeImportWorkbook('residents', ROWS);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => readImportSheet('residents', file, { maxRows: 10 })),
    );
    for (const rows of answers) expect(rows).toHaveLength(2);
  });
});
