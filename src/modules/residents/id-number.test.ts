import { describe, expect, it } from 'vitest';
import { buildIdNumber, idCheckChar, maskIdNumber, maskPhone, parseIdNumber } from './id-number.ts';

const TODAY = '2026-11-29';

describe('GB 11643-1999 ID numbers (X-3)', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['110115194803120019', '1948-03-12', 'male'],
    ['440524198001010013', '1980-01-01', 'male'],
  ])('accepts %s', (value, birthDate, sex) => {
    expect(parseIdNumber(value, '2026-11-29')).toEqual({
      ok: true,
      value,
      birthDate,
      sex,
      addressCode: value.slice(0, 6),
    });
  });

  it('accepts a lower-case x and returns it upper-cased', () => {
    const r = parseIdNumber('11010519491231002x', TODAY);
    expect(r).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('trims surrounding spaces (card readers add them)', () => {
    expect(parseIdNumber(' 110115194803120019 \n', TODAY)).toMatchObject({ ok: true });
  });

  it.each([
    ['110105194912310021', 'ID_NUMBER_CHECK_DIGIT'],
    ['11010519491231002Y', 'ID_NUMBER_FORMAT'],
    ['110115194803120018', 'ID_NUMBER_CHECK_DIGIT'],
    ['11010519491231002', 'ID_NUMBER_FORMAT'],
    ['1101051949123100211', 'ID_NUMBER_FORMAT'],
    ['110105490101001', 'ID_NUMBER_FORMAT'], // old 15-digit numbers are not accepted
    ['', 'ID_NUMBER_FORMAT'],
    ['11010519491331002X', 'ID_NUMBER_BIRTH_DATE'], // month 13
    ['110105194902300020', 'ID_NUMBER_BIRTH_DATE'], // 30 February
    ['110105190002290020', 'ID_NUMBER_BIRTH_DATE'], // 1900 was not a leap year
    ['110105209901010020', 'ID_NUMBER_BIRTH_DATE'], // born in the future
    ['110105180001010020', 'ID_NUMBER_BIRTH_DATE'], // over 130 years ago
  ])('refuses %s with %s', (value, problem) => {
    expect(parseIdNumber(value, TODAY)).toEqual({ ok: false, problem });
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseIdNumber(buildIdNumber('110105', '20000229', '002'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
  });

  it('the check character follows ISO 7064 MOD 11-2', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('11011519480312001')).toBe('9');
    for (let seq = 0; seq < 1000; seq += 37) {
      const id = buildIdNumber('110115', '19900615', String(seq).padStart(3, '0'));
      expect(parseIdNumber(id, TODAY).ok).toBe(true);
      const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      expect(parseIdNumber(wrong, TODAY)).toEqual({ ok: false, problem: 'ID_NUMBER_CHECK_DIGIT' });
    }
  });

  it('masks ID numbers and phones as PRODUCT.md shows', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('010-69281234')).toBe('********1234');
  });
});
