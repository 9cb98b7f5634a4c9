import { describe, expect, it } from 'vitest';
import { appendStops, batchByVillage, manualOrderProblem } from './route-batching.rules.ts';

describe('GS-10 batching a day’s visits by village', () => {
  it('groups by village, villages in code order, stops by request time', () => {
    const batches = batchByVillage([
      { id: 'c', villageCode: '110115110222', requestedAt: '2026-03-02T03:00:00.000Z' },
      { id: 'a', villageCode: '110115110207', requestedAt: '2026-03-02T02:00:00.000Z' },
      { id: 'b', villageCode: '110115110207', requestedAt: '2026-03-01T09:00:00.000Z' },
      { id: 'd', villageCode: '110115110207', requestedAt: '2026-03-02T01:00:00.000Z' },
    ]);
    expect(batches).toEqual([
      { villageCode: '110115110207', visitIds: ['b', 'd', 'a'] },
      { villageCode: '110115110222', visitIds: ['c'] },
    ]);
  });
  it('equal request times are ordered by id, so the order is stable', () => {
    const at = '2026-03-02T02:00:00.000Z';
    expect(
      batchByVillage([
        { id: 'y', villageCode: 'v', requestedAt: at },
        { id: 'x', villageCode: 'v', requestedAt: at },
      ]),
    ).toEqual([{ villageCode: 'v', visitIds: ['x', 'y'] }]);
  });
  it('nothing to batch gives no routes', () => {
    expect(batchByVillage([])).toEqual([]);
  });
  it('new stops follow the route’s last stop', () => {
    expect(appendStops(2, ['p', 'q'])).toEqual([
      { id: 'p', stop: 3 },
      { id: 'q', stop: 4 },
    ]);
    expect(appendStops(0, ['p'])).toEqual([{ id: 'p', stop: 1 }]);
  });
  it('a manual order names every stop exactly once', () => {
    expect(manualOrderProblem(['a', 'b', 'c'], ['c', 'a', 'b'])).toBeNull();
    expect(manualOrderProblem(['a', 'b', 'c'], ['c', 'a'])).toBe('missing');
    expect(manualOrderProblem(['a', 'b', 'c'], ['c', 'a', 'a'])).toBe('duplicate');
    expect(manualOrderProblem(['a', 'b'], ['a', 'z'])).toBe('unknown');
  });
});
