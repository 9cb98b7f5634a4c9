import { describe, expect, it } from 'vitest';
import { checkScan, isScanType, mediaTypeOf, sniffScanType } from './scan-magic.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');

describe('GS-5 scan types by their first bytes', () => {
  it('recognises JPEG, PNG and PDF', () => {
    expect(sniffScanType(PNG)).toBe('image/png');
    expect(sniffScanType(JPEG)).toBe('image/jpeg');
    expect(sniffScanType(PDF)).toBe('application/pdf');
    expect(sniffScanType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffScanType(Buffer.from([0x89, 0x50]))).toBeNull(); // too short for PNG
  });

  it('refuses a declared type the bytes do not match, and empty files', () => {
    expect(checkScan('image/png', PNG)).toBe('ok');
    expect(checkScan('image/png', JPEG)).toBe('mismatch');
    expect(checkScan('application/pdf', Buffer.from(' %PDF-1.7'))).toBe('mismatch');
    expect(checkScan('image/jpeg', Buffer.alloc(0))).toBe('empty');
  });

  it('reads the bare media type of a header', () => {
    expect(mediaTypeOf('Image/PNG; name=x')).toBe('image/png');
    expect(mediaTypeOf(undefined)).toBe('');
    expect(isScanType('image/gif')).toBe(false);
    expect(isScanType('application/pdf')).toBe(true);
  });
});
