/**
 * CP-1 eligibility by school grade, pure. A guardian states the child's grade for a school year
 * (0 = 学前/幼儿园大班, 1–6 小学, 7–9 初中, 10–12 高中); the grade advances by one with every school
 * year, which starts on 1 September China time. A class's grade range is checked with the grade on
 * the program's first day, as ages are.
 */
import { chinaDate } from '../../shared/china-time.ts';

export const MIN_GRADE = 0;
export const MAX_GRADE = 12;

/** A grade as stated: `grade` during the school year starting 1 September of `schoolYear`. */
export interface StatedGrade {
  grade: number;
  schoolYear: number;
}

/** The school year (its starting calendar year) a China date (YYYY-MM-DD) falls in. */
export function schoolYearOfDay(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

/** The school year at an instant, by the China calendar (1 Sep 00:00 China = 31 Aug 16:00 UTC). */
export function schoolYearAt(instant: Date): number {
  return schoolYearOfDay(chinaDate(instant));
}

/** The child's grade on a China date: the stated grade moved on by the school years since. */
export function gradeOn(stated: StatedGrade, day: string): number {
  return stated.grade + (schoolYearOfDay(day) - stated.schoolYear);
}

/** A stated school year is this one, the one before (stated in summer) or the coming one. */
export function plausibleSchoolYear(schoolYear: number, now: Date): boolean {
  const current = schoolYearAt(now);
  return schoolYear >= current - 1 && schoolYear <= current + 1;
}

export interface GradeRange {
  minGrade: number | null;
  maxGrade: number | null;
}

export type GradeRefusal = 'CP_CHILD_GRADE' | 'CP_CHILD_GRADE_UNKNOWN';

/** Why the child's grade does not fit the class on `day`, or null (no range: anyone). */
export function gradeRefusal(
  stated: StatedGrade | null,
  range: GradeRange,
  day: string,
): GradeRefusal | null {
  if (range.minGrade === null && range.maxGrade === null) return null;
  if (stated === null) return 'CP_CHILD_GRADE_UNKNOWN';
  const grade = gradeOn(stated, day);
  if (range.minGrade !== null && grade < range.minGrade) return 'CP_CHILD_GRADE';
  if (range.maxGrade !== null && grade > range.maxGrade) return 'CP_CHILD_GRADE';
  return null;
}

const ZH_NUMBERS = ['', '一', '二', '三', '四', '五', '六'];

/** 小学三年级 / Primary grade 3, 初中一年级 / Junior middle grade 1 … (0: 学前 / Pre-school). */
export function gradeLabel(grade: number): { zh: string; en: string } {
  if (grade <= 0) return { zh: '学前', en: 'Pre-school' };
  if (grade <= 6) return { zh: `小学${ZH_NUMBERS[grade]}年级`, en: `Primary grade ${grade}` };
  if (grade <= 9)
    return { zh: `初中${ZH_NUMBERS[grade - 6]}年级`, en: `Junior middle grade ${grade - 6}` };
  if (grade <= 12)
    return { zh: `高中${ZH_NUMBERS[grade - 9]}年级`, en: `Senior high grade ${grade - 9}` };
  return { zh: '已毕业', en: 'Left school' };
}
