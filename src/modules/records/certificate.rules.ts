/**
 * VS-8 certificates (志愿服务记录证明, 《志愿服务记录与证明出具办法》2021): the number, the printed
 * fields as a snapshot, and what the public verification page may show. Pure.
 */
import crypto from 'node:crypto';

/** Crockford base32: no I, L, O, U — easy to read out and to type. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `ZM` + year + 12 random characters (60 bits), grouped: ZM2026-7Q9M-3TX8-A2RB. Unguessable, so
 * the public page cannot be walked; unique by the table's key (a clash is retried).
 */
export function newCertificateNumber(
  year: number,
  random: (n: number) => Buffer = crypto.randomBytes,
): string {
  const bytes = random(12);
  let s = '';
  for (let i = 0; i < 12; i += 1) s += ALPHABET[bytes[i]! & 31];
  return `ZM${year}-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

export const CERTIFICATE_NUMBER =
  /^ZM\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export function isCertificateNumber(s: string): boolean {
  return CERTIFICATE_NUMBER.test(s);
}

/** Typed by hand: upper case, no spaces; O → 0, I/L → 1 (Crockford). */
export function normaliseCertificateNumber(s: string): string {
  return s
    .trim()
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/(?<=-.*)O/g, '0')
    .replace(/(?<=-.*)[IL]/g, '1');
}

export interface ServiceLine {
  date: string; // YYYY-MM-DD
  content: string;
  place: string;
  halfHours: number;
  organisation: string;
}

export interface CertificateSnapshot {
  certificateNumber: string;
  issuedOn: string; // YYYY-MM-DD (China date)
  volunteer: { name: string; idMasked: string; volunteerNumber: string };
  totalHalfHours: number;
  totalHours: number;
  period: { from: string; to: string } | null;
  /** Service content: one line per confirmed service record. */
  services: { date: string; content: string; place: string; hours: number; organisation: string }[];
  /** Training recorded by the same organisation (not counted in service hours). */
  training: { date: string; title: string; hours: number }[];
  issuer: {
    organisation: string;
    teamName: string;
    personInCharge: string;
    handler: string;
    contactPhone: string;
  };
  verifyUrl: string;
}

export function verifyUrl(publicUrl: string, number: string): string {
  return `${publicUrl}/verify/${encodeURIComponent(number)}`;
}

export function buildCertificateSnapshot(input: {
  certificateNumber: string;
  issuedOn: string;
  volunteer: { name: string; idMasked: string; volunteerNumber: string };
  services: readonly ServiceLine[];
  training?: readonly { date: string; title: string; halfHours: number }[];
  issuer: {
    organisation: string;
    teamName: string;
    personInCharge: string;
    handler: string;
    contactPhone: string;
  };
  publicUrl: string;
}): CertificateSnapshot {
  const services = [...input.services].sort(
    (a, b) => a.date.localeCompare(b.date) || a.content.localeCompare(b.content),
  );
  const total = services.reduce((s, r) => s + r.halfHours, 0);
  return {
    certificateNumber: input.certificateNumber,
    issuedOn: input.issuedOn,
    volunteer: { ...input.volunteer },
    totalHalfHours: total,
    totalHours: total / 2,
    period: services.length
      ? { from: services[0]!.date, to: services[services.length - 1]!.date }
      : null,
    services: services.map((s) => ({
      date: s.date,
      content: s.content,
      place: s.place,
      hours: s.halfHours / 2,
      organisation: s.organisation,
    })),
    training: [...(input.training ?? [])]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((t) => ({ date: t.date, title: t.title, hours: t.halfHours / 2 })),
    issuer: { ...input.issuer },
    verifyUrl: verifyUrl(input.publicUrl, input.certificateNumber),
  };
}

/**
 * The holder's name on the public page: the surname and one mark per other character (王小明 →
 * 王**); a Latin name keeps its first letter. Minimal personal data: no ID, no number.
 */
export function maskHolderName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return chars[0]!;
  if (/^[A-Za-z]/.test(chars[0]!)) return `${chars[0]}.`;
  return chars[0]! + '*'.repeat(chars.length - 1);
}

/** Hours as printed: 12 → "12", 12.5 → "12.5". */
export function hoursText(halfHours: number): string {
  return halfHours % 2 === 0 ? String(halfHours / 2) : (halfHours / 2).toFixed(1);
}
