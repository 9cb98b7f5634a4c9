import { describe, expect, it } from 'vitest';
import {
  caseCounterName,
  caseTownOf,
  formatCaseNumber,
  isCaseNumber,
} from './case-number.rules.ts';

describe('case numbers per town (#16 point 3)', () => {
  it('carries the town, the China day and a 7-digit sequence', () => {
    expect(formatCaseNumber('330106001002', '2026-12-05', 42)).toBe('330106001-20261205-0000042');
    expect(formatCaseNumber('330106001000', '2026-12-05', 1_000_000)).toBe(
      '330106001-20261205-1000000',
    );
    expect(caseTownOf('441900003001')).toBe('441900003');
  });

  it('gives each town and day its own counter row', () => {
    expect(caseCounterName('330106001002', '2026-12-05')).toBe('case:330106001:20261205');
    expect(caseCounterName('330106002000', '2026-12-05')).not.toBe(
      caseCounterName('330106001000', '2026-12-05'),
    );
    expect(caseCounterName('330106001000', '2026-12-06')).not.toBe(
      caseCounterName('330106001000', '2026-12-05'),
    );
  });

  it('holds a city and a province a day: a million filings per town stay 7 digits', () => {
    expect(formatCaseNumber('330106001000', '2026-12-05', 9_999_999)).toMatch(/-\d{7}$/);
    expect(isCaseNumber(formatCaseNumber('330106001000', '2026-12-05', 10_000_000))).toBe(true);
  });

  it('accepts numbers in the new and the old form, nothing else', () => {
    expect(isCaseNumber('330106001-20261205-0000042')).toBe(true);
    expect(isCaseNumber('20260302-00001')).toBe(true);
    expect(isCaseNumber('20260302-0001')).toBe(false);
    expect(isCaseNumber('33010600-20261205-0000042')).toBe(false);
    expect(isCaseNumber('330106001-20261205-000042')).toBe(false);
    expect(isCaseNumber('330106001-20261205-0000042 ')).toBe(false);
  });
});
