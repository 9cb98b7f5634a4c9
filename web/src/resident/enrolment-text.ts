/**
 * How a guardian reads an enrolment (CP-2): its tone at a glance, the outcome of an enrolment
 * request in plain words (enrolled, on the waiting list at position n, waiting for the draw, or
 * not eligible and why), a class's ages and places. Pure; the pages only draw what these say.
 */
import { isApiError } from '../api/client';
import type { Enrolment, EnrolmentStatus, NewEnrolment, ProgramClass } from './programs-api';
import type { Tone } from './tone';

export const TONE_OF_ENROLMENT: Record<EnrolmentStatus, Tone> = {
  enrolled: 'good',
  offered: 'act',
  waitlisted: 'wait',
  applied: 'wait',
  expired: 'wait',
  declined: 'wait',
  withdrawn: 'wait',
};

/** Refusals that mean "this child cannot take this class" (and the server says why). */
const NOT_ELIGIBLE = new Set([
  'CP_CHILD_AGE',
  'CP_OUTSIDE_CATCHMENT',
  'CP_CHILD_GRADE',
  'CP_CHILD_GRADE_UNKNOWN',
  'CP_OUTSIDE_NEIGHBOURHOOD',
]);
/** Of those, the ones the guardian may answer by stating (or correcting) the grade or 小区. */
const FIXED_ON_CHILDREN_PAGE = new Set([
  'CP_CHILD_GRADE',
  'CP_CHILD_GRADE_UNKNOWN',
  'CP_OUTSIDE_NEIGHBOURHOOD',
]);

export type Outcome =
  | { kind: 'enrolled' }
  | { kind: 'waitlisted'; position: number | null }
  | { kind: 'applied' }
  | { kind: 'offered'; expiresAt: string | null }
  | { kind: 'not_eligible'; reason: string; fixable?: true }
  | { kind: 'refused'; error: unknown };

/** What an enrolment request came to: the enrolment the server answered, or its refusal. */
export function outcomeOf(
  answer:
    { enrolment: Pick<Enrolment, 'status' | 'position' | 'offerExpiresAt'> } | { error: unknown },
): Outcome {
  if ('error' in answer) {
    const e = answer.error;
    if (isApiError(e) && NOT_ELIGIBLE.has(e.code))
      return FIXED_ON_CHILDREN_PAGE.has(e.code)
        ? { kind: 'not_eligible', reason: e.title, fixable: true }
        : { kind: 'not_eligible', reason: e.title };
    return { kind: 'refused', error: e };
  }
  const { enrolment } = answer;
  if (enrolment.status === 'enrolled') return { kind: 'enrolled' };
  if (enrolment.status === 'waitlisted')
    return { kind: 'waitlisted', position: enrolment.position };
  if (enrolment.status === 'offered')
    return { kind: 'offered', expiresAt: enrolment.offerExpiresAt };
  // A lottery application waits for the draw (an answer in any other status is not a new one).
  return { kind: 'applied' };
}

/** The ages a class takes, as a range key and its numbers; null when any age is welcome. */
export function agesOf(
  c: Pick<ProgramClass, 'minAge' | 'maxAge'>,
): { key: 'ageRange' | 'ageFrom' | 'ageTo'; min: number; max: number } | null {
  if (c.minAge !== null && c.maxAge !== null)
    return { key: 'ageRange', min: c.minAge, max: c.maxAge };
  if (c.minAge !== null) return { key: 'ageFrom', min: c.minAge, max: 0 };
  if (c.maxAge !== null) return { key: 'ageTo', min: 0, max: c.maxAge };
  return null;
}

/**
 * The places a class shows the public, exactly as the server counts them: free places (0 while
 * a waiting list exists — freed seats go to it), else the length of the waiting list.
 */
export function placesOf(
  c: Pick<ProgramClass, 'freePlaces' | 'waitlistLength' | 'mode' | 'opensAt' | 'closesAt'>,
  now: Date,
): { key: 'free' | 'full' | 'waitlist' | 'notOpen' | 'lottery'; n: number } {
  if (new Date(c.opensAt).getTime() > now.getTime()) return { key: 'notOpen', n: 0 };
  if (c.mode === 'lottery' && c.closesAt && new Date(c.closesAt).getTime() > now.getTime())
    return { key: 'lottery', n: 0 };
  if (c.freePlaces > 0) return { key: 'free', n: c.freePlaces };
  if (c.waitlistLength > 0) return { key: 'waitlist', n: c.waitlistLength };
  return { key: 'full', n: 0 };
}

/** The guardian's buttons for an enrolment: only those of `mine` the view offers, in `mine`'s order. */
export function guardianButtons<M extends string>(
  available: readonly string[],
  mine: readonly M[],
): M[] {
  return mine.filter((a) => available.includes(a));
}

/** What needs the guardian first: offered places, then places and waiting, then the closed ones. */
const URGENCY: Record<EnrolmentStatus, number> = {
  offered: 0,
  enrolled: 1,
  waitlisted: 2,
  applied: 3,
  expired: 4,
  declined: 5,
  withdrawn: 6,
};

/** My enrolments in that order (stable: the server's order within a status). */
export function byUrgency<E extends Pick<Enrolment, 'status'>>(list: readonly E[]): E[] {
  return list
    .map((e, i) => ({ e, i }))
    .sort((a, b) => URGENCY[a.e.status] - URGENCY[b.e.status] || a.i - b.i)
    .map(({ e }) => e);
}

/** The priority groups a guardian may declare (CP-2: ranked first on the waiting list). */
export const PRIORITY_GROUPS = [
  'dual_working',
  'hardship',
  'left_behind',
] as const satisfies readonly NonNullable<NewEnrolment['priorityGroups']>[number]['group'][];
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];
/** Ticked groups with the evidence typed for each. */
export type ClaimDraft = Partial<Record<PriorityGroup, string>>;

/** The claims to send, and the ticked groups still without evidence (the form asks for it). */
export function priorityClaims(draft: ClaimDraft): {
  claims: { group: PriorityGroup; evidence: string }[];
  missing: PriorityGroup[];
} {
  const ticked = PRIORITY_GROUPS.filter((g) => draft[g] !== undefined);
  return {
    claims: ticked
      .map((group) => ({ group, evidence: (draft[group] ?? '').trim() }))
      .filter((c) => c.evidence !== ''),
    missing: ticked.filter((g) => (draft[g] ?? '').trim() === ''),
  };
}

/** Statuses still in play: a child in one of them cannot apply to the same class again. */
const LIVE: readonly EnrolmentStatus[] = ['applied', 'enrolled', 'waitlisted', 'offered'];

/** The children with a live enrolment in the class (the form shows them as already enrolled). */
export function liveIn(
  enrolments: readonly Pick<Enrolment, 'childId' | 'classId' | 'status'>[],
  classId: string,
): Set<string> {
  return new Set(
    enrolments
      .filter((e) => e.classId === classId && LIVE.includes(e.status))
      .map((e) => e.childId),
  );
}
