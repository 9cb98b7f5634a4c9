import { describe, expect, it } from 'vitest';
import { buildNotice, checkPresented, secondRequestRate, type NoticeItem } from './case.notice.ts';

const m = (key: string, required = true) => ({
  key,
  name: { zh: key, en: key },
  required,
  form: 'original',
  copies: 1,
});

const CARD: NoticeItem = {
  code: 'DX-SB-001',
  version: 2,
  name: { zh: '社会保障卡补办', en: 'Social security card replacement' },
  materials: [m('id_card'), m('household_register'), m('photo'), m('bank_card', false)],
  basis: '《社会保障卡管理办法》',
  procedure: '窗口受理，镇中心审核制卡',
  promisedLimitDays: 5,
  fee: { amountFen: 0, waivers: [] },
};

describe('one-time notice (GS-5)', () => {
  it('lists every missing material at once, required ones blocking', () => {
    const notice = buildNotice(CARD, ['id_card']);
    expect(notice.complete).toBe(false);
    expect(notice.missing.map((x) => [x.key, x.blocking])).toEqual([
      ['household_register', true],
      ['photo', true],
      ['bank_card', false],
    ]);
    expect(notice).toMatchObject({
      itemCode: 'DX-SB-001',
      itemVersion: 2,
      basis: CARD.basis,
      promisedLimitDays: 5,
    });
  });

  it('is complete when only optional materials are missing', () => {
    expect(buildNotice(CARD, ['id_card', 'household_register', 'photo']).complete).toBe(true);
  });

  it('refuses presented keys the item does not list, or listed twice', () => {
    expect(checkPresented(CARD, ['id_card', 'passport', 'id_card'])).toEqual([
      { key: 'passport', problem: 'UNKNOWN_MATERIAL' },
      { key: 'id_card', problem: 'DUPLICATE_MATERIAL' },
    ]);
  });

  // Later requests (missing / second request, decided from history): case.requests.test.ts.

  it('the second-request rate is per accepted case, 0 when none', () => {
    expect(secondRequestRate(0, 0)).toBe(0);
    expect(secondRequestRate(40, 2)).toBe(0.05);
  });
});
