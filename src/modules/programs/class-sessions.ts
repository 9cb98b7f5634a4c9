/**
 * CP-3: the organiser sets a class's day (daily times, weekdays, days off, late grace, strike
 * limit, staff ratio); a session — the class on a day — is created on first use, once, on either
 * database (unique class+day, insert-or-ignore then read).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  Database,
  ProgramClassTable,
  ProgramSessionTable,
  ProgramTable,
} from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { classDayRefusal, sessionOn, type ClassDay } from './class-sessions.rules.ts';
import { loadClass, loadProgram, ORGANISER, organises } from './programs.access.ts';
import type { ClassDaySettings } from './programs-day.schema.ts';
import { parseDaysOff, parseWeekdays } from './programs-day.stored.ts';

type Db = Kysely<Database>;

export function classDayOf(
  klass: ProgramClassTable,
  program: Pick<ProgramTable, 'season_starts_on' | 'season_ends_on'>,
): ClassDay {
  return {
    seasonStartsOn: program.season_starts_on,
    seasonEndsOn: program.season_ends_on,
    dayStarts: klass.day_starts,
    dayEnds: klass.day_ends,
    weekdays: parseWeekdays(klass.weekdays),
    daysOff: parseDaysOff(klass.days_off),
  };
}

export function presentClassDay(klass: ProgramClassTable): ClassDaySettings & { classId: string } {
  return {
    classId: klass.id,
    dayStarts: klass.day_starts,
    dayEnds: klass.day_ends,
    weekdays: parseWeekdays(klass.weekdays),
    daysOff: parseDaysOff(klass.days_off),
    lateGraceMinutes: klass.late_grace_minutes,
    strikeLimit: klass.strike_limit,
    childrenPerStaff: klass.children_per_staff,
  };
}

export async function setClassDay(
  db: Db,
  input: { classId: string; body: ClassDaySettings; actor: Actor; requestId: string; now: Date },
) {
  const { body, actor, now } = input;
  const grant = authorize(actor, ORGANISER);
  const klass = await loadClass(db, input.classId);
  if (!organises(actor, klass.region_code)) throw new AppError('CP_CLASS_NOT_FOUND');
  const program = await loadProgram(db, klass.program_id);
  const weekdays = [...new Set(body.weekdays)].sort();
  const daysOff = [...new Set(body.daysOff)].sort();
  const refusal = classDayRefusal({
    seasonStartsOn: program.season_starts_on,
    seasonEndsOn: program.season_ends_on,
    dayStarts: body.dayStarts,
    dayEnds: body.dayEnds,
    weekdays,
    daysOff,
  });
  if (refusal) throw new AppError(refusal);
  const values = {
    day_starts: body.dayStarts,
    day_ends: body.dayEnds,
    weekdays: JSON.stringify(weekdays),
    days_off: JSON.stringify(daysOff),
    late_grace_minutes: body.lateGraceMinutes,
    strike_limit: body.strikeLimit,
    children_per_staff: body.childrenPerStaff,
  };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('program_classes').set(values).where('id', '=', klass.id).execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'program_class.day_set',
      entityType: 'program_class',
      entityId: klass.id,
      regionCode: klass.region_code,
      before: { dayStarts: klass.day_starts, dayEnds: klass.day_ends },
      after: { ...body, weekdays, daysOff },
      requestId: input.requestId,
      now,
    });
  });
  return presentClassDay({ ...klass, ...values });
}

/** The class's session on `day`, created once (CP_NO_SESSION when the class does not meet). */
export async function ensureSession(
  db: Db,
  input: { klass: ProgramClassTable; program: ProgramTable; day: string; now: Date },
): Promise<ProgramSessionTable> {
  const { klass, day } = input;
  const find = () =>
    db
      .selectFrom('program_sessions')
      .selectAll()
      .where('class_id', '=', klass.id)
      .where('day', '=', day)
      .executeTakeFirst();
  const found = await find();
  if (found) return found;
  const times = sessionOn(classDayOf(klass, input.program), day);
  if (typeof times === 'string') throw new AppError(times);
  await db
    .insertInto('program_sessions')
    .values({
      id: crypto.randomUUID(),
      class_id: klass.id,
      program_id: klass.program_id,
      region_code: klass.region_code,
      day,
      starts_at: times.startsAt,
      ends_at: times.endsAt,
      closes_at: times.closesAt,
      status: 'open',
      closed_at: null,
      hours_confirmed_at: null,
      hours_confirmed_by: null,
      created_at: input.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['class_id', 'day']).doNothing())
    .execute();
  const row = await find();
  if (!row) throw new AppError('CP_NO_SESSION');
  return row;
}
