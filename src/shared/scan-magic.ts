/**
 * What a station's scanner (高拍仪 / 扫描仪) may send for a material (GS-5): JPEG, PNG or PDF,
 * recognised by the file's first bytes, never by the declared type alone. Pure.
 */
export const SCAN_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

const MAGIC: Record<ScanType, readonly number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
};

export const SCAN_EXTENSIONS: Record<ScanType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

/** The bare media type of a Content-Type header: `Image/PNG; x=y` → `image/png`. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isScanType(type: string): type is ScanType {
  return (SCAN_TYPES as readonly string[]).includes(type);
}

/** The scan type the bytes really are, or null. */
export function sniffScanType(bytes: Uint8Array): ScanType | null {
  return (
    SCAN_TYPES.find((type) => {
      const magic = MAGIC[type];
      return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
    }) ?? null
  );
}

export type ScanCheck = 'ok' | 'empty' | 'mismatch';

export function checkScan(declared: ScanType, bytes: Uint8Array): ScanCheck {
  if (bytes.length === 0) return 'empty';
  return sniffScanType(bytes) === declared ? 'ok' : 'mismatch';
}

/** The largest scan accepted, for a case's materials and an authorization alike. */
export const SCAN_LIMIT_BYTES = 10 * 1024 * 1024;
