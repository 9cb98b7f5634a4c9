import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../api/case-types';
import {
  formatDay,
  formatShortDay,
  isCaseNumber,
  lightTotals,
  normaliseCaseNumber,
  percent,
  previewNotice,
  yuan,
} from './case-format';

const item: CatalogItem = {
  code: 'DX-SB-001',
  town: null,
  version: 3,
  name: { zh: '社会保障卡补办', en: 'Social security card replacement' },
  aliases: [],
  category: 'social_security',
  tier: 'base',
  legalLimitDays: 20,
  promisedLimitDays: 5,
  materials: [
    {
      key: 'id_card',
      name: { zh: '身份证', en: 'ID card' },
      required: true,
      form: 'original',
      copies: 0,
    },
    {
      key: 'photo',
      name: { zh: '照片', en: 'Photo' },
      required: true,
      form: 'original',
      copies: 1,
    },
    {
      key: 'letter',
      name: { zh: '委托书', en: 'Letter' },
      required: false,
      form: 'original',
      copies: 1,
    },
  ],
  conditions: [],
  fee: { amountFen: 0, waivers: [] },
  channels: ['window'],
  inPersonVisits: 1,
  scope: 'town',
  route: { accepts: 'station', decides: 'town_centre' },
  basis: '《社会保险法》',
  procedure: '1. 核验身份',
  active: true,
  isDemo: false,
  versionCreatedAt: '2026-03-01T00:00:00.000Z',
};

describe('the one-time notice preview (GS-5)', () => {
  it('lists every material not presented; only required ones block', () => {
    const notice = previewNotice(item, ['id_card']);
    expect(notice.complete).toBe(false);
    expect(notice.missing.map((m) => [m.key, m.blocking])).toEqual([
      ['photo', true],
      ['letter', false],
    ]);
    expect(notice).toMatchObject({ itemCode: 'DX-SB-001', itemVersion: 3, promisedLimitDays: 5 });
  });

  it('is complete when the optional materials alone are missing', () => {
    const notice = previewNotice(item, ['id_card', 'photo']);
    expect(notice.complete).toBe(true);
    expect(notice.missing.map((m) => m.key)).toEqual(['letter']);
  });
});

describe('formatting', () => {
  it('keeps a case number as digits with the dash after the date', () => {
    expect(normaliseCaseNumber('2026112900001')).toBe('20261129-00001');
    expect(normaliseCaseNumber(' 20261129 - 00001x')).toBe('20261129-00001');
    expect(normaliseCaseNumber('330106001202612050000042')).toBe('330106001-20261205-0000042');
    expect(normaliseCaseNumber('330106001-20261205-0000042-9')).toBe('330106001-20261205-0000042');
    expect(isCaseNumber('330106001-20261205-0000042')).toBe(true);
    expect(normaliseCaseNumber('2026')).toBe('2026');
    expect(isCaseNumber('20261129-00001')).toBe(true);
    expect(isCaseNumber('20261129-0001')).toBe(false);
  });

  it('shows fees in yuan and days in words', () => {
    expect(yuan(1250)).toBe('12.50');
    expect(formatDay('2026-12-04', 'zh-CN')).toContain('2026年12月4日');
    expect(formatDay('2026-12-04', 'en')).toContain('4 December 2026');
    const today = new Date(2026, 10, 29);
    expect(formatShortDay('2026-12-04', 'zh-CN', today)).toBe('12月4日周五');
    expect(formatShortDay('2026-12-04', 'en', today)).toBe('Fri 4 Dec');
    expect(formatShortDay('2027-01-04', 'en', today)).toBe('Mon, 4 Jan 2027');
  });
});

describe('light totals', () => {
  const row = (key: string, lights: [number, number, number, number, number]) => {
    const [overdue, yellow, green, paused, none] = lights;
    const open = lights.reduce((a, b) => a + b, 0);
    return {
      key,
      name: key,
      stations: 1,
      filed: open,
      accepted: open,
      open,
      overdue,
      yellow,
      green,
      paused,
      none,
      tongban: 0,
      secondRequests: 0,
      secondRequestRate: 0,
    };
  };

  it('sums the server’s rows by light: every open case in exactly one card', () => {
    const rows = [row('A', [2, 1, 0, 0, 1]), row('B', [0, 0, 3, 1, 0])];
    const totals = lightTotals(rows);
    expect(totals).toEqual({ red: 2, yellow: 1, green: 3, paused: 1, none: 1 });
    const cards = Object.values(totals).reduce((a, b) => a + b, 0);
    expect(cards).toBe(rows.reduce((n, r) => n + r.open, 0));
    expect(lightTotals([])).toEqual({ red: 0, yellow: 0, green: 0, paused: 0, none: 0 });
    expect(percent(0.125)).toBe('12.5%');
  });
});
