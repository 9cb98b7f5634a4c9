import { describe, expect, it } from 'vitest';
import { suggestReferral, type ReferralPost } from './referral.rules.ts';

const STATION = '110115110207';
const post = (over: Partial<ReferralPost> & { id: string }): ReferralPost => ({
  regionCode: '110115110222',
  holderId: 'holder',
  holderCompetent: true,
  ...over,
});

describe('suggestReferral (GS-12 refusal → hand-off)', () => {
  it('prefers a post at the refusing station whose holder now is competent', () => {
    const r = suggestReferral({
      stationRegionCode: STATION,
      refusedAccountId: 'me',
      posts: [post({ id: 'far' }), post({ id: 'near', regionCode: STATION })],
      colleagues: [{ id: 'town' }],
    });
    expect(r).toEqual({ toPostId: 'near' });
  });

  it('takes a post elsewhere in the town before a named colleague', () => {
    const r = suggestReferral({
      stationRegionCode: STATION,
      refusedAccountId: 'me',
      posts: [post({ id: 'far' })],
      colleagues: [{ id: 'town' }],
    });
    expect(r).toEqual({ toPostId: 'far' });
  });

  it('skips posts held by nobody, by an incompetent holder, or by the refused clerk herself', () => {
    const r = suggestReferral({
      stationRegionCode: STATION,
      refusedAccountId: 'me',
      posts: [
        post({ id: 'empty', holderId: null }),
        post({ id: 'untrained', holderCompetent: false, regionCode: STATION }),
        post({ id: 'mine', holderId: 'me', regionCode: STATION }),
      ],
      colleagues: [{ id: 'me' }, { id: 'agent' }, { id: 'town' }],
    });
    expect(r).toEqual({ toAccountId: 'agent' });
  });

  it('suggests nobody when no one in the town is competent', () => {
    expect(
      suggestReferral({
        stationRegionCode: STATION,
        refusedAccountId: 'me',
        posts: [],
        colleagues: [],
      }),
    ).toBeNull();
  });
});
