import { describe, expect, it } from 'vitest';
import { copyText, CopyRows } from './bulk-copy.ts';

describe('copyText: one value in COPY text format', () => {
  it('spells null and undefined as \\N', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(undefined)).toBe('\\N');
  });
  it('escapes the backslash and the delimiters, nothing else', () => {
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyText('\\N')).toBe('\\\\N');
    expect(copyText('北京 “x” ,;|')).toBe('北京 “x” ,;|');
  });
  it('renders numbers, booleans and dates', () => {
    expect(copyText(0)).toBe('0');
    expect(copyText(-1.5)).toBe('-1.5');
    expect(copyText(true)).toBe('t');
    expect(copyText(false)).toBe('f');
    expect(copyText(new Date('2026-12-05T00:00:00Z'))).toBe('2026-12-05T00:00:00.000Z');
  });
  it('refuses a number the database could not read back', () => {
    expect(() => copyText(Number.NaN)).toThrow();
    expect(() => copyText(Infinity)).toThrow();
  });
});

describe('CopyRows: lines in the column order, in chunks', () => {
  it('renders every row once, tab-separated, newline-terminated', () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => ({ b: i, a: `x${i}`, c: null }));
    const text = [...new CopyRows(['a', 'b', 'c'], rows).chunks()].join('');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2_500);
    expect(lines[0]).toBe('x0\t0\t\\N');
    expect(lines[2_499]).toBe('x2499\t2499\t\\N');
  });
});

describe('CopyRows refuses rows of another shape', () => {
  it('throws instead of dropping a column', () => {
    const rows = [
      { a: 1, b: 2 },
      { a: 1, b: 2, c: 3 },
    ];
    expect(() => [...new CopyRows(['a', 'b'], rows).chunks()]).toThrow(/other columns/);
  });
});
