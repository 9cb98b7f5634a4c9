import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  effectiveRatings,
  inquiryTrio,
  rankStations,
  ratio,
  type CompletedRow,
  type RatingRow,
} from './ratings-metrics.rules.ts';

const done = (
  subjectId: string,
  staffId = 'clerk1',
  stationId = 'st1',
  townCode = '110115110',
  channel = 'window',
): CompletedRow => ({
  subjectId,
  staffId,
  stationId,
  townCode,
  channel,
});
const rated = (
  id: string,
  subjectId: string,
  level: number,
  extra: Partial<RatingRow> = {},
): RatingRow => ({
  id,
  subjectId,
  kind: 'first',
  level,
  excluded: false,
  staffId: 'clerk1',
  stationId: 'st1',
  townCode: '110115110',
  channel: 'window',
  realName: true,
  ...extra,
});

describe('GS-13 metrics (pure)', () => {
  it('groups by the service channel the case recorded', () => {
    const rows = computeMetrics(
      {
        completed: [
          done('c1'),
          done('c2', 'clerk1', 'st1', '110115110', 'appointment'),
          done('c3', 'clerk1', 'st1', '110115110', 'appointment'),
        ],
        ratings: [rated('r1', 'c1', 5), rated('r2', 'c2', 1, { channel: 'appointment' })],
        tickets: [],
      },
      'channel',
    );
    const by = new Map(rows.map((r) => [r.key, r]));
    expect(by.get('window')).toMatchObject({ completed: 1, rated: 1, satisfied: 1 });
    expect(by.get('appointment')).toMatchObject({
      completed: 2,
      rated: 1,
      bad: 1,
      activeRate: 0.5,
    });
  });

  it('ratio rounds to four places and is null on an empty denominator', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(0, 0)).toBeNull();
  });

  it('主动评价率, satisfaction, average level per station', () => {
    const [m] = computeMetrics(
      {
        completed: [done('c1'), done('c2'), done('c3'), done('c4')],
        ratings: [rated('r1', 'c1', 5), rated('r2', 'c2', 3), rated('r3', 'c3', 1)],
        tickets: [{ ratingId: 'r3', calledBack: true, closed: false }],
      },
      'station',
    );
    expect(m).toMatchObject({
      key: 'st1',
      completed: 4,
      rated: 3,
      activeRate: 0.75,
      satisfied: 2,
      satisfaction: 0.6667,
      bad: 1,
      rectified: 0,
      rectificationRate: 0,
      realNameBad: 1,
      realNameCalledBack: 1,
      callbackRate: 1,
      averageLevel: 3,
    });
  });

  it('an excluded rating (upheld appeal) leaves the metrics', () => {
    const [m] = computeMetrics(
      {
        completed: [done('c1'), done('c2')],
        ratings: [rated('r1', 'c1', 5), rated('r2', 'c2', 1, { excluded: true })],
        tickets: [{ ratingId: 'r2', calledBack: false, closed: false }],
      },
      'staff',
    );
    expect(m).toMatchObject({
      rated: 1,
      bad: 0,
      satisfaction: 1,
      averageLevel: 5,
      activeRate: 0.5,
    });
  });

  it('a follow-up replaces the level; the 差评 still counts as one to rectify', () => {
    const rows = [rated('r1', 'c1', 1), rated('r2', 'c1', 4, { kind: 'follow_up' })];
    expect(effectiveRatings(rows)).toHaveLength(1);
    expect(effectiveRatings(rows)[0]!.level).toBe(4);
    const [m] = computeMetrics(
      {
        completed: [done('c1')],
        ratings: rows,
        tickets: [{ ratingId: 'r1', calledBack: true, closed: true }],
      },
      'town',
    );
    expect(m).toMatchObject({ rated: 1, satisfied: 1, bad: 1, rectified: 1, rectificationRate: 1 });
  });

  it('a follow-up without its first rating is ignored', () => {
    expect(effectiveRatings([rated('r2', 'c9', 4, { kind: 'follow_up' })])).toEqual([]);
  });

  it('anonymous 差评 do not enter the 实名 call-back rate', () => {
    const [m] = computeMetrics(
      {
        completed: [done('c1'), done('c2')],
        ratings: [rated('r1', 'c1', 2, { realName: false }), rated('r2', 'c2', 1)],
        tickets: [
          { ratingId: 'r1', calledBack: false, closed: false },
          { ratingId: 'r2', calledBack: false, closed: false },
        ],
      },
      'station',
    );
    expect(m).toMatchObject({ bad: 2, realNameBad: 1, realNameCalledBack: 0, callbackRate: 0 });
  });

  it('groups by staff, station and town', () => {
    const input = {
      completed: [
        done('c1', 'a', 's1', 't1'),
        done('c2', 'b', 's2', 't1'),
        done('c3', 'b', 's3', 't2'),
      ],
      ratings: [],
      tickets: [],
    };
    expect(computeMetrics(input, 'staff').map((r) => [r.key, r.completed])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(computeMetrics(input, 'station').map((r) => r.key)).toEqual(['s1', 's2', 's3']);
    expect(computeMetrics(input, 'town').map((r) => [r.key, r.completed])).toEqual([
      ['t1', 2],
      ['t2', 1],
    ]);
    expect(computeMetrics(input, 'town')[0]!.activeRate).toBe(0);
  });

  it('ranks stations by satisfaction, then average level, then evidence; ties share a rank', () => {
    const base = computeMetrics(
      {
        completed: [],
        ratings: [
          rated('1', 'a1', 5, { stationId: 'A' }),
          rated('2', 'a2', 3, { stationId: 'A' }),
          rated('3', 'b1', 5, { stationId: 'B' }),
          rated('4', 'c1', 5, { stationId: 'C' }),
          rated('5', 'd1', 1, { stationId: 'D' }),
          rated('6', 'e1', 5, { stationId: 'E' }),
        ],
        tickets: [],
      },
      'station',
    );
    const ranked = rankStations([
      ...base,
      { ...base[0]!, key: 'Z', rated: 0, satisfaction: null, averageLevel: null },
    ]);
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ['B', 1],
      ['C', 1],
      ['E', 1],
      ['A', 4],
      ['D', 5],
      ['Z', 6],
    ]);
  });

  it('the 12345 trio', () => {
    expect(inquiryTrio({ total: 10, responded: 9, resolved: 8, rated: 4, satisfied: 3 })).toEqual({
      total: 10,
      responseRate: 0.9,
      resolutionRate: 0.8,
      satisfactionRate: 0.75,
    });
    expect(
      inquiryTrio({ total: 0, responded: 0, resolved: 0, rated: 0, satisfied: 0 }).responseRate,
    ).toBeNull();
  });
});
