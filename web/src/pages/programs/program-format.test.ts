import { describe, expect, it } from 'vitest';
import type { ProgramClass } from '../../api/programs';
import { classCounts, ENROLMENT_COLOR, notOpenYet } from './program-format';

const klass = (over: Partial<ProgramClass>): ProgramClass => ({
  id: 'c1',
  name: '1班',
  capacity: 30,
  minAge: 6,
  maxAge: 7,
  minGrade: null,
  maxGrade: null,
  catchmentCodes: [],
  catchmentNeighbourhoods: [],
  outsideCatchment: 'refuse',
  mode: 'first_come',
  drawnAt: null,
  opensAt: '2026-07-01T11:00:00.000Z',
  closesAt: null,
  offerHours: 24,
  freePlaces: 0,
  waitlistLength: 0,
  ...over,
});

describe('CP-1 CP-2 organiser page figures of a class', () => {
  it('counts enrolled and offered seats from the organiser view, fill in percent of places', () => {
    expect(
      classCounts(klass({ manage: { hardMax: 35, enrolled: 29, offered: 1 }, waitlistLength: 5 })),
    ).toEqual({ enrolled: 29, offered: 1, hardMax: 35, fill: 100 });
    expect(classCounts(klass({ manage: { hardMax: 35, enrolled: 15, offered: 0 } })).fill).toBe(50);
  });

  it('without the organiser view, enrolled is what the public sees as taken', () => {
    expect(classCounts(klass({ freePlaces: 12 }))).toEqual({
      enrolled: 18,
      offered: 0,
      hardMax: 30,
      fill: 60,
    });
  });

  it('a class has not opened before its opening instant, and has at it', () => {
    const c = klass({ opensAt: '2026-07-01T11:00:00.000Z' }); // 19:00 China time
    expect(notOpenYet(c, new Date('2026-07-01T10:59:59.000Z'))).toBe(true);
    expect(notOpenYet(c, new Date('2026-07-01T11:00:00.000Z'))).toBe(false);
  });

  it('every enrolment status has a tag colour', () => {
    expect(Object.keys(ENROLMENT_COLOR).sort()).toEqual(
      ['applied', 'declined', 'enrolled', 'expired', 'offered', 'waitlisted', 'withdrawn'].sort(),
    );
  });
});
