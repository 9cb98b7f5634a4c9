import { describe, expect, it } from 'vitest';
import {
  checkedMinutes,
  defaultPeriod,
  emptyOfferTally,
  emptySums,
  figureBlock,
  hoursOf,
  offerOutcomes,
  periodAcceptable,
  reasonEntries,
  tallyOffers,
} from './program-figures.rules.ts';

const JULY = { start: '2026-06-30T16:00:00.000Z', end: '2026-07-31T16:00:00.000Z' };
const e = (at: string, action: string) => ({ at, action });

describe('CP-5 offer acceptance: how each offer made in the period ended', () => {
  it('an accepted offer counts as made and accepted', () => {
    expect(
      offerOutcomes(
        [e('2026-07-02T01:00:00Z', 'offer'), e('2026-07-02T03:00:00Z', 'accept_offer')],
        'enrolled',
        JULY,
      ),
    ).toEqual(['accepted']);
  });

  it('declined, expired and withdrawn offers end as such', () => {
    expect(
      offerOutcomes(
        [e('2026-07-02T01:00:00Z', 'offer'), e('2026-07-03T01:00:00Z', 'decline_offer')],
        'declined',
        JULY,
      ),
    ).toEqual(['declined']);
    expect(
      offerOutcomes(
        [e('2026-07-02T01:00:00Z', 'offer'), e('2026-07-03T01:00:00Z', 'expire')],
        'expired',
        JULY,
      ),
    ).toEqual(['expired']);
    expect(
      offerOutcomes(
        [e('2026-07-02T01:00:00Z', 'promote_by_hand'), e('2026-07-02T02:00:00Z', 'withdraw')],
        'withdrawn',
        JULY,
      ),
    ).toEqual(['withdrawn']);
  });

  it('a hand promotion is an offer too; an unanswered one is outstanding while still offered', () => {
    expect(offerOutcomes([e('2026-07-05T01:00:00Z', 'promote_by_hand')], 'offered', JULY)).toEqual([
      'outstanding',
    ]);
  });

  it('an offer without an ending on an enrolment no longer offered is left out, not guessed', () => {
    expect(offerOutcomes([e('2026-07-05T01:00:00Z', 'offer')], 'enrolled', JULY)).toEqual([]);
  });

  it('offers made outside the period are not counted, even when answered inside it', () => {
    expect(
      offerOutcomes(
        [e('2026-06-30T15:59:59Z', 'offer'), e('2026-07-01T01:00:00Z', 'accept_offer')],
        'enrolled',
        JULY,
      ),
    ).toEqual([]);
    // made on the last evening (China time), answered after the period: counted, as accepted
    expect(
      offerOutcomes(
        [e('2026-07-31T15:00:00Z', 'offer'), e('2026-08-01T01:00:00Z', 'accept_offer')],
        'enrolled',
        JULY,
      ),
    ).toEqual(['accepted']);
    expect(offerOutcomes([e('2026-07-31T16:00:00Z', 'offer')], 'offered', JULY)).toEqual([]);
  });

  it('entries other than offers and endings (draw, reasons) are stepped over', () => {
    expect(
      offerOutcomes(
        [
          e('2026-07-01T01:00:00Z', 'draw'),
          e('2026-07-02T01:00:00Z', 'offer'),
          e('2026-07-02T02:00:00Z', 'note'),
          e('2026-07-02T03:00:00Z', 'accept_offer'),
          e('2026-07-10T03:00:00Z', 'withdraw'),
        ],
        'withdrawn',
        JULY,
      ),
    ).toEqual(['accepted']);
  });

  it('two offers on one enrolment are two offers, each ended by what follows it', () => {
    expect(
      offerOutcomes(
        [
          e('2026-07-02T01:00:00Z', 'offer'),
          e('2026-07-03T01:00:00Z', 'offer'),
          e('2026-07-03T02:00:00Z', 'accept_offer'),
        ],
        'enrolled',
        JULY,
      ),
    ).toEqual(['accepted']); // the first was superseded without an ending: left out
  });

  it('malformed reason entries are ignored', () => {
    expect(
      reasonEntries([null, 3, { at: 1, action: 'offer' }, { at: 'x' }, e('2026-07-01', 'offer')]),
    ).toEqual([e('2026-07-01', 'offer')]);
  });

  it('a tally counts every outcome under made and its own name', () => {
    const t = tallyOffers(emptyOfferTally(), ['accepted', 'accepted', 'expired', 'outstanding']);
    expect(t).toEqual({
      made: 4,
      accepted: 2,
      declined: 0,
      expired: 1,
      withdrawn: 0,
      outstanding: 1,
    });
  });
});

describe('CP-5 figure block: rates from the sums', () => {
  it('fill rate is enrolments over capacity; acceptance is accepted over made', () => {
    const sums = {
      ...emptySums(),
      capacity: 80,
      enrolments: 60,
      children: 59,
      offers: { ...emptyOfferTally(), made: 8, accepted: 6, declined: 1, expired: 1 },
      volunteerMinutes: 150,
    };
    const b = figureBlock(sums);
    expect(b.fillRate).toBe(0.75);
    expect(b.offerAcceptance).toBe(0.75);
    expect(b.childrenEnrolled).toBe(59);
    expect(b.volunteerHours).toBe(2.5);
  });

  it('no capacity and no offers give no rate (null), not zero', () => {
    const b = figureBlock(emptySums());
    expect(b.fillRate).toBeNull();
    expect(b.offerAcceptance).toBeNull();
  });

  it('hours are rounded to a tenth', () => {
    expect(hoursOf(25)).toBe(0.4);
    expect(hoursOf(0)).toBe(0);
    expect(hoursOf(61)).toBe(1);
  });
});

describe('CP-5 period', () => {
  it('defaults to 1 January of the end year to today', () => {
    expect(defaultPeriod('2026-07-20', {})).toEqual({ from: '2026-01-01', to: '2026-07-20' });
    expect(defaultPeriod('2026-07-20', { to: '2025-08-31' })).toEqual({
      from: '2025-01-01',
      to: '2025-08-31',
    });
  });

  it('refuses a reversed period or one over 3 years', () => {
    expect(periodAcceptable({ from: '2026-07-01', to: '2026-06-30' })).toBe(false);
    expect(periodAcceptable({ from: '2020-01-01', to: '2026-06-30' })).toBe(false);
    expect(periodAcceptable({ from: '2024-01-01', to: '2026-06-30' })).toBe(true);
    expect(periodAcceptable({ from: '2026-07-01', to: '2026-07-01' })).toBe(true);
  });
});

describe('CP-5 volunteer time from check-in and check-out', () => {
  it('counts whole minutes between the two, from ISO text or Date', () => {
    expect(checkedMinutes('2031-07-07T00:00:00.000Z', '2031-07-07T04:30:00.000Z')).toBe(270);
    expect(checkedMinutes(new Date('2031-07-07T00:00:00Z'), '2031-07-07T00:01:59Z')).toBe(1);
  });
  it('adds nothing without a check-out, without a check-in, or when out of order', () => {
    expect(checkedMinutes('2031-07-07T00:00:00Z', null)).toBe(0);
    expect(checkedMinutes(null, '2031-07-07T00:00:00Z')).toBe(0);
    expect(checkedMinutes('2031-07-07T05:00:00Z', '2031-07-07T04:00:00Z')).toBe(0);
    expect(checkedMinutes('not a time', '2031-07-07T04:00:00Z')).toBe(0);
  });
});
