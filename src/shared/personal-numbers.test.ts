import { describe, expect, it } from 'vitest';
import { containsPersonalNumber, maskMobile, maskPersonalNumbers } from './personal-numbers.ts';

describe('masking personal numbers (X-3)', () => {
  it('masks mobiles as 138****8000, whatever the writing', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskMobile('+86 138-0013-8000')).toBe('138****8000');
    expect(maskPersonalNumbers('call 138 0013 8000 now')).toBe('call 138****8000 now');
    expect(maskPersonalNumbers('电话１３８００１３８０００')).toBe('电话138****8000');
  });
  it('masks ID numbers keeping the region and the last four', () => {
    expect(maskPersonalNumbers('id=11010519491231002X')).toBe('id=110105********002X');
    expect(maskPersonalNumbers('id=110105 19491231 002x')).toBe('id=110105********002x');
  });
  it('leaves case numbers, dates and landlines alone', () => {
    const ok = '办件 20260302-00001，2026-03-02，镇中心 010-81234567';
    expect(maskPersonalNumbers(ok)).toBe(ok);
    // #16: a town's case number (Hebei and Inner Mongolia codes start like mobiles) is no ID.
    for (const n of [
      '130102001-20261205-0000042',
      '150102001-20261205-1381234',
      '330106001-20261205-0000001',
    ])
      expect(containsPersonalNumber(`办件 ${n} 的进度`)).toBe(false);
  });
});

describe('ids are not personal numbers', () => {
  // Its digit groups across the hyphens read "1391-4567-890", a mobile's shape.
  const id = '0f8e2c1a-1391-4567-890a-23456789abcd';

  it('a UUID whose groups line up like a mobile is not one', () => {
    expect(containsPersonalNumber(JSON.stringify({ eventId: id }))).toBe(false);
    expect(maskPersonalNumbers(`request ${id} done`)).toBe(`request ${id} done`);
  });

  it('a real number beside an id is still found and masked', () => {
    expect(containsPersonalNumber(`${id} 13812345678`)).toBe(true);
    expect(containsPersonalNumber(`${id}:110101199003074514`)).toBe(true);
    expect(maskPersonalNumbers(`${id} 13812345678`)).toBe(`${id} 138****5678`);
  });
});
