/**
 * CP-3 strikes: late pickups and unexcused absences of an enrolment are counted; when they reach
 * the class's limit (default 3) the system proposes withdrawal — staff confirm or dismiss it. A
 * dismissed proposal starts the count afresh (only strikes after its decision count). Sick and
 * informed absences are counted for the record but are never strikes. Pure.
 */
import type { AbsenceKind, AttendanceStatus } from '../../db/schema.ts';

export interface AttendanceDay {
  day: string;
  status: AttendanceStatus;
  absenceKind: AbsenceKind | null;
  late: boolean;
  /** When the day's status was last set (ISO). */
  updatedAt: string;
}

export interface StrikeCount {
  late: number;
  unexcused: number;
  sick: number;
  informed: number;
  /** late + unexcused: what the limit is compared with. */
  strikes: number;
}

/** The counts over days updated after `since` (the last dismissed proposal's decision, if any). */
export function countStrikes(days: readonly AttendanceDay[], since: string | null): StrikeCount {
  const counted = since === null ? days : days.filter((d) => d.updatedAt > since);
  const late = counted.filter((d) => d.status === 'released' && d.late).length;
  const byKind = (k: AbsenceKind) =>
    counted.filter((d) => d.status === 'absent' && d.absenceKind === k).length;
  const unexcused = byKind('unexcused');
  return {
    late,
    unexcused,
    sick: byKind('sick'),
    informed: byKind('informed'),
    strikes: late + unexcused,
  };
}

/** Whether to open a withdrawal proposal now. */
export function proposesWithdrawal(
  count: StrikeCount,
  limit: number,
  openProposal: boolean,
): boolean {
  return !openProposal && limit > 0 && count.strikes >= limit;
}
