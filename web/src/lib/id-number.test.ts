import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar, normaliseIdInput } from './id-number';

describe('checkIdNumber', () => {
  it('accepts valid numbers, including an X check character', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(checkIdNumber('110115194803120019')).toEqual({
      ok: true,
      value: '110115194803120019',
      birthDate: '1948-03-12',
      sex: 'male',
    });
  });

  it('rejects a wrong check digit', () => {
    expect(checkIdNumber('110115194803120018')).toEqual({
      ok: false,
      problem: 'ID_NUMBER_CHECK_DIGIT',
    });
    expect(checkIdNumber('110105194912310021')).toEqual({
      ok: false,
      problem: 'ID_NUMBER_CHECK_DIGIT',
    });
  });

  it('accepts a lower-case x after upper-casing', () => {
    const result = checkIdNumber('11010519491231002x');
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toBe('11010519491231002X');
    expect(normaliseIdInput('11010519491231002x')).toBe('11010519491231002X');
  });

  it('rejects a wrong length or stray characters', () => {
    expect(checkIdNumber('11011519480312001')).toEqual({ ok: false, problem: 'ID_NUMBER_FORMAT' });
    expect(checkIdNumber('1101151948031200190')).toEqual({
      ok: false,
      problem: 'ID_NUMBER_FORMAT',
    });
    expect(checkIdNumber('')).toEqual({ ok: false, problem: 'ID_NUMBER_FORMAT' });
    expect(checkIdNumber('1101151948031200X9')).toEqual({
      ok: false,
      problem: 'ID_NUMBER_FORMAT',
    });
  });

  it('rejects an impossible birth date', () => {
    expect(checkIdNumber('110115194802300010').ok).toBe(false);
    expect(checkIdNumber('110115194802300010')).toEqual({
      ok: false,
      problem: 'ID_NUMBER_BIRTH_DATE',
    });
  });

  it('computes the check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('11011519480312001')).toBe('9');
  });
});

describe('normaliseIdInput', () => {
  it('keeps digits and X, trims what a card reader adds, caps the length', () => {
    expect(normaliseIdInput(' 1101 1519 4803 1200 19\n')).toBe('110115194803120019');
    expect(normaliseIdInput('110115194803120019999')).toBe('110115194803120019');
  });
});
