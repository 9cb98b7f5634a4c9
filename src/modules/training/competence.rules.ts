/**
 * GS-12 competence, pure rules: a competence (account × catalog item) is valid from the China date
 * it was certified through its expiry date, both inclusive, unless revoked. Dates are China dates
 * (YYYY-MM-DD) compared as strings; the arithmetic is the proleptic Gregorian calendar, so years
 * past the working-day data (2027+) behave exactly like earlier ones. The transition table says
 * which actions a competence offers in each status (the web shows only those buttons).
 */

export const COMPETENCE_STATUSES = ['valid', 'not_yet_valid', 'expired', 'revoked'] as const;
export type CompetenceStatus = (typeof COMPETENCE_STATUSES)[number];
export type CompetenceAction = 'renew' | 'revoke';

/** Renewing a revoked or expired competence certifies it again (a new period from today). */
export const COMPETENCE_ACTIONS = {
  valid: ['renew', 'revoke'],
  not_yet_valid: ['renew', 'revoke'],
  expired: ['renew'],
  revoked: ['renew'],
} as const satisfies Record<CompetenceStatus, readonly CompetenceAction[]>;

/** Longest period one certification may run (the town renews after training). */
export const MAX_VALIDITY_YEARS = 5;
/** A valid competence ending within this many days is shown as expiring soon. */
export const EXPIRING_SOON_DAYS = 30;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-29 is not; 2028-02-29 is). */
export function isChinaDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2199 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The same day n years later; 29 February falls back to the 28th in a common year. */
export function addYears(day: string, n: number): string {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const year = y + n;
  const dd = Math.min(d, daysInMonth(year, mo));
  return `${String(year).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Whole days from a to b (b − a) between two China dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export interface CompetencePeriod {
  certifiedOn: string;
  expiresOn: string;
  revokedAt: string | null;
}

export function competenceStatus(c: CompetencePeriod, today: string): CompetenceStatus {
  if (c.revokedAt) return 'revoked';
  if (today < c.certifiedOn) return 'not_yet_valid';
  if (today > c.expiresOn) return 'expired';
  return 'valid';
}

export function isValidOn(c: CompetencePeriod, today: string): boolean {
  return competenceStatus(c, today) === 'valid';
}

export function isExpiringSoon(c: CompetencePeriod, today: string): boolean {
  return isValidOn(c, today) && daysBetween(today, c.expiresOn) < EXPIRING_SOON_DAYS;
}

export function availableCompetenceActions(
  c: CompetencePeriod,
  today: string,
): readonly CompetenceAction[] {
  return COMPETENCE_ACTIONS[competenceStatus(c, today)];
}

export type DatesProblem =
  | 'not_a_date'
  | 'certified_in_future'
  | 'expires_before_certified'
  | 'expires_in_past'
  | 'too_long';

/**
 * A new certification (or a renewal, which starts a new period on `certifiedOn`): certified no
 * later than today, expiring today or later, not before it was certified, within
 * MAX_VALIDITY_YEARS of the certification.
 */
export function checkPeriod(p: {
  certifiedOn: string;
  expiresOn: string;
  today: string;
}): DatesProblem | null {
  if (!isChinaDate(p.certifiedOn) || !isChinaDate(p.expiresOn)) return 'not_a_date';
  if (p.certifiedOn > p.today) return 'certified_in_future';
  if (p.expiresOn < p.certifiedOn) return 'expires_before_certified';
  if (p.expiresOn < p.today) return 'expires_in_past';
  if (p.expiresOn > addYears(p.certifiedOn, MAX_VALIDITY_YEARS)) return 'too_long';
  return null;
}

export const DATES_PROBLEM_TEXT: Record<DatesProblem, { zh: string; en: string }> = {
  not_a_date: { zh: '日期不存在', en: 'That date does not exist' },
  certified_in_future: { zh: '认证日期不能晚于今天', en: 'Certification cannot be after today' },
  expires_before_certified: {
    zh: '有效期截止日不能早于认证日期',
    en: 'The expiry cannot be before the certification',
  },
  expires_in_past: { zh: '有效期截止日不能早于今天', en: 'The expiry cannot be before today' },
  too_long: {
    zh: `有效期最长 ${MAX_VALIDITY_YEARS} 年`,
    en: `A certification runs at most ${MAX_VALIDITY_YEARS} years`,
  },
};
