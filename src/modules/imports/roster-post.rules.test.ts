import { describe, expect, it } from 'vitest';
import {
  checkRosterPost,
  parsePostCell,
  planRosterPosts,
  postLabel,
  type ExistingPost,
} from './roster-post.rules.ts';

const S = 's1';
const existing: ExistingPost[] = [
  { id: 'P1', stationId: S, name: '综合受理岗', aAccountId: 'acc-a', bAccountId: 'acc-b' },
];
const claim = (row: number, name: string, slot: 'a' | 'b', accountId: string | null = null) => ({
  row,
  stationId: S,
  post: { name, slot },
  accountId,
});

describe('the roster’s post column (issue #15 p4)', () => {
  it('cells as people write them', () => {
    expect(parsePostCell('综合窗口A岗')).toEqual({ name: '综合窗口', slot: 'a' });
    expect(parsePostCell('综合窗口 B岗')).toEqual({ name: '综合窗口', slot: 'b' });
    expect(parsePostCell('综合窗口（Ｂ）')).toEqual({ name: '综合窗口', slot: 'b' });
    expect(parsePostCell('社保窗口-a')).toEqual({ name: '社保窗口', slot: 'a' });
    expect(parsePostCell('')).toBeUndefined();
    expect(parsePostCell('A岗')).toBeNull();
    expect(parsePostCell('综合窗口')).toBeNull();
    expect(parsePostCell(`${'长'.repeat(41)}A`)).toBeNull();
    expect(postLabel({ name: '综合窗口', slot: 'b' })).toBe('综合窗口 B岗');
  });

  it('a post sits at a station and is held by a holder role', () => {
    expect(checkRosterPost('', { hasStation: false, roles: ['admin'] })).toEqual({
      ok: true,
      post: null,
    });
    expect(checkRosterPost('综合窗口A', { hasStation: false, roles: ['volunteer_staff'] })).toEqual(
      {
        ok: false,
        reasons: ['STAFF_POST_NEEDS_STATION', 'STAFF_POST_HOLDER_ROLE'],
      },
    );
    expect(checkRosterPost('综合窗口A', { hasStation: true, roles: ['agent'] })).toMatchObject({
      ok: true,
    });
  });

  it('an existing post: a slot taken or already held; A and B never the same person', () => {
    expect(planRosterPosts([claim(2, '综合受理岗', 'b', 'acc-b')], existing)).toMatchObject({
      unchanged: new Set([2]),
      assignments: [],
    });
    expect(planRosterPosts([claim(2, '综合受理岗', 'b')], existing).assignments).toEqual([
      { kind: 'update', id: 'P1', a: null, b: { row: 2 }, rows: [2] },
    ]);
    expect(planRosterPosts([claim(2, '综合受理岗', 'b', 'acc-a')], existing).refused).toEqual(
      new Map([[2, [{ code: 'STAFF_POST_HOLDERS_SAME' }]]]),
    );
    // A swap in one file is fine.
    expect(
      planRosterPosts(
        [claim(2, '综合受理岗', 'a', 'acc-b'), claim(3, '综合受理岗', 'b', 'acc-a')],
        existing,
      ).assignments,
    ).toEqual([
      {
        kind: 'update',
        id: 'P1',
        a: { accountId: 'acc-b' },
        b: { accountId: 'acc-a' },
        rows: [2, 3],
      },
    ]);
  });

  it('a new post needs both holders in the file; one slot per row', () => {
    expect(planRosterPosts([claim(2, '社保窗口', 'a')], existing).refused).toEqual(
      new Map([[2, [{ code: 'STAFF_POST_PAIR_MISSING' }]]]),
    );
    const both = planRosterPosts(
      [claim(2, '社保窗口', 'a'), claim(3, '社保窗口', 'b', 'acc-x'), claim(4, '社保窗口', 'b')],
      existing,
    );
    expect(both.refused).toEqual(new Map([[4, [{ code: 'STAFF_POST_SLOT_TWICE', detail: '3' }]]]));
    expect(both.assignments).toEqual([
      {
        kind: 'create',
        stationId: S,
        name: '社保窗口',
        a: { row: 2 },
        b: { accountId: 'acc-x' },
        rows: [2, 3],
      },
    ]);
  });
});
