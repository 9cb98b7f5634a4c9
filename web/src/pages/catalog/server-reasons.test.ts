import { describe, expect, it } from 'vitest';
import { recogniseReason } from './server-reasons';

describe('server refusal reasons', () => {
  it('recognises zod messages', () => {
    expect(recogniseReason('Invalid input: expected number, received undefined')?.key).toBe(
      'missing',
    );
    expect(recogniseReason('Invalid input: expected number, received string')).toEqual({
      key: 'wrongType',
      values: { expected: 'number' },
    });
    expect(recogniseReason('Invalid option: expected one of "base"|"extra"')).toEqual({
      key: 'notAnOption',
      values: { options: 'base / extra' },
    });
    expect(recogniseReason('Too small: expected number to be >=0')).toEqual({
      key: 'tooSmall',
      values: { n: 0 },
    });
    expect(recogniseReason('Too big: expected string to have <=100 characters')).toEqual({
      key: 'tooLong',
      values: { n: 100 },
    });
    expect(recogniseReason('Too small: expected array to have >=1 items')).toEqual({
      key: 'tooFew',
      values: { n: 1 },
    });
    expect(recogniseReason('Unrecognized key: "colour"')).toEqual({
      key: 'unknownField',
      values: { fields: 'colour' },
    });
  });

  it('recognises the catalog schema’s own rules and the Excel reader’s', () => {
    expect(recogniseReason('the promised limit may not exceed the legal limit')?.key).toBe(
      'promisedOverLegal',
    );
    expect(recogniseReason('duplicate material key "id_card" (also materials[0])')).toEqual({
      key: 'duplicateKey',
      values: { key: 'id_card' },
    });
    expect(recogniseReason('DX-SB-001 appears twice (also items[0])')).toEqual({
      key: 'duplicateCode',
      values: { code: 'DX-SB-001' },
    });
    expect(recogniseReason('missing column key (材料编号)')).toEqual({
      key: 'missingColumn',
      values: { column: 'key（材料编号）' },
    });
  });

  it('leaves unknown messages alone', () => {
    expect(recogniseReason('something else entirely')).toBeNull();
  });
});
