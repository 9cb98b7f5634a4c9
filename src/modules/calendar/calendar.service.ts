/**
 * GS-8 working-day overrides and the calendar queries built on them.
 *
 * Who may change the calendar: any administrator, whatever the scope of the grant. The working-day
 * calendar is one national schedule (the State Council's), the same for every town, and a
 * deployment (one town's machine, a district's or a city's cluster) has one table of overrides;
 * restricting it to province/city admins would leave a town or district deployment, whose top
 * admin is district-scoped, unable to enter next year's holidays. Every change is audited with the
 * grant's region, so it shows in that admin's and their supervisors' audit log.
 *
 * No cache: `loadWorkCalendar` reads the whole (small: a few dozen rows a year) table each time,
 * so several app nodes never disagree about a working day.
 */
import type { Kysely, Transaction } from 'kysely';
import { hotQuery } from '../../db/hot-query.ts';
import type { CalendarOverrideTable, Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { calendarEditorGrant } from './calendar.scope.ts';
import { CALENDAR_MAX_RANGE_DAYS } from './calendar.schema.ts';
import {
  addCalendarDays,
  calendarDaysBetween,
  calendarWarningsForRange,
  CHINESE_DAYS_DATA,
  chinaTime,
  computeDueDate,
  createWorkCalendar,
  describeDay,
  isValidIsoDate,
  LAST_OFFICIAL_YEAR,
  type CalendarNotice,
  type IsoDate,
  type OverrideKind,
  type WorkCalendar,
} from './working-days.ts';
import { likeText } from '../../shared/like-pattern.ts';

const EDITORS = ['admin'] as const;

/**
 * Built calendars by the version they were read at (migration 0067: a trigger renews it on every
 * write into the calendar tables, in the writer's transaction). A version names one content in
 * any database — random, and copied with the rows — so one small map serves every database of the
 * process; a version read inside a transaction that rolled back is never seen again.
 */
const builtCalendars = new Map<string, WorkCalendar>();
const KEPT_VERSIONS = 8;
/** Read on every use of the calendar: compiled once (src/db/hot-query.ts). */
const versionQuery = hotQuery((db: Kysely<Database>) =>
  db.selectFrom('calendar_version').select('version').where('id', '=', 1),
);

/**
 * The work calendar as `db` (or the transaction) sees it now: one query for the version, the
 * three tables only when it changed. The version is read before the days, so the days kept under it
 * are never older than it.
 */
export async function loadWorkCalendar(
  db: Kysely<Database> | Transaction<Database>,
): Promise<WorkCalendar> {
  const row = await versionQuery.first(db, {});
  if (!row) throw new Error('calendar_version has no row: migration 0067 creates it');
  const { version } = row;
  const kept = builtCalendars.get(version);
  if (kept) return kept;
  const cal = await readWorkCalendar(db);
  if (builtCalendars.size >= KEPT_VERSIONS)
    builtCalendars.delete(builtCalendars.keys().next().value!);
  builtCalendars.set(version, cal);
  return cal;
}

/**
 * The official data, the entered notices (years after the data) and every override from the
 * database; overrides win.
 */
async function readWorkCalendar(
  db: Kysely<Database> | Transaction<Database>,
): Promise<WorkCalendar> {
  const rows = await db.selectFrom('calendar_overrides').select(['date', 'kind']).execute();
  const years = await db.selectFrom('calendar_years').select('year').execute();
  const days = await db.selectFrom('calendar_notice_days').selectAll().execute();
  const notices: CalendarNotice[] = years.map(({ year }) => ({
    year,
    days: days
      .filter((d) => d.year === year)
      .map((d) => ({
        date: d.date,
        kind: d.kind,
        name: d.name_zh ? { zh: d.name_zh, en: d.name_en ?? d.name_zh } : null,
      })),
  }));
  return createWorkCalendar(rows, CHINESE_DAYS_DATA, notices);
}

function overrideView(row: CalendarOverrideTable) {
  return {
    date: row.date,
    kind: row.kind,
    note: row.note,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

function assertDate(date: IsoDate): void {
  if (!isValidIsoDate(date)) throw new AppError('VALIDATION_FAILED', { detail: 'date' });
}

export async function listOverrides(db: Kysely<Database>, input: { year?: number | undefined }) {
  let q = db.selectFrom('calendar_overrides').selectAll().orderBy('date');
  const year = input.year;
  if (year !== undefined) q = q.where((eb) => likeText(eb, 'date', `${year}-`, 'prefix'));
  const rows = await q.execute();
  return {
    lastOfficialYear: LAST_OFFICIAL_YEAR,
    overrides: rows.map(overrideView),
  };
}

/** Creates or replaces the override of one date (an upsert: concurrent writers keep one row). */
export async function setOverride(
  db: Kysely<Database>,
  input: {
    date: IsoDate;
    kind: OverrideKind;
    note: string;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
) {
  assertDate(input.date);
  const grant = await calendarEditorGrant(db, input.actor, EDITORS);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('calendar_overrides')
      .selectAll()
      .where('date', '=', input.date)
      .executeTakeFirst();
    const row: CalendarOverrideTable = {
      date: input.date,
      kind: input.kind,
      note: input.note,
      updated_by: input.actor.accountId,
      updated_at: input.now.toISOString(),
    };
    await trx
      .insertInto('calendar_overrides')
      .values(row)
      .onConflict((oc) =>
        oc.column('date').doUpdateSet({
          kind: row.kind,
          note: row.note,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        }),
      )
      .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'calendar.override_set',
      entityType: 'calendar_override',
      entityId: input.date,
      regionCode: grant.regionCode,
      before,
      after: row,
      requestId: input.requestId,
      now: input.now,
    });
    return overrideView(row);
  });
}

