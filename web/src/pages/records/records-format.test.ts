import { describe, expect, it } from 'vitest';
import zh from '../../i18n/records.zh-CN.json';
import en from '../../i18n/records.en.json';
import {
  hoursText,
  isCertificateNumber,
  normaliseCertificateNumber,
  parentRegion,
  percent,
} from './records-format';

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`),
  );

describe('records page formatting', () => {
  it('hours and percentages', () => {
    expect(hoursText(4)).toBe('4');
    expect(hoursText(4.5)).toBe('4.5');
    expect(percent(0.6667)).toBe('66.7%');
    expect(percent(null)).toBeNull();
  });
  it('one region up', () => {
    expect(parentRegion('110115110222')).toBe('110115110000');
    expect(parentRegion('110115110000')).toBe('110115000000');
    expect(parentRegion('110115000000')).toBe('110100000000');
    expect(parentRegion('110100000000')).toBe('110000000000');
    expect(parentRegion('110000000000')).toBeNull();
  });
  it('certificate numbers as typed', () => {
    expect(normaliseCertificateNumber(' zm2026-7q9m-3tx8-a2ro ')).toBe('ZM2026-7Q9M-3TX8-A2R0');
    expect(isCertificateNumber('ZM2026-7Q9M-3TX8-A2R0')).toBe(true);
    expect(isCertificateNumber('ZM2026-7Q9M-3TX8')).toBe(false);
  });
  it('Chinese and English have the same keys', () => {
    expect(leaves(en as Tree).sort()).toEqual(leaves(zh as Tree).sort());
  });
});
