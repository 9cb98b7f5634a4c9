import { describe, expect, it } from 'vitest';
import { containsPersonalNumber, fieldsWithPersonalNumbers } from './free-text.ts';

describe('free text without personal numbers (X-3)', () => {
  it('finds ID numbers of 18 (X last) and 15 digits', () => {
    expect(containsPersonalNumber('李大爷 110115194803120019 来问社保卡')).toBe(true);
    expect(containsPersonalNumber('身份证11011519480312001x')).toBe(true);
    expect(containsPersonalNumber('老证 110115480312001')).toBe(true);
  });
  it('finds mobile numbers, also with spaces or hyphens', () => {
    expect(containsPersonalNumber('电话13812345678')).toBe(true);
    expect(containsPersonalNumber('电话 138 1234 5678')).toBe(true);
    expect(containsPersonalNumber('电话 138-1234-5678')).toBe(true);
  });
  it('finds +86 prefixes, full-width digits and spaced ID numbers (one rule for every module)', () => {
    for (const bad of [
      '电话 138 0013 8000',
      '电话 138-0013-8000',
      '+86 138 0013 8000',
      '+8613800138000',
      '008613800138000',
      '电话１３８００１３８０００',
      '身份证 110105 19491231 002X',
      '身份证１１０１０５１９４９１２３１００２Ｘ',
      '号码 138－0013－8000',
    ])
      expect(containsPersonalNumber(bad), bad).toBe(true);
  });
  it('leaves ordinary text, dates, case numbers and landlines alone', () => {
    for (const ok of [
      '三顺庄村的老人，问社保卡补办',
      '2026-03-02 上午来电',
      '办件 20260302-00001 的进度',
      '镇中心电话 010-81234567',
      '费用 120 元，5 个工作日',
    ])
      expect(containsPersonalNumber(ok), ok).toBe(false);
  });
  it('names the fields that carry one', () => {
    expect(
      fieldsWithPersonalNumbers({
        question: '补卡',
        callerDescription: '13812345678',
        answer: null,
      }),
    ).toEqual(['callerDescription']);
  });
});
