import { describe, expect, it } from 'vitest';
import { describeRefusals, itemsOfJsonFile } from './import-refusals';

describe('import refusals', () => {
  it('names the JSON item by number and code', () => {
    const sent = [{ code: 'DX-SB-001' }, { name: 'no code' }];
    expect(
      describeRefusals(
        [
          { path: 'items[0].materials[1].copies', message: 'a copy needs copies ≥ 1' },
          { path: 'items[1].code', message: 'Required' },
        ],
        sent,
      ),
    ).toEqual([
      {
        place: { kind: 'item', n: 1, code: 'DX-SB-001' },
        field: 'materials[1].copies',
        message: 'a copy needs copies ≥ 1',
      },
      { place: { kind: 'item', n: 2, code: undefined }, field: 'code', message: 'Required' },
    ]);
  });

  it('names the Excel sheet, row and column', () => {
    expect(
      describeRefusals([
        { path: 'sheet items row 5', message: 'promised_days: may not exceed the legal limit' },
        { path: 'sheet materials row 1', message: 'missing column key (材料编号)' },
      ]),
    ).toEqual([
      {
        place: { kind: 'row', sheet: 'items', row: 5 },
        field: 'promised_days',
        message: 'may not exceed the legal limit',
      },
      {
        place: { kind: 'row', sheet: 'materials', row: 1 },
        field: '',
        message: 'missing column key (材料编号)',
      },
    ]);
  });

  it('keeps whole-file problems and the "and more" line', () => {
    expect(
      describeRefusals([
        { path: 'body.items', message: 'Too big' },
        { path: '…', message: 'and 12 more' },
        { path: 'body.items.3.tier', message: 'Invalid option' },
      ]),
    ).toEqual([
      { place: { kind: 'file' }, field: 'items', message: 'Too big' },
      { place: { kind: 'file' }, field: '', message: 'and 12 more' },
      { place: { kind: 'item', n: 4, code: undefined }, field: 'tier', message: 'Invalid option' },
    ]);
  });

  it('reads the items of an exported file or a bare array', () => {
    expect(itemsOfJsonFile({ exportedAt: 'x', items: [1, 2] })).toEqual([1, 2]);
    expect(itemsOfJsonFile([3])).toEqual([3]);
    expect(itemsOfJsonFile({ things: [] })).toBeUndefined();
    expect(itemsOfJsonFile('text')).toBeUndefined();
  });
});
