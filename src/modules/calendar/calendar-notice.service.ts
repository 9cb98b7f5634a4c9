/**
 * GS-8: entering a year's State Council holiday notice in one admin action. The table of days
 * replaces that year's notice atomically (delete + insert in one transaction), is audited with its
 * before and after, and the due dates of running cases that reach into the year are recomputed in
 * the same transaction (and of pending hand-offs). Afterwards the year is no longer provisional. Who may: any administrator
 * (see calendar.service.ts: one national schedule per deployment).
 */
import type { Kysely, Transaction } from 'kysely';
import type { CalendarNoticeDayTable, Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { calendarEditorGrant } from './calendar.scope.ts';
import type { CalendarDependents } from './calendar-dependents.ts';
import { checkNoticeDays, parseNoticeCsv, type NoticeDayInput } from './calendar-notice.ts';
import { loadWorkCalendar } from './calendar.service.ts';
import { festivalName } from './statutory-holidays.ts';
import { LAST_OFFICIAL_YEAR } from './working-days.ts';

const EDITORS = ['admin'] as const;
type Conn = Kysely<Database> | Transaction<Database>;

function dayView(d: CalendarNoticeDayTable) {
  return {
    date: d.date,
    kind: d.kind,
    name: d.name_zh ? { zh: d.name_zh, en: d.name_en ?? d.name_zh } : null,
  };
}

async function readNotice(db: Conn, year: number) {
  const head = await db
    .selectFrom('calendar_years')
    .selectAll()
    .where('year', '=', year)
    .executeTakeFirst();
  if (!head) return null;
  const days = await db
    .selectFrom('calendar_notice_days')
    .selectAll()
    .where('year', '=', year)
    .orderBy('date')
    .execute();
  return {
    year: head.year,
    note: head.note,
    enteredBy: head.entered_by,
    enteredAt: head.entered_at,
    days: days.map(dayView),
  };
}

export async function getNotice(db: Kysely<Database>, input: { year: number }) {
  const notice = await readNotice(db, input.year);
  if (!notice) throw new AppError('CALENDAR_NOTICE_NOT_FOUND', { detail: String(input.year) });
  return notice;
}

/** The entered notices, and from which year on the calendar is provisional without one. */
export async function listNotices(db: Kysely<Database>) {
  const years = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  const counts = await db
    .selectFrom('calendar_notice_days')
    .select(['year', 'kind'])
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .groupBy(['year', 'kind'])
    .execute();
  const count = (year: number, kind: string) =>
    Number(counts.find((c) => c.year === year && c.kind === kind)?.n ?? 0);
  return {
    lastOfficialYear: LAST_OFFICIAL_YEAR,
    notices: years.map((y) => ({
      year: y.year,
      note: y.note,
      enteredBy: y.entered_by,
      enteredAt: y.entered_at,
      holidays: count(y.year, 'holiday'),
      workdays: count(y.year, 'workday'),
    })),
  };
}

function daysOf(input: { days?: NoticeDayInput[] | undefined; csv?: string | undefined }) {
  if (input.csv !== undefined) {
    const parsed = parseNoticeCsv(input.csv);
    if (!parsed.ok) throw new AppError('CALENDAR_NOTICE_INVALID', { errors: parsed.errors });
    return parsed.days;
  }
  return input.days ?? [];
}

/** Replaces `year`'s notice with the given table (JSON rows or a CSV text). */
export async function enterNotice(
  db: Kysely<Database>,
  input: {
    year: number;
    note: string;
    days?: NoticeDayInput[] | undefined;
    csv?: string | undefined;
    actor: Actor;
    requestId: string | null;
    now: Date;
    /** The due dates that follow the calendar (cases, hand-offs), recomputed in this transaction. */
    dependents: CalendarDependents;
  },
) {
  // Shared reference data: only an administrator covering every station may enter it.
  const grant = await calendarEditorGrant(db, input.actor, EDITORS);
  if (input.year <= LAST_OFFICIAL_YEAR)
    throw new AppError('CALENDAR_YEAR_OFFICIAL', { detail: String(input.year) });
  const checked = checkNoticeDays(input.year, daysOf(input));
  if (!checked.ok) throw new AppError('CALENDAR_NOTICE_INVALID', { errors: checked.errors });
  const rows: CalendarNoticeDayTable[] = checked.days.map((d) => {
    const name = d.name ? festivalName(d.name) : null;
    return {
      date: d.date,
      year: input.year,
      kind: d.kind,
      name_zh: name?.zh ?? null,
      name_en: name?.en ?? null,
    };
  });
  return db.transaction().execute(async (trx) => {
    // Two admins entering the same year at once: the second waits here (row lock) or at the
    // head's upsert below (unique key), then replaces what the first committed.
    await trx
      .updateTable('calendar_years')
      .set((eb) => ({ note: eb.ref('note') }))
      .where('year', '=', input.year)
      .execute();
    const before = await readNotice(trx, input.year);
    const calBefore = await loadWorkCalendar(trx);
    const head = {
      year: input.year,
      note: input.note,
      entered_by: input.actor.accountId,
      entered_at: input.now.toISOString(),
    };
    await trx
      .insertInto('calendar_years')
      .values(head)
      .onConflict((oc) =>
        oc.column('year').doUpdateSet({
          note: head.note,
          entered_by: head.entered_by,
          entered_at: head.entered_at,
        }),
      )
      .execute();
    await trx.deleteFrom('calendar_notice_days').where('year', '=', input.year).execute();
    if (rows.length > 0) await trx.insertInto('calendar_notice_days').values(rows).execute();
    const calAfter = await loadWorkCalendar(trx);
    const fromDate = `${input.year}-01-01`;
    const recomputed = await input.dependents.recomputeCaseDueDates(trx, {
      fromDate,
      cal: calAfter,
      now: input.now,
    });
    const handoffs = await input.dependents.recomputeHandoffDueDates(trx, {
      fromDate,
      before: calBefore,
      after: calAfter,
    });
    const after = (await readNotice(trx, input.year))!;
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'calendar.notice_entered',
      entityType: 'calendar_year',
      entityId: String(input.year),
      regionCode: grant.regionCode,
      before: before ?? undefined,
      after: { ...after, recomputedDueDates: recomputed, recomputedHandoffs: handoffs },
      requestId: input.requestId,
      now: input.now,
    });
    return { ...after, recomputedDueDates: recomputed, recomputedHandoffs: handoffs };
  });
}
