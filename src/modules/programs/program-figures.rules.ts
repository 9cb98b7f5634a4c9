/**
 * CP-5 program figures: the arithmetic, pure (the queries are in program-figures.queries.ts, how
 * each figure is counted is stated in program-figures.service.ts).
 */
import { ratio } from '../records/figures.rules.ts';

export { childPrefixLength, periodBounds, ratio } from '../records/figures.rules.ts';

/** The actions of an enrolment's reasons that hand it a seat-holding offer. */
export const OFFER_ACTIONS: readonly string[] = ['offer', 'promote_by_hand'];
/** How an offer ended, by the action that ended it. */
const OFFER_ENDINGS = {
  accept_offer: 'accepted',
  decline_offer: 'declined',
  expire: 'expired',
  withdraw: 'withdrawn',
} as const;

export type OfferOutcome = (typeof OFFER_ENDINGS)[keyof typeof OFFER_ENDINGS] | 'outstanding';

export interface ReasonEntry {
  at: string;
  action: string;
}

/** The well-formed entries of a stored reasons list (anything else is left out). */
export function reasonEntries(raw: readonly unknown[]): ReasonEntry[] {
  return raw.filter(
    (e): e is ReasonEntry =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as ReasonEntry).at === 'string' &&
      typeof (e as ReasonEntry).action === 'string',
  );
}

/**
 * The offers made to one enrolment at instants in [start, end), each with how it ended: the
 * first accept/decline/expire/withdraw entry after it (whenever that came), else `outstanding`
 * while the enrolment is still `offered` (an offer with no ending and no longer offered is left
 * out as unknowable rather than guessed).
 */
export function offerOutcomes(
  entries: readonly ReasonEntry[],
  status: string,
  period: { start: string; end: string },
): OfferOutcome[] {
  const start = Date.parse(period.start);
  const end = Date.parse(period.end);
  const out: OfferOutcome[] = [];
  entries.forEach((e, i) => {
    if (!OFFER_ACTIONS.includes(e.action)) return;
    const at = Date.parse(e.at);
    if (!(at >= start && at < end)) return;
    const ending = entries
      .slice(i + 1)
      .find((n) => n.action in OFFER_ENDINGS || OFFER_ACTIONS.includes(n.action));
    if (ending && ending.action in OFFER_ENDINGS)
      out.push(OFFER_ENDINGS[ending.action as keyof typeof OFFER_ENDINGS]);
    else if (!ending && status === 'offered') out.push('outstanding');
  });
  return out;
}

export interface OfferTally {
  made: number;
  accepted: number;
  declined: number;
  expired: number;
  withdrawn: number;
  outstanding: number;
}

export const emptyOfferTally = (): OfferTally => ({
  made: 0,
  accepted: 0,
  declined: 0,
  expired: 0,
  withdrawn: 0,
  outstanding: 0,
});

/** Adds outcomes to a tally (in place) and returns it. */
export function tallyOffers(tally: OfferTally, outcomes: readonly OfferOutcome[]): OfferTally {
  for (const o of outcomes) {
    tally.made += 1;
    tally[o] += 1;
  }
  return tally;
}

/** The counted sums of one group (an area, a program, or the whole region). */
export interface FigureSums {
  programs: number;
  classes: number;
  /** Classes with at least one child present on a day of the period. */
  classesRun: number;
  capacity: number;
  /** Enrolments now enrolled (a child in two classes counts twice here). */
  enrolments: number;
  /** Distinct children now enrolled. */
  children: number;
  waitlisted: number;
  offers: OfferTally;
  childVisits: number;
  volunteers: number;
  volunteerMinutes: number;
  latePickups: number;
  /** Sessions with a moment below the staff:child ratio (from check-ins), and those minutes. */
  ratioShortfallSessions: number;
  ratioShortfallMinutes: number;
}

export const emptySums = (): FigureSums => ({
  programs: 0,
  classes: 0,
  classesRun: 0,
  capacity: 0,
  enrolments: 0,
  children: 0,
  waitlisted: 0,
  offers: emptyOfferTally(),
  childVisits: 0,
  volunteers: 0,
  volunteerMinutes: 0,
  latePickups: 0,
  ratioShortfallSessions: 0,
  ratioShortfallMinutes: 0,
});

/**
 * Whole minutes between a staff check-in and check-out (timestamps as either database returns
 * them); none without a check-out, or when the two are out of order.
 */
export function checkedMinutes(
  checkedIn: string | Date | null,
  checkedOut: string | Date | null,
): number {
  if (checkedIn === null || checkedOut === null) return 0;
  const from = new Date(checkedIn).getTime();
  const to = new Date(checkedOut).getTime();
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return 0;
  return Math.floor((to - from) / 60_000);
}

/** Hours to one decimal (a volunteer's 25 minutes read 0.4 h). */
export const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 10) / 10;

/** What a figures block shows: the sums with their rates. */
export function figureBlock(s: FigureSums) {
  return {
    programs: s.programs,
    classes: s.classes,
    classesRun: s.classesRun,
    capacity: s.capacity,
    enrolments: s.enrolments,
    childrenEnrolled: s.children,
    fillRate: ratio(s.enrolments, s.capacity),
    waitlisted: s.waitlisted,
    offersMade: s.offers.made,
    offersAccepted: s.offers.accepted,
    offersDeclined: s.offers.declined,
    offersExpired: s.offers.expired,
    offersOutstanding: s.offers.outstanding,
    offerAcceptance: ratio(s.offers.accepted, s.offers.made),
    childVisits: s.childVisits,
    volunteers: s.volunteers,
    volunteerHours: hoursOf(s.volunteerMinutes),
    latePickups: s.latePickups,
    ratioShortfallSessions: s.ratioShortfallSessions,
    ratioShortfallMinutes: s.ratioShortfallMinutes,
  };
}

export type FigureBlock = ReturnType<typeof figureBlock>;

/** The default period: 1 January of `to`'s year to `to` (today unless given). */
export function defaultPeriod(
  today: string,
  input: { from?: string; to?: string },
): { from: string; to: string } {
  const to = input.to ?? today;
  return { from: input.from ?? `${to.slice(0, 4)}-01-01`, to };
}

/** A period the figures accept: from ≤ to, at most 3 years. */
export function periodAcceptable(p: { from: string; to: string }): boolean {
  return p.from <= p.to && Date.parse(p.to) - Date.parse(p.from) <= 3 * 366 * 86_400_000;
}
