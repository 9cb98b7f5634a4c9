/**
 * CP-2 enrolment as data: which action moves an enrolment from which status to which, and who may
 * take it. Pure. Services refuse with the code this table gives, and every enrolment view carries
 * `availableActions` from the same table, so a page shows only what the server would accept.
 *
 *   applied ──draw──▶ enrolled | waitlisted
 *   waitlisted ──promote_by_hand (to the head, with a reason)──▶ waitlisted
 *   waitlisted ──offer──▶ offered ──accept_offer──▶ enrolled
 *                                               ├──decline_offer──▶ declined
 *                                               └──expire──▶ expired
 *   applied | enrolled | waitlisted | offered ──withdraw──▶ withdrawn
 */
import type { EnrolmentStatus } from '../../db/schema.ts';

export type EnrolmentParty = 'guardian' | 'organiser' | 'system';

export const ENROLMENT_ACTIONS = [
  'draw', // the lottery places an application
  'offer', // a freed seat goes to the head of the waitlist
  'promote_by_hand', // the organiser moves a family to the head of the waitlist, with a reason
  'accept_offer',
  'decline_offer',
  'expire', // the sweep ends an offer past its time
  'withdraw',
] as const;
export type EnrolmentAction = (typeof ENROLMENT_ACTIONS)[number];

interface EnrolmentRule {
  from: readonly EnrolmentStatus[];
  to: readonly EnrolmentStatus[];
  who: readonly EnrolmentParty[];
  /** The action must carry a reason (kept in the enrolment's reasons and the audit event). */
  reason: boolean;
}

export const ENROLMENT_RULES = {
  draw: { from: ['applied'], to: ['enrolled', 'waitlisted'], who: ['system'], reason: false },
  offer: { from: ['waitlisted'], to: ['offered'], who: ['system'], reason: false },
  promote_by_hand: { from: ['waitlisted'], to: ['waitlisted'], who: ['organiser'], reason: true },
  accept_offer: { from: ['offered'], to: ['enrolled'], who: ['guardian'], reason: false },
  decline_offer: { from: ['offered'], to: ['declined'], who: ['guardian'], reason: false },
  expire: { from: ['offered'], to: ['expired'], who: ['system'], reason: false },
  withdraw: {
    from: ['applied', 'enrolled', 'waitlisted', 'offered'],
    to: ['withdrawn'],
    who: ['guardian', 'organiser'],
    reason: false,
  },
} as const satisfies Record<EnrolmentAction, EnrolmentRule>;

/** Statuses that hold a seat (counted in the class's confirmed_count). */
export const SEAT_HOLDING: readonly EnrolmentStatus[] = ['enrolled', 'offered'];
/** Statuses still in play (one per child and class). */
export const LIVE_STATUSES: readonly EnrolmentStatus[] = [
  'applied',
  'enrolled',
  'waitlisted',
  'offered',
];

export type EnrolmentRefusal = 'FORBIDDEN' | 'CP_ENROLMENT_STATE' | 'CP_REASON_REQUIRED';

/** Why `party` may not take `action` on an enrolment in `status`, or null when it may. */
export function enrolmentRefusal(
  action: EnrolmentAction,
  status: EnrolmentStatus,
  party: EnrolmentParty,
  reason?: string,
): EnrolmentRefusal | null {
  const rule: EnrolmentRule = ENROLMENT_RULES[action];
  if (!rule.who.includes(party)) return 'FORBIDDEN';
  if (!rule.from.includes(status)) return 'CP_ENROLMENT_STATE';
  if (rule.reason && !reason?.trim()) return 'CP_REASON_REQUIRED';
  return null;
}

/** What `party` may do now, in table order (reason-bearing actions listed: the page asks for it). */
export function availableEnrolmentActions(
  status: EnrolmentStatus,
  party: EnrolmentParty,
): EnrolmentAction[] {
  return ENROLMENT_ACTIONS.filter((a) => enrolmentRefusal(a, status, party, 'listed') === null);
}
