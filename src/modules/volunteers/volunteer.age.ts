/**
 * VS-1 age rules, pure: volunteers under 14 are refused; ages 14–17 need a recorded guardian
 * consent. Ages are counted in whole years on the China calendar date (UTC+8) of `now`.
 */

import { chinaDate } from '../../shared/china-time.ts';

/** The China calendar date lives in the kernel; re-exported for this module's callers. */
export { chinaDate };

export const MIN_VOLUNTEER_AGE = 14;
export const ADULT_AGE = 18;

export type AgeRule = 'too_young' | 'minor_needs_consent' | 'adult';

/**
 * Whole years from `birthDate` to `today` (both YYYY-MM-DD). The birthday counts on its own date;
 * someone born on 29 February has their birthday on 1 March in common years (as 周岁 are counted
 * from the day after 28 February).
 */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  let month = bm;
  let day = bd;
  if (bm === 2 && bd === 29 && !isLeapYear(ty)) {
    month = 3;
    day = 1;
  }
  if (tm < month || (tm === month && td < day)) age -= 1;
  return age;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function ageRule(age: number): AgeRule {
  if (age < MIN_VOLUNTEER_AGE) return 'too_young';
  if (age < ADULT_AGE) return 'minor_needs_consent';
  return 'adult';
}

export interface ConsentInput {
  guardianName?: string | undefined;
  relation?: string | undefined;
  guardianPhone?: string | undefined;
  method?: string | undefined;
}

/** The problem a registration meets by age, or null when it may go ahead. */
export function ageProblem(
  birthDate: string,
  today: string,
  consent: ConsentInput | null | undefined,
): 'VOLUNTEER_TOO_YOUNG' | 'VOLUNTEER_GUARDIAN_CONSENT_REQUIRED' | null {
  const rule = ageRule(ageOn(birthDate, today));
  if (rule === 'too_young') return 'VOLUNTEER_TOO_YOUNG';
  if (rule === 'minor_needs_consent') {
    const complete =
      !!consent?.guardianName?.trim() &&
      !!consent.relation?.trim() &&
      !!consent.guardianPhone?.trim() &&
      !!consent.method;
    if (!complete) return 'VOLUNTEER_GUARDIAN_CONSENT_REQUIRED';
  }
  return null;
}
