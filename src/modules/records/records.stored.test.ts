import { describe, expect, it } from 'vitest';
import { JsonColumnError } from '../../db/json-column.ts';
import { buildCertificateSnapshot } from './certificate.rules.ts';
import { parseCertificateSnapshot, parseStarThresholds } from './records.stored.ts';

describe('VS-8 VS-9 stored certificate snapshots and star thresholds are parsed, not cast', () => {
  const snapshot = buildCertificateSnapshot({
    certificateNumber: 'ZM-2026-000001',
    issuedOn: '2026-03-02',
    volunteer: { name: '李秀英', idMasked: '1101**********0019', volunteerNumber: 'V0001' },
    services: [
      { date: '2026-02-01', content: '理发', place: '伊庄村', halfHours: 5, organisation: '队' },
    ],
    training: [{ date: '2026-01-10', title: '急救', halfHours: 4 }],
    issuer: {
      organisation: '魏善庄镇',
      teamName: '服务队',
      personInCharge: '张',
      handler: '王',
      contactPhone: '010-00000000',
    },
    publicUrl: 'https://example.org',
  });

  it('a snapshot as issued comes back equal', () => {
    expect(parseCertificateSnapshot(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('a snapshot of another shape fails loudly, naming the column', () => {
    const broken = JSON.stringify({ ...snapshot, services: undefined });
    expect(() => parseCertificateSnapshot(broken)).toThrow(JsonColumnError);
    expect(() => parseCertificateSnapshot(broken)).toThrow(/vs_certificates\.snapshot.*services/);
    expect(() => parseCertificateSnapshot('not json')).toThrow(/vs_certificates\.snapshot/);
  });

  it('thresholds are numbers', () => {
    expect(parseStarThresholds('[100,300,600,1000,1500]')).toEqual([100, 300, 600, 1000, 1500]);
    expect(() => parseStarThresholds('["100"]')).toThrow(/vs_star_packs\.thresholds/);
  });
});
