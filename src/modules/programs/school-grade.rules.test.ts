import { describe, expect, it } from 'vitest';
import { neighbourhoodPlacement, priorityRank } from './enrolment.rules.ts';
import {
  gradeLabel,
  gradeOn,
  gradeRefusal,
  plausibleSchoolYear,
  schoolYearAt,
  schoolYearOfDay,
} from './school-grade.rules.ts';

describe('CP-1 school grade', () => {
  it('a school year starts on 1 September: 31 August is still the year before', () => {
    expect(schoolYearOfDay('2026-08-31')).toBe(2025);
    expect(schoolYearOfDay('2026-09-01')).toBe(2026);
    expect(schoolYearOfDay('2027-01-15')).toBe(2026);
    expect(schoolYearOfDay('2026-07-06')).toBe(2025);
  });

  it('counts the China calendar, not UTC: 1 Sep 00:00 China is 31 Aug 16:00 UTC', () => {
    expect(schoolYearAt(new Date('2026-08-31T15:59:59Z'))).toBe(2025); // 23:59:59 China, 31 Aug
    expect(schoolYearAt(new Date('2026-08-31T16:00:00Z'))).toBe(2026); // 00:00 China, 1 Sep
    expect(schoolYearAt(new Date('2026-09-01T00:00:00+08:00'))).toBe(2026);
  });

  it('a stated grade moves on one per school year', () => {
    const stated = { grade: 2, schoolYear: 2025 }; // 小学二年级 in 2025–26
    expect(gradeOn(stated, '2026-07-06')).toBe(2); // summer after grade 2
    expect(gradeOn(stated, '2026-08-31')).toBe(2);
    expect(gradeOn(stated, '2026-09-01')).toBe(3);
    expect(gradeOn(stated, '2025-09-01')).toBe(2);
    expect(gradeOn(stated, '2025-08-31')).toBe(1); // stated for a later year: counted back
  });

  it('refuses outside the range, and asks for the grade when the class admits by grade', () => {
    const range = { minGrade: 1, maxGrade: 3 }; // 小学一至三年级
    expect(gradeRefusal({ grade: 1, schoolYear: 2025 }, range, '2026-07-06')).toBeNull();
    expect(gradeRefusal({ grade: 3, schoolYear: 2025 }, range, '2026-07-06')).toBeNull();
    expect(gradeRefusal({ grade: 3, schoolYear: 2025 }, range, '2026-09-01')).toBe(
      'CP_CHILD_GRADE',
    );
    expect(gradeRefusal({ grade: 0, schoolYear: 2025 }, range, '2026-08-31')).toBe(
      'CP_CHILD_GRADE',
    );
    expect(gradeRefusal({ grade: 0, schoolYear: 2025 }, range, '2026-09-01')).toBeNull();
    expect(gradeRefusal(null, range, '2026-07-06')).toBe('CP_CHILD_GRADE_UNKNOWN');
    expect(gradeRefusal(null, { minGrade: null, maxGrade: null }, '2026-07-06')).toBeNull();
    expect(
      gradeRefusal({ grade: 9, schoolYear: 2025 }, { minGrade: null, maxGrade: 6 }, '2026-07-06'),
    ).toBe('CP_CHILD_GRADE');
  });

  it('a stated school year is this one, the last or the next', () => {
    const now = new Date('2026-08-31T16:30:00Z'); // 1 Sep China: school year 2026
    expect(plausibleSchoolYear(2026, now)).toBe(true);
    expect(plausibleSchoolYear(2025, now)).toBe(true);
    expect(plausibleSchoolYear(2027, now)).toBe(true);
    expect(plausibleSchoolYear(2024, now)).toBe(false);
    expect(plausibleSchoolYear(2028, now)).toBe(false);
  });

  it('names grades in Chinese and English', () => {
    expect(gradeLabel(0)).toEqual({ zh: '学前', en: 'Pre-school' });
    expect(gradeLabel(3)).toEqual({ zh: '小学三年级', en: 'Primary grade 3' });
    expect(gradeLabel(7)).toEqual({ zh: '初中一年级', en: 'Junior middle grade 1' });
    expect(gradeLabel(12).zh).toBe('高中三年级');
  });
});

describe('CP-1 catchment by neighbourhood', () => {
  const HUANGHE = '371602005035';
  const catchment = (outside: 'refuse' | 'rank_after') => ({
    communityCode: HUANGHE,
    names: ['黄河一区', '锦绣家园'],
    outside,
  });

  it('a child of a listed 小区 of the community is inside', () => {
    const child = { regionCode: HUANGHE, neighbourhood: '锦绣家园' };
    expect(neighbourhoodPlacement(child, catchment('refuse'))).toBe('inside');
  });

  it('another 小区, none stated, or another community is outside: refused or ranked after', () => {
    for (const child of [
      { regionCode: HUANGHE, neighbourhood: '滨河苑' },
      { regionCode: HUANGHE, neighbourhood: null },
      { regionCode: '371602005036', neighbourhood: '黄河一区' },
    ]) {
      expect(neighbourhoodPlacement(child, catchment('refuse'))).toBe('CP_OUTSIDE_NEIGHBOURHOOD');
      expect(neighbourhoodPlacement(child, catchment('rank_after'))).toBe('ranked_after');
    }
  });

  it('no names: no neighbourhood limit', () => {
    const open = { communityCode: HUANGHE, names: [], outside: 'refuse' as const };
    expect(neighbourhoodPlacement({ regionCode: 'x', neighbourhood: null }, open)).toBe('inside');
  });

  it('a child ranked after comes behind every catchment child, priority group or not', () => {
    const claim = [{ group: 'hardship' as const, evidence: '低保证' }];
    const ranks = [
      priorityRank(claim),
      priorityRank([]),
      priorityRank(claim, true),
      priorityRank([], true),
    ];
    expect(ranks).toEqual([0, 1, 2, 3]);
  });
});
