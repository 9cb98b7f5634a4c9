import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/problem.ts';
import { jsonPath, parseCatalogFile, validateCatalogItems } from './catalog-io.ts';
import { readCatalogXlsx, writeCatalogXlsx } from './catalog-xlsx.ts';
import { DEMO_CATALOG } from './demo-catalog.ts';

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Edits a workbook the way a clerk would, then returns the file. */
async function edited(edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(await writeCatalogXlsx(DEMO_CATALOG.slice(0, 6))).buffer);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('catalog as Excel (GS-1)', () => {
  it('round-trips: export → import gives identical definitions', async () => {
    const file = await writeCatalogXlsx(DEMO_CATALOG);
    const items = await parseCatalogFile('xlsx', file);
    expect(items).toEqual(DEMO_CATALOG);
  });

  it('round-trips optional fields, fees in fen and odd text', async () => {
    const item = structuredClone(DEMO_CATALOG[0]!);
    item.fee = { amountFen: 1234, waivers: ['低保对象免收', '残疾人免收'] };
    item.aliases = [];
    item.materials[0] = { ...item.materials[0]!, notes: '=1+1 不是公式' };
    item.procedure = '第一步\n第二步';
    const items = await parseCatalogFile('xlsx', await writeCatalogXlsx([item]));
    expect(items).toEqual([item]);
  });

  it('lays out sheets items, materials and guide; a material row per material', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await writeCatalogXlsx(DEMO_CATALOG)).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['items', 'materials', 'guide']);
    expect(wb.getWorksheet('items')!.getCell('A1').value).toBe('事项编码 (code)');
    const materials = DEMO_CATALOG.reduce((n, i) => n + i.materials.length, 0);
    expect(wb.getWorksheet('materials')!.actualRowCount).toBe(materials + 1);
  });

  it('names every refused row by sheet and row number, and refuses the whole file', async () => {
    const file = await edited((wb) => {
      const items = wb.getWorksheet('items')!;
      items.getCell('H3').value = 99; // promisedLimitDays of the 2nd item > legal
      items.getCell('C5').value = 'fishing'; // category of the 4th item
      wb.getWorksheet('materials')!.getCell('G2').value = 'two'; // copies of the 1st material
      wb.getWorksheet('materials')!.addRow([
        'DX-XX-999',
        'id_card',
        '身份证',
        'ID',
        '是',
        'original',
        0,
      ]);
    });
    const err = await refusal(parseCatalogFile('xlsx', file));
    expect(err.code).toBe('CATALOG_IMPORT_REFUSED');
    expect(err.errors!.map((e) => `${e.path}: ${e.message}`)).toEqual([
      expect.stringMatching(/^sheet items row 3: promisedLimitDays: /),
      expect.stringMatching(/^sheet items row 5: category: /),
      expect.stringMatching(/^sheet materials row 2: copies: /),
      expect.stringMatching(
        /^sheet materials row \d+: item_code: no item "DX-XX-999" on sheet items$/,
      ),
    ]);
  });

  it('refuses a code twice on sheet items, naming both rows', async () => {
    const file = await edited((wb) => {
      const items = wb.getWorksheet('items')!;
      items.getCell('A4').value = items.getCell('A2').value; // 3rd item gets the 1st item's code
    });
    const err = await refusal(parseCatalogFile('xlsx', file));
    expect(err.errors!.map((e) => `${e.path}: ${e.message}`)).toContainEqual(
      expect.stringMatching(/^sheet items row 4: code: DX-SB-001 appears twice \(also row 2\)/),
    );
  });

  it('reads what a clerk types: 是/否, numbers as text, channels with Chinese commas, blank rows', async () => {
    const file = await edited((wb) => {
      const items = wb.getWorksheet('items')!;
      items.getCell('G2').value = '20';
      items.getCell('M2').value = 'window，online、agent';
      items.insertRow(3, []);
    });
    const items = await parseCatalogFile('xlsx', file);
    expect(items[0]).toMatchObject({ legalLimitDays: 20, channels: ['window', 'online', 'agent'] });
    expect(items).toHaveLength(6);
  });

  it('refuses a file that is not a workbook, or lacks a sheet or a column', async () => {
    expect((await refusal(readCatalogXlsx(Buffer.from('not a zip')))).code).toBe(
      'CATALOG_FILE_UNREADABLE',
    );
    const noMaterials = await edited((wb) => wb.removeWorksheet(wb.getWorksheet('materials')!.id));
    expect((await refusal(readCatalogXlsx(noMaterials))).detail).toMatch(/materials/);
    const noCode = await edited((wb) => wb.getWorksheet('items')!.spliceColumns(1, 1));
    const err = await refusal(parseCatalogFile('xlsx', noCode));
    expect(err.errors).toContainEqual({
      path: 'sheet items row 1',
      message: 'missing column code (事项编码)',
    });
  });
});

describe('GS-1 catalog as JSON', () => {
  it('paths name the item and the field', () => {
    expect(jsonPath(3, ['materials', 1, 'copies'])).toBe('items[3].materials[1].copies');
    const bad = structuredClone(DEMO_CATALOG.slice(0, 3)) as unknown[];
    (bad[1] as { materials: { copies: number }[] }).materials[0]!.copies = -1;
    bad[2] = { ...DEMO_CATALOG[0]! };
    const { items, errors } = validateCatalogItems(bad);
    expect(items).toEqual([]);
    expect(errors.map((e) => e.path)).toEqual(['items[1].materials[0].copies', 'items[2].code']);
    expect(errors[1]!.message).toBe('DX-SB-001 appears twice (also items[0])');
  });
});