/** Removes one date's override, so the official data (or the weekday rule) applies again. */
export async function removeOverride(
  db: Kysely<Database>,
  input: { date: IsoDate; actor: Actor; requestId: string | null; now: Date },
): Promise<void> {
  assertDate(input.date);
  const grant = await calendarEditorGrant(db, input.actor, EDITORS);
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('calendar_overrides')
      .where('date', '=', input.date)
      .returningAll()
      .executeTakeFirst();
    if (!removed) throw new AppError('CALENDAR_OVERRIDE_NOT_FOUND', { detail: input.date });
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'calendar.override_removed',
      entityType: 'calendar_override',
      entityId: input.date,
      regionCode: grant.regionCode,
      before: removed,
      requestId: input.requestId,
      now: input.now,
    });
  });
}

/** The due date of a case accepted at 09:00 China time on `from` with `days` promised. */
export async function previewDueDate(db: Kysely<Database>, input: { from: IsoDate; days: number }) {
  assertDate(input.from);
  const acceptedAt = chinaTime(input.from, 9);
  const { dueDate, warnings } = computeDueDate({
    acceptedAt,
    promisedDays: input.days,
    pauses: [],
    cal: await loadWorkCalendar(db),
  });
  const provisionalYears = warnings.map((w) => w.year);
  return {
    ...input,
    acceptedAt: acceptedAt.toISOString(),
    dueDate,
    dueDateProvisional: provisionalYears.length > 0,
    provisionalYears,
    warnings,
  };
}

/** Every date from..to (inclusive, at most a leap year) with whether it is a working day and why. */
export async function listCalendarDays(
  db: Kysely<Database>,
  input: { from: IsoDate; to: IsoDate },
) {
  assertDate(input.from);
  assertDate(input.to);
  const span = calendarDaysBetween(input.from, input.to);
  if (span < 0) throw new AppError('CALENDAR_RANGE_REVERSED');
  if (span + 1 > CALENDAR_MAX_RANGE_DAYS) throw new AppError('CALENDAR_RANGE_TOO_LONG');
  const cal = await loadWorkCalendar(db);
  const days = Array.from({ length: span + 1 }, (_, i) =>
    describeDay(addCalendarDays(input.from, i), cal),
  );
  return {
    ...input,
    lastOfficialYear: cal.lastOfficialYear,
    days,
    warnings: calendarWarningsForRange(input.from, input.to, cal),
  };
}
