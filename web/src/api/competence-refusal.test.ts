import { describe, expect, it } from 'vitest';
import { ApiError, problemToApiError } from './client';
import { readCompetenceRefusal } from './competence-refusal';

const refusal = {
  type: 'https://doorstep.invalid/problems/competence-required',
  title: '本镇要求具备该事项的业务资质后才能受理',
  status: 403,
  code: 'COMPETENCE_REQUIRED',
  detail: '“临时救助申请”（DX-MZ-002）需持有效业务资质方可受理。',
  requestId: 'req-1',
  item: { code: 'DX-MZ-002', name: { zh: '临时救助申请', en: 'Temporary assistance' } },
  competentColleagues: [{ id: 'u1', displayName: '王镇', role: 'town_officer', stationName: null }],
  competentPosts: [
    {
      id: 'p1',
      name: '综合受理岗',
      stationName: '伊庄村服务站',
      holder: { id: 'u2', displayName: '李A', slot: 'b' },
    },
  ],
  suggestedHandoff: { toPostId: 'p1' },
};

const response = (status: number) => new Response(null, { status });

describe('problem extensions on ApiError', () => {
  it('keeps every non-standard member of the problem body', () => {
    const e = problemToApiError(response(403), refusal);
    expect(e.code).toBe('COMPETENCE_REQUIRED');
    expect(Object.keys(e.extensions).sort()).toEqual(
      ['competentColleagues', 'competentPosts', 'item', 'suggestedHandoff'].sort(),
    );
    expect(e.requestId).toBe('req-1');
  });

  it('is empty for a problem without extensions and for a body that is no problem', () => {
    expect(problemToApiError(response(404), { code: 'NOT_FOUND', title: 'x' }).extensions).toEqual(
      {},
    );
    expect(problemToApiError(response(502), 'Bad gateway').extensions).toEqual({});
  });
});

describe('readCompetenceRefusal', () => {
  it('reads the item, colleagues, posts with their holder now, and the suggestion', () => {
    const r = readCompetenceRefusal(problemToApiError(response(403), refusal));
    expect(r).toEqual({
      item: refusal.item,
      colleagues: [{ id: 'u1', displayName: '王镇', stationName: null }],
      posts: [
        {
          id: 'p1',
          name: '综合受理岗',
          stationName: '伊庄村服务站',
          holder: { id: 'u2', displayName: '李A', slot: 'b' },
        },
      ],
      suggestion: { toPostId: 'p1' },
    });
  });

  it('is null for other errors; tolerates missing members', () => {
    expect(
      readCompetenceRefusal(new ApiError({ status: 403, code: 'FORBIDDEN', title: '' })),
    ).toBeNull();
    expect(readCompetenceRefusal(new Error('x'))).toBeNull();
    const bare = readCompetenceRefusal(
      new ApiError({ status: 403, code: 'COMPETENCE_REQUIRED', title: '' }),
    );
    expect(bare).toMatchObject({ colleagues: [], posts: [], suggestion: null });
  });
});
