/**
 * CP-3/CP-4 the class-day screen (the door on a phone, the organiser's overview): every enrolled
 * child's status today with the actions the caller may take and who may collect them, the roster
 * with actual check-ins, and the ratio warnings computed from those times.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { ensureAttendance, presentAttendance } from './attendance-rows.ts';
import { presentPickupPerson } from './pickup-persons.ts';
import { reachDay } from './programs-day.access.ts';
import type { ClassDayView } from './programs-day.schema.ts';
import { personValidOn } from './release.rules.ts';
import { asPickupPerson } from './pickup-persons.ts';
import { sessionRatioWarnings } from './session-ratio.ts';
import { presentStaff } from './staff-roster.ts';

type Db = Kysely<Database>;

export async function classDay(
  db: Db,
  input: { classId: string; day: string; actor: Actor; now: Date },
): Promise<ClassDayView> {
  const { klass, session, party } = await reachDay(db, input.actor, input);
  const open = session.status === 'open';
  if (open) await ensureAttendance(db, session, input.now);
  const children = await presentAttendance(
    db,
    { sessionId: session.id },
    'staff',
    new Set(open ? [] : [session.id]),
  );
  const persons = await db
    .selectFrom('program_pickup_persons')
    .selectAll()
    .where('child_id', 'in', children.length ? children.map((c) => c.childId) : [''])
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const staff = await presentStaff(
    db,
    { sessionId: session.id },
    { organiser: party === 'organiser', accountId: input.actor.accountId, sessionOpen: open },
  );
  const ended = input.now.getTime() >= new Date(session.ends_at).getTime();
  const actions: ClassDayView['availableActions'] = [];
  if (party === 'organiser' && open) actions.push('add_staff');
  if (
    party === 'organiser' &&
    ended &&
    session.hours_confirmed_at === null &&
    staff.every((s) => s.checkedInAt === null || s.checkedOutAt !== null) &&
    staff.some((s) => s.checkedOutAt !== null)
  )
    actions.push('confirm_hours');
  return {
    classId: klass.id,
    className: klass.name,
    programId: klass.program_id,
    day: session.day,
    sessionId: session.id,
    startsAt: new Date(session.starts_at).toISOString(),
    endsAt: new Date(session.ends_at).toISOString(),
    status: session.status,
    party,
    children: children.map((c) => ({
      ...c,
      pickupPersons: persons
        .filter((p) => p.child_id === c.childId && personValidOn(asPickupPerson(p), session.day))
        .map(presentPickupPerson),
    })),
    staff,
    ratio: {
      childrenPerStaff: klass.children_per_staff,
      warnings: await sessionRatioWarnings(db, session, klass.children_per_staff, input.now),
    },
    hoursConfirmedAt: session.hours_confirmed_at
      ? new Date(session.hours_confirmed_at).toISOString()
      : null,
    availableActions: actions,
  };
}
