/**
 * CP-4 ratio warnings of stored sessions, from actual check-ins (staff-ratio.rules.ts): for the
 * class-day view and for figures (warnings per session over a region and period).
 */
import type { Kysely } from 'kysely';
import type { Database, ProgramSessionTable } from '../../db/schema.ts';
import { ratioWarnings, type RatioWarning } from './staff-ratio.rules.ts';

type Db = Kysely<Database>;
const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());

type StaffRow = { checked_in_at: string | null; checked_out_at: string | null };
type ChildRow = { signed_in_at: string | null; released_at: string | null; status: string };

/** Whether a sign-in counts as a child present (a day closed by the sweep counts until its end). */
const PRESENT_STATUSES: readonly string[] = ['present', 'released', 'auto_closed'];

/** The warnings of a session from its check-in rows, up to `now` or its end, whichever is first. */
function warningsOf(
  session: Pick<ProgramSessionTable, 'starts_at' | 'ends_at'>,
  childrenPerStaff: number,
  staff: readonly StaffRow[],
  children: readonly ChildRow[],
  now: Date,
): RatioWarning[] {
  const end = new Date(session.ends_at).toISOString();
  const until = now.toISOString() < end ? now.toISOString() : end;
  return ratioWarnings({
    staff: staff
      .filter((s) => s.checked_in_at !== null)
      .map((s) => ({ from: iso(s.checked_in_at)!, to: iso(s.checked_out_at) })),
    children: children
      .filter((c) => c.signed_in_at !== null && PRESENT_STATUSES.includes(c.status))
      .map((c) => ({ from: iso(c.signed_in_at)!, to: iso(c.released_at) })),
    childrenPerStaff,
    start: new Date(session.starts_at).toISOString(),
    until,
  });
}

/** Warnings of one session, up to `now` (or its end, whichever is first). */
export async function sessionRatioWarnings(
  db: Db,
  session: ProgramSessionTable,
  childrenPerStaff: number,
  now: Date,
): Promise<RatioWarning[]> {
  const staff = await db
    .selectFrom('program_staff')
    .select(['checked_in_at', 'checked_out_at'])
    .where('session_id', '=', session.id)
    .where('checked_in_at', 'is not', null)
    .execute();
  const children = await db
    .selectFrom('program_attendance')
    .select(['signed_in_at', 'released_at', 'status'])
    .where('session_id', '=', session.id)
    .where('signed_in_at', 'is not', null)
    .execute();
  return warningsOf(session, childrenPerStaff, staff, children, now);
}

/** A session as figures read it: its times, its class's ratio. */
export interface RatedSession {
  id: string;
  starts_at: string;
  ends_at: string;
  children_per_staff: number;
}

/** Whole minutes a session's warnings cover. */
export const minutesBelow = (w: readonly RatioWarning[]): number =>
  Math.round(w.reduce((n, x) => n + Date.parse(x.to) - Date.parse(x.from), 0) / 60_000);

const CHUNK = 500;

/**
 * For figures: the ratio shortfall of each session given (only those with one): how many whole
 * minutes present children exceeded the class's ratio per present staff member, from the actual
 * check-ins. Two reads per 500 sessions, whatever the period.
 */
export async function sessionShortfalls(
  db: Db,
  sessions: readonly RatedSession[],
  now: Date,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < sessions.length; i += CHUNK) {
    const part = sessions.slice(i, i + CHUNK);
    const ids = part.map((s) => s.id);
    const staff = await db
      .selectFrom('program_staff')
      .select(['session_id', 'checked_in_at', 'checked_out_at'])
      .where('session_id', 'in', ids)
      .where('checked_in_at', 'is not', null)
      .execute();
    const children = await db
      .selectFrom('program_attendance')
      .select(['session_id', 'signed_in_at', 'released_at', 'status'])
      .where('session_id', 'in', ids)
      .where('signed_in_at', 'is not', null)
      .execute();
    const group = <T extends { session_id: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.session_id, [...(m.get(r.session_id) ?? []), r]);
      return m;
    };
    const staffOf = group(staff);
    const childrenOf = group(children);
    for (const s of part) {
      const kids = childrenOf.get(s.id);
      if (!kids) continue;
      const w = warningsOf(s, s.children_per_staff, staffOf.get(s.id) ?? [], kids, now);
      if (w.length > 0) out.set(s.id, minutesBelow(w));
    }
  }
  return out;
}
