/** Small formatting rules shared by the records pages. Pure. */

export function hoursText(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}

export function percent(value: number | null): string | null {
  if (value === null) return null;
  return `${Math.round(value * 1000) / 10}%`;
}

/** The region one level up, by the shape of the 12-digit code; null at a province. */
export function parentRegion(code: string): string | null {
  if (code.slice(2) === '0000000000') return null;
  if (code.slice(4) === '00000000') return `${code.slice(0, 2)}0000000000`;
  if (code.slice(6) === '000000') return `${code.slice(0, 4)}00000000`;
  if (code.slice(9) === '000') return `${code.slice(0, 6)}000000`;
  return `${code.slice(0, 9)}000`;
}

export function isCertificateNumber(s: string): boolean {
  return /^ZM\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(s);
}

/** What people type: upper case, no spaces; O → 0 and I/L → 1 after the year. */
export function normaliseCertificateNumber(s: string): string {
  const up = s.trim().toUpperCase().replace(/\s+/g, '');
  const dash = up.indexOf('-');
  if (dash < 0) return up;
  return up.slice(0, dash) + up.slice(dash).replace(/O/g, '0').replace(/[IL]/g, '1');
}
