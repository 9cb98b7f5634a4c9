import { describe, expect, it } from 'vitest';
import { replayCaseRequests, type ReplayAction } from './0013_case_requests.replay.ts';

const T0 = '2026-03-02T01:30:00.000Z';
const T1 = '2026-03-02T02:30:00.000Z';
const T2 = '2026-03-03T02:30:00.000Z';

describe('GS-5 the history of a case filed before the table (migration 0013 backfill)', () => {
  const log: ReplayAction[] = [
    { action: 'file', actorId: 'clerk', reason: null, payload: { presented: ['id_card'] }, at: T0 },
    {
      action: 'supplement',
      actorId: 'clerk',
      reason: null,
      payload: { presented: ['photo'] },
      at: T1,
    },
    { action: 'route', actorId: 'clerk', reason: null, payload: {}, at: T1 },
    {
      action: 'request_supplement',
      actorId: 'town',
      reason: '再交一次',
      payload: { materialKey: 'photo', kind: 'missing' },
      at: T2,
    },
  ];

  it('replays the notice, the supplement and a disguised request as the second request it was', () => {
    const rows = replayCaseRequests(
      { missing: [{ key: 'photo', blocking: true }] },
      { by: 'clerk', at: T0 },
      log,
    );
    expect(
      rows.map((r) => [r.materialKey, r.kind, r.requestedBy, r.satisfiedAt, r.satisfiedBy]),
    ).toEqual([
      ['photo', 'notice', 'clerk', T1, 'clerk'],
      ['photo', 'defective', 'town', null, null],
    ]);
  });

  it('a request for a material never presented is missing; a supplement of nothing satisfies nothing', () => {
    const rows = replayCaseRequests(
      { missing: [{ key: 'photo', blocking: false }] },
      { by: 'clerk', at: T0 },
      [
        { action: 'file', actorId: 'clerk', reason: null, payload: { presented: [] }, at: T0 },
        { action: 'supplement', actorId: 'clerk', reason: null, payload: {}, at: T1 },
        {
          action: 'request_supplement',
          actorId: 'town',
          reason: null,
          payload: { materialKey: 'authorisation' },
          at: T2,
        },
      ],
    );
    expect(rows.map((r) => [r.materialKey, r.kind, r.blocking, r.satisfiedAt])).toEqual([
      ['photo', 'notice', false, null],
      ['authorisation', 'missing', true, null],
    ]);
  });
});
