import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonColumnError, parseJsonColumn, parseNullableJsonColumn } from './json-column.ts';

const Codes = z.array(z.string());

describe('parseJsonColumn (#12 point 5: JSON columns parsed, not cast)', () => {
  it('returns the parsed value when the stored JSON has the expected shape', () => {
    expect(parseJsonColumn(Codes, '["A-1","B-2"]', 'authorizations.item_codes')).toEqual([
      'A-1',
      'B-2',
    ]);
    expect(parseJsonColumn(z.unknown(), '{"a":1}', 'audit_events.after_json')).toEqual({ a: 1 });
  });

  it('fails naming the column when the text is not JSON', () => {
    const read = () => parseJsonColumn(Codes, '["A-1"', 'authorizations.item_codes');
    expect(read).toThrow(JsonColumnError);
    expect(read).toThrow(/^stored JSON in authorizations\.item_codes is invalid: /);
  });

  it('fails naming the column and the place when the shape is wrong', () => {
    const read = () => parseJsonColumn(Codes, '["A-1", 2]', 'authorizations.item_codes');
    expect(read).toThrow(/authorizations\.item_codes is invalid: .* at 1$/);
    try {
      read();
    } catch (err) {
      expect(err).toBeInstanceOf(JsonColumnError);
      expect((err as JsonColumnError).column).toBe('authorizations.item_codes');
    }
    expect(() => parseJsonColumn(Codes, '{}', 'cases.presented')).toThrow(/cases\.presented/);
  });

  it('keeps null for a nullable column and parses anything else', () => {
    expect(parseNullableJsonColumn(Codes, null, 'case_actions.payload')).toBeNull();
    expect(parseNullableJsonColumn(Codes, '[]', 'case_actions.payload')).toEqual([]);
    expect(() => parseNullableJsonColumn(Codes, 'null', 'case_actions.payload')).toThrow(
      /case_actions\.payload/,
    );
  });
});
