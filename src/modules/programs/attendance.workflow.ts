/**
 * CP-3 attendance as data: which action moves a child's day from which status to which, and who
 * may take it. Pure. Services refuse with the code this table gives; every attendance view carries
 * `availableActions` from the same table, so the door screen shows only what the server accepts.
 *
 *   expected ──sign_in──▶ present ──release──▶ released
 *       ├──mark_absent / report_absence──▶ absent (sick | informed | unexcused)
 *   present ──auto_close (day-end sweep)──▶ auto_closed (flagged, never counted as present)
 *   absent ──sign_in──▶ present (the child came after all)
 */
import type { AttendanceStatus } from '../../db/schema.ts';

/** staff: the organiser in scope or a volunteer rostered on the session. */
export type AttendanceParty = 'staff' | 'guardian' | 'system';

export const ATTENDANCE_ACTIONS = [
  'sign_in',
  'release',
  'mark_absent',
  'report_absence',
  'auto_close',
] as const;
export type AttendanceAction = (typeof ATTENDANCE_ACTIONS)[number];

interface AttendanceRule {
  from: readonly AttendanceStatus[];
  to: AttendanceStatus;
  who: readonly AttendanceParty[];
}

export const ATTENDANCE_RULES = {
  sign_in: { from: ['expected', 'absent'], to: 'present', who: ['staff'] },
  release: { from: ['present'], to: 'released', who: ['staff'] },
  mark_absent: { from: ['expected'], to: 'absent', who: ['staff'] },
  report_absence: { from: ['expected', 'absent'], to: 'absent', who: ['guardian'] },
  auto_close: { from: ['present'], to: 'auto_closed', who: ['system'] },
} as const satisfies Record<AttendanceAction, AttendanceRule>;

export type AttendanceRefusal = 'FORBIDDEN' | 'CP_ATTENDANCE_STATE' | 'CP_SESSION_CLOSED';

/** Why `party` may not take `action` on a day in `status`, or null when it may. */
export function attendanceRefusal(
  action: AttendanceAction,
  status: AttendanceStatus,
  party: AttendanceParty,
  sessionClosed = false,
): AttendanceRefusal | null {
  const rule: AttendanceRule = ATTENDANCE_RULES[action];
  if (!rule.who.includes(party)) return 'FORBIDDEN';
  if (sessionClosed && party !== 'system') return 'CP_SESSION_CLOSED';
  if (!rule.from.includes(status)) return 'CP_ATTENDANCE_STATE';
  return null;
}

export function availableAttendanceActions(
  status: AttendanceStatus,
  party: AttendanceParty,
  sessionClosed = false,
): AttendanceAction[] {
  return ATTENDANCE_ACTIONS.filter(
    (a) => attendanceRefusal(a, status, party, sessionClosed) === null,
  );
}

/** Counted as having attended: signed in and properly released (auto-closed days never count). */
export function countsAsPresent(status: AttendanceStatus): boolean {
  return status === 'present' || status === 'released';
}
