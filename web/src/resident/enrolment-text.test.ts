import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { checkChild } from './ChildrenPage';
import {
  agesOf,
  byUrgency,
  guardianButtons,
  liveIn,
  outcomeOf,
  priorityClaims,
  placesOf,
  TONE_OF_ENROLMENT,
} from './enrolment-text';
import { translator } from './i18n';
import type { Enrolment } from './programs-api';

type Answered = Pick<Enrolment, 'status' | 'position' | 'offerExpiresAt'>;
const enrolment = (over: Partial<Answered>): Answered => ({
  status: 'enrolled',
  position: null,
  offerExpiresAt: null,
  ...over,
});

const refusal = (code: string, title: string, status = 422) =>
  new ApiError({ status, code, title });

describe('CP-2 what a guardian reads after enrolling', () => {
  it('a place, the waiting list with its position, the draw, an offer', () => {
    expect(outcomeOf({ enrolment: enrolment({}) })).toEqual({ kind: 'enrolled' });
    expect(outcomeOf({ enrolment: enrolment({ status: 'waitlisted', position: 3 }) })).toEqual({
      kind: 'waitlisted',
      position: 3,
    });
    expect(outcomeOf({ enrolment: enrolment({ status: 'applied' }) })).toEqual({
      kind: 'applied',
    });
    const until = '2026-07-02T02:00:00.000Z';
    expect(
      outcomeOf({ enrolment: enrolment({ status: 'offered', offerExpiresAt: until }) }),
    ).toEqual({ kind: 'offered', expiresAt: until });
  });

  it('not eligible (age, neighbourhood) carries the server’s own words as the reason', () => {
    expect(outcomeOf({ error: refusal('CP_CHILD_AGE', '儿童年龄不符合该班级的要求') })).toEqual({
      kind: 'not_eligible',
      reason: '儿童年龄不符合该班级的要求',
    });
    expect(outcomeOf({ error: refusal('CP_OUTSIDE_CATCHMENT', 'only the 5 小区') }).kind).toBe(
      'not_eligible',
    );
  });

  it('a grade or 小区 refusal is not eligible and points to the children page to fix it', () => {
    for (const code of ['CP_CHILD_GRADE', 'CP_CHILD_GRADE_UNKNOWN', 'CP_OUTSIDE_NEIGHBOURHOOD'])
      expect(outcomeOf({ error: refusal(code, 'why') })).toEqual({
        kind: 'not_eligible',
        reason: 'why',
        fixable: true,
      });
  });

  it('any other refusal (already enrolled, not open, network) stays a refusal', () => {
    expect(outcomeOf({ error: refusal('CP_ENROLMENT_DUPLICATE', 'x', 409) }).kind).toBe('refused');
    expect(outcomeOf({ error: new Error('boom') }).kind).toBe('refused');
  });

  it('an offered place comes first on my enrolments, the closed ones last', () => {
    const list = (['withdrawn', 'waitlisted', 'offered', 'enrolled', 'waitlisted'] as const).map(
      (status, i) => ({ status, i }),
    );
    expect(byUrgency(list).map((e) => `${e.status}${e.i}`)).toEqual([
      'offered2',
      'enrolled3',
      'waitlisted1',
      'waitlisted4',
      'withdrawn0',
    ]);
  });

  it('an offer asks the guardian to act; a place is good news', () => {
    expect(TONE_OF_ENROLMENT.offered).toBe('act');
    expect(TONE_OF_ENROLMENT.enrolled).toBe('good');
    expect(TONE_OF_ENROLMENT.waitlisted).toBe('wait');
  });
});

describe('CP-2 a class as the public sees it', () => {
  const now = new Date('2026-07-01T12:00:00Z');
  const base = {
    freePlaces: 5,
    waitlistLength: 0,
    mode: 'first_come' as const,
    opensAt: '2026-07-01T00:00:00Z',
    closesAt: null,
  };

  it('free places only as the server counts them; a waiting list hides freed seats', () => {
    expect(placesOf(base, now)).toEqual({ key: 'free', n: 5 });
    expect(placesOf({ ...base, freePlaces: 0, waitlistLength: 7 }, now)).toEqual({
      key: 'waitlist',
      n: 7,
    });
    expect(placesOf({ ...base, freePlaces: 0 }, now)).toEqual({ key: 'full', n: 0 });
  });

  it('before opening time it says so; a lottery says the places are drawn', () => {
    expect(placesOf({ ...base, opensAt: '2026-07-02T00:00:00Z' }, now).key).toBe('notOpen');
    expect(placesOf({ ...base, mode: 'lottery', closesAt: '2026-07-03T00:00:00Z' }, now).key).toBe(
      'lottery',
    );
    expect(placesOf({ ...base, mode: 'lottery', closesAt: '2026-06-30T00:00:00Z' }, now).key).toBe(
      'free',
    );
  });

  it('ages as a range, a lower or an upper bound, or none', () => {
    expect(agesOf({ minAge: 6, maxAge: 12 })).toEqual({ key: 'ageRange', min: 6, max: 12 });
    expect(agesOf({ minAge: 6, maxAge: null })?.key).toBe('ageFrom');
    expect(agesOf({ minAge: null, maxAge: 12 })?.key).toBe('ageTo');
    expect(agesOf({ minAge: null, maxAge: null })).toBeNull();
  });

  it('buttons: only the guardian’s actions the view offers, in the page’s order', () => {
    const mine = ['accept_offer', 'decline_offer', 'withdraw'] as const;
    expect(guardianButtons(['withdraw', 'decline_offer', 'accept_offer'], mine)).toEqual([
      'accept_offer',
      'decline_offer',
      'withdraw',
    ]);
    expect(guardianButtons(['withdraw'], mine)).toEqual(['withdraw']);
    expect(guardianButtons(['promote_by_hand'], mine)).toEqual([]);
  });
});

describe('CP-2 registering a child', () => {
  const t = translator('zh-CN');
  it('asks for a name, an 18-character ID number and the relation', () => {
    expect(Object.keys(checkChild({ realName: '', idNumber: '123', relation: '' }, t))).toEqual([
      'realName',
      'idNumber',
      'relation',
    ]);
    expect(
      checkChild({ realName: '王小明', idNumber: '11011520180312001X', relation: 'mother' }, t),
    ).toEqual({});
  });
});

describe('CP-2 priority groups declared with their evidence', () => {
  it('sends only ticked groups with evidence; a ticked group without evidence is asked for', () => {
    expect(priorityClaims({})).toEqual({ claims: [], missing: [] });
    expect(priorityClaims({ left_behind: ' 村委会证明 ', dual_working: '' })).toEqual({
      claims: [{ group: 'left_behind', evidence: '村委会证明' }],
      missing: ['dual_working'],
    });
  });
});

describe('CP-2 one live enrolment per child and class', () => {
  it('a child waiting, offered or placed in the class is shown as already enrolled', () => {
    const e = (childId: string, classId: string, status: Enrolment['status']) => ({
      childId,
      classId,
      status,
    });
    const list = [
      e('a', 'c1', 'waitlisted'),
      e('b', 'c1', 'withdrawn'),
      e('c', 'c2', 'enrolled'),
      e('d', 'c1', 'offered'),
    ];
    expect([...liveIn(list, 'c1')].sort()).toEqual(['a', 'd']);
    expect([...liveIn(list, 'c2')]).toEqual(['c']);
  });
});
