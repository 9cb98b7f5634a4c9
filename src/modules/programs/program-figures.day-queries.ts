/**
 * CP-5 figures from the program days (CP-3 attendance, CP-4 staff check-ins and the ratio
 * shortfalls they show): the named queries,
 * grouped like program-figures.queries.ts (by area or by program) over the programs in scope and
 * the days of the period.
 */
import { sql } from 'kysely';
import { inScope, keyOf, type Keyed, type ProgramFigureScope } from './program-figures.queries.ts';
import { checkedMinutes } from './program-figures.rules.ts';
import { sessionShortfalls } from './session-ratio.ts';

const PRESENT = sql`a.status in ('present', 'released')`;

/**
 * Per key: child-visits (人次, a child present on a day: signed in, released or not yet; days
 * closed by the day-end sweep are `auto_closed` and never count), classes run (classes with a
 * visit) and late pickups (releases after the end plus the grace).
 */
export async function attendanceByKey(
  s: ProgramFigureScope,
): Promise<{ visits: Keyed; classesRun: Keyed; late: Keyed }> {
  const k = keyOf(s);
  const rows = await s.db
    .selectFrom('program_attendance as a')
    .innerJoin('program_classes as c', 'c.id', 'a.class_id')
    .innerJoin('programs as p', 'p.id', 'c.program_id')
    .select((eb) => [
      k.as('k'),
      eb.fn.sum<number>(sql`case when ${PRESENT} then 1 else 0 end`).as('visits'),
      eb.fn
        .count<number>(sql`case when ${PRESENT} then a.class_id end`)
        .distinct()
        .as('classes'),
      eb.fn.sum<number>('a.late').as('late'),
    ])
    .where(inScope(s))
    .where('a.day', '>=', s.from)
    .where('a.day', '<=', s.to)
    .groupBy(k)
    .execute();
  const map = (pick: (r: (typeof rows)[number]) => number | string | null): Keyed =>
    new Map(rows.map((r) => [r.k, Number(pick(r) ?? 0)]));
  return {
    visits: map((r) => r.visits),
    classesRun: map((r) => r.classes),
    late: map((r) => r.late),
  };
}

/**
 * Per key: volunteers who checked in on a session of the period (distinct), and their minutes
 * between check-in and check-out (a check-in without a check-out adds no time).
 */
export async function staffByKey(
  s: ProgramFigureScope,
): Promise<{ volunteers: Keyed; minutes: Keyed }> {
  const rows = await s.db
    .selectFrom('program_staff as st')
    .innerJoin('program_sessions as ss', 'ss.id', 'st.session_id')
    .innerJoin('programs as p', 'p.id', 'ss.program_id')
    .select([keyOf(s).as('k'), 'st.volunteer_id', 'st.checked_in_at', 'st.checked_out_at'])
    .where(inScope(s))
    .where('ss.day', '>=', s.from)
    .where('ss.day', '<=', s.to)
    .where('st.checked_in_at', 'is not', null)
    .execute();
  const people = new Map<string, Set<string>>();
  const minutes: Keyed = new Map();
  for (const r of rows) {
    const set = people.get(r.k) ?? new Set<string>();
    set.add(r.volunteer_id);
    people.set(r.k, set);
    minutes.set(r.k, (minutes.get(r.k) ?? 0) + checkedMinutes(r.checked_in_at, r.checked_out_at));
  }
  return {
    volunteers: new Map([...people].map(([k, v]) => [k, v.size])),
    minutes,
  };
}

/**
 * Per key: ratio shortfalls — sessions of the period during which, at some moment, present
 * children exceeded the class's ratio per present staff member (from the actual check-ins, up to
 * now or the session's end), and the minutes they were below it in all.
 */
export async function ratioShortfallsByKey(
  s: ProgramFigureScope,
): Promise<{ sessions: Keyed; minutes: Keyed }> {
  const rows = await s.db
    .selectFrom('program_sessions as ss')
    .innerJoin('program_classes as c', 'c.id', 'ss.class_id')
    .innerJoin('programs as p', 'p.id', 'ss.program_id')
    .select([keyOf(s).as('k'), 'ss.id', 'ss.starts_at', 'ss.ends_at', 'c.children_per_staff'])
    .where(inScope(s))
    .where('ss.day', '>=', s.from)
    .where('ss.day', '<=', s.to)
    .where('ss.starts_at', '<', s.now.toISOString())
    .execute();
  const below = await sessionShortfalls(s.db, rows, s.now);
  const sessions: Keyed = new Map();
  const minutes: Keyed = new Map();
  for (const r of rows) {
    const m = below.get(r.id);
    if (m === undefined) continue;
    sessions.set(r.k, (sessions.get(r.k) ?? 0) + 1);
    minutes.set(r.k, (minutes.get(r.k) ?? 0) + m);
  }
  return { sessions, minutes };
}
