/**
 * What a full personal number looks like: mainland mobile numbers and resident ID numbers,
 * however they are written — spaces or hyphens between groups, a +86/0086 prefix, full-width
 * digits (１３８…). One place for the patterns, used by the free-text rule and the log scrubber. Pure.
 */
import { UUID_SHAPE } from './uuid.ts';

/** 18-digit (last may be X, groups 6-8-4 may be spaced) or 15-digit ID numbers, not inside a longer run. */
const ID_NUMBER = /(?<![0-9])(?:[0-9]{6}[\s-]?[0-9]{8}[\s-]?[0-9]{3}[0-9Xx]|[0-9]{15})(?![0-9Xx])/g;
/** Mainland mobiles: 1[3-9]x and 8 more digits, single spaces/hyphens allowed, optional +86 / 0086. */
const MOBILE = /(?<![0-9])(?:(?:\+|00)?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])/g;

/** Full-width digits, X, plus, hyphen and space become ASCII; other dashes become "-". Nothing else changes. */
export function normaliseDigits(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF38\uFF58\uFF0B\uFF0D]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(/\u3000/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/**
 * A UUID (a record's id, a request id) is never a personal number, though its digit groups can line
 * up like one: "…-1391-4567-890a-…" reads as a mobile across the hyphens. Left out of both the test
 * and the masking, so a webhook payload or a log line carrying ids is not refused or mangled at
 * random (a case.closed payload with such an id once rolled its close back).
 */
const UUID = new RegExp(UUID_SHAPE, 'gi');
const UUID_SPLIT = new RegExp(`(${UUID_SHAPE})`, 'i');

export function containsPersonalNumber(text: string): boolean {
  // A letter where each id was: it ends any run of digits on either side.
  const t = normaliseDigits(text).replace(UUID, 'U');
  ID_NUMBER.lastIndex = 0;
  MOBILE.lastIndex = 0;
  return ID_NUMBER.test(t) || MOBILE.test(t);
}

/** 138****8000 (the +86 prefix is dropped). */
export function maskMobile(mobile: string): string {
  const digits = normaliseDigits(mobile)
    .replace(/[^0-9]/g, '')
    .slice(-11);
  return digits.length === 11 ? `${digits.slice(0, 3)}****${digits.slice(7)}` : '****';
}

function maskId(match: string): string {
  const chars = match.replace(/[\s-]/g, '');
  return `${chars.slice(0, 6)}${'*'.repeat(chars.length - 10)}${chars.slice(-4)}`;
}

/** Masks every ID and mobile number in a text (after normalising full-width digits). */
export function maskPersonalNumbers(text: string): string {
  // split() with a capturing group: ids at the odd places, kept as they are.
  return normaliseDigits(text)
    .split(UUID_SPLIT)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(ID_NUMBER, maskId).replace(MOBILE, maskMobile),
    )
    .join('');
}
