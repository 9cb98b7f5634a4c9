import { describe, expect, it } from 'vitest';
import type { EnrolmentStatus } from '../../db/schema.ts';
import {
  availableEnrolmentActions,
  ENROLMENT_ACTIONS,
  enrolmentRefusal,
  type EnrolmentAction,
  type EnrolmentParty,
} from './enrolment.workflow.ts';

const STATUSES: EnrolmentStatus[] = [
  'applied',
  'enrolled',
  'waitlisted',
  'offered',
  'expired',
  'declined',
  'withdrawn',
];
const PARTIES: EnrolmentParty[] = ['guardian', 'organiser', 'system'];

/** The whole table written out: action → party → statuses it may be taken from. */
const EXPECTED: Record<EnrolmentAction, Partial<Record<EnrolmentParty, EnrolmentStatus[]>>> = {
  draw: { system: ['applied'] },
  offer: { system: ['waitlisted'] },
  promote_by_hand: { organiser: ['waitlisted'] },
  accept_offer: { guardian: ['offered'] },
  decline_offer: { guardian: ['offered'] },
  expire: { system: ['offered'] },
  withdraw: {
    guardian: ['applied', 'enrolled', 'waitlisted', 'offered'],
    organiser: ['applied', 'enrolled', 'waitlisted', 'offered'],
  },
};

describe('CP-2 enrolment workflow, every cell', () => {
  for (const action of ENROLMENT_ACTIONS)
    for (const party of PARTIES)
      for (const status of STATUSES) {
        const allowedParty = EXPECTED[action][party] !== undefined;
        const allowed = EXPECTED[action][party]?.includes(status) ?? false;
        it(`${action} by ${party} from ${status}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const got = enrolmentRefusal(action, status, party, 'a reason');
          if (allowed) expect(got).toBeNull();
          else expect(got).toBe(allowedParty ? 'CP_ENROLMENT_STATE' : 'FORBIDDEN');
        });
      }
});

describe('CP-2 enrolment workflow', () => {
  it('moving a family up by hand needs a recorded reason', () => {
    expect(enrolmentRefusal('promote_by_hand', 'waitlisted', 'organiser')).toBe(
      'CP_REASON_REQUIRED',
    );
    expect(enrolmentRefusal('promote_by_hand', 'waitlisted', 'organiser', '  ')).toBe(
      'CP_REASON_REQUIRED',
    );
    expect(enrolmentRefusal('promote_by_hand', 'waitlisted', 'organiser', '低保家庭')).toBeNull();
  });
  it('lists the actions a party may take, in table order', () => {
    expect(availableEnrolmentActions('offered', 'guardian')).toEqual([
      'accept_offer',
      'decline_offer',
      'withdraw',
    ]);
    expect(availableEnrolmentActions('waitlisted', 'organiser')).toEqual([
      'promote_by_hand',
      'withdraw',
    ]);
    expect(availableEnrolmentActions('withdrawn', 'guardian')).toEqual([]);
    expect(availableEnrolmentActions('offered', 'system')).toEqual(['expire']);
  });
});
