import { describe, expect, it } from 'vitest';
import {
  buildCertificateSnapshot,
  hoursText,
  isCertificateNumber,
  maskHolderName,
  newCertificateNumber,
  normaliseCertificateNumber,
  verifyUrl,
} from './certificate.rules.ts';

describe('VS-8 certificate number', () => {
  it('is ZM + year + three groups of four Crockford characters', () => {
    const n = newCertificateNumber(2026);
    expect(n).toMatch(/^ZM2026-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(isCertificateNumber(n)).toBe(true);
    expect(n.slice(7)).not.toMatch(/[ILOU]/);
  });
  it('takes its characters from the random bytes', () => {
    const zeros = newCertificateNumber(2027, (k) => Buffer.alloc(k, 0));
    expect(zeros).toBe('ZM2027-0000-0000-0000');
    const ff = newCertificateNumber(2027, (k) => Buffer.alloc(k, 0xff));
    expect(ff).toBe('ZM2027-ZZZZ-ZZZZ-ZZZZ');
  });
  it('differs every time (no two of 2,000 alike)', () => {
    const set = new Set(Array.from({ length: 2000 }, () => newCertificateNumber(2026)));
    expect(set.size).toBe(2000);
  });
  it('refuses malformed numbers', () => {
    for (const bad of [
      '',
      'ZM2026',
      'ZM2026-AAAA-AAAA-AAA',
      'ZM2026-AAAA-AAAA-AAAI',
      'zm2026-aaaa-aaaa-aaaa',
      "ZM2026-AAAA-AAAA-AAAA'",
    ])
      expect(isCertificateNumber(bad)).toBe(false);
  });
  it('normalises what people type', () => {
    expect(normaliseCertificateNumber(' zm2026-7q9m-3tx8-a2ro ')).toBe('ZM2026-7Q9M-3TX8-A2R0');
    expect(normaliseCertificateNumber('ZM2026-I1L0-0000-0000')).toBe('ZM2026-1110-0000-0000');
  });
});

describe('VS-8 certificate snapshot', () => {
  const snap = buildCertificateSnapshot({
    certificateNumber: 'ZM2026-0000-0000-0001',
    issuedOn: '2026-03-10',
    volunteer: { name: '王小明', idMasked: '1***************1', volunteerNumber: 'V0001' },
    services: [
      {
        date: '2026-03-05',
        content: '直播带货培训',
        place: '新义社区',
        halfHours: 5,
        organisation: '彩虹志愿服务队',
      },
      {
        date: '2026-03-01',
        content: '助老送餐',
        place: '伊庄村',
        halfHours: 4,
        organisation: '彩虹志愿服务队',
      },
    ],
    training: [{ date: '2026-02-01', title: '急救培训', halfHours: 6 }],
    issuer: {
      organisation: '彩虹志愿服务队',
      teamName: '彩虹队',
      personInCharge: '李队长',
      handler: '志愿服务队队长（演示）',
      contactPhone: '010-69280000',
    },
    publicUrl: 'https://doorstep.example',
  });
  it('totals the hours and orders the services by date', () => {
    expect(snap.totalHalfHours).toBe(9);
    expect(snap.totalHours).toBe(4.5);
    expect(snap.services.map((s) => s.date)).toEqual(['2026-03-01', '2026-03-05']);
    expect(snap.services[1]).toMatchObject({ hours: 2.5, content: '直播带货培训' });
    expect(snap.period).toEqual({ from: '2026-03-01', to: '2026-03-05' });
  });
  it('carries the fields of the 办法 and the verification link', () => {
    expect(snap.volunteer).toEqual({
      name: '王小明',
      idMasked: '1***************1',
      volunteerNumber: 'V0001',
    });
    expect(snap.issuer.handler).toBe('志愿服务队队长（演示）');
    expect(snap.verifyUrl).toBe('https://doorstep.example/verify/ZM2026-0000-0000-0001');
    expect(snap.training).toEqual([{ date: '2026-02-01', title: '急救培训', hours: 3 }]);
  });
  it('an empty record has no period', () => {
    const e = buildCertificateSnapshot({
      certificateNumber: 'x',
      issuedOn: '2026-03-10',
      volunteer: { name: 'a', idMasked: '', volunteerNumber: '' },
      services: [],
      issuer: { organisation: '', teamName: '', personInCharge: '', handler: '', contactPhone: '' },
      publicUrl: '',
    });
    expect(e.period).toBeNull();
    expect(e.totalHours).toBe(0);
  });
  it('the verify url escapes the number', () => {
    expect(verifyUrl('http://x', 'a/b')).toBe('http://x/verify/a%2Fb');
  });
});

describe('VS-8 public view of the holder', () => {
  it('keeps only the surname', () => {
    expect(maskHolderName('王小明')).toBe('王**');
    expect(maskHolderName('李四')).toBe('李*');
    expect(maskHolderName('欧')).toBe('欧');
    expect(maskHolderName('Alice Smith')).toBe('A.');
    expect(maskHolderName('  ')).toBe('');
  });
  it('prints hours without a trailing .0', () => {
    expect(hoursText(8)).toBe('4');
    expect(hoursText(9)).toBe('4.5');
  });
});
