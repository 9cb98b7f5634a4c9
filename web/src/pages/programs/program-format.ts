import type { TFunction } from 'i18next';
import type { EnrolmentStatus, Program, ProgramClass } from '../../api/programs';

/** The colour of an enrolment's status tag. */
export const ENROLMENT_COLOR: Record<EnrolmentStatus, string> = {
  enrolled: 'green',
  offered: 'gold',
  waitlisted: 'blue',
  applied: 'cyan',
  withdrawn: 'default',
  declined: 'default',
  expired: 'default',
};

/** ¥ with two decimals from fen; "free" for 0. */
export function feeText(t: TFunction, feeFen: number): string {
  return feeFen === 0
    ? t('programs.fee.free')
    : t('programs.fee.amount', { yuan: (feeFen / 100).toFixed(2) });
}

/** Season days (YYYY-MM-DD are China calendar days, shown as they are). */
export const seasonText = (p: Pick<Program, 'seasonStartsOn' | 'seasonEndsOn'>) =>
  `${p.seasonStartsOn} – ${p.seasonEndsOn}`;

/** The organiser's counts of a class (present when the caller organises it). */
export function classCounts(c: ProgramClass) {
  const enrolled = c.manage?.enrolled ?? c.capacity - c.freePlaces;
  const offered = c.manage?.offered ?? 0;
  return {
    enrolled,
    offered,
    hardMax: c.manage?.hardMax ?? c.capacity,
    fill:
      c.capacity === 0 ? 0 : Math.min(100, Math.round(((enrolled + offered) / c.capacity) * 100)),
  };
}

/** Whether enrolment for a class has not opened yet at `now`. */
export const notOpenYet = (c: ProgramClass, now: Date) => Date.parse(c.opensAt) > now.getTime();
