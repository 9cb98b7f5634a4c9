/**
 * CP-2 enrolment on opening day, for one child or for siblings applying together (both or
 * neither): never over capacity, whatever the burst, on either database. In one transaction the
 * class counter is taken by a conditional update (`confirmed_count + n <= capacity` while nobody
 * waits, which also hands out the next positions); when the family does not fit whole, all its
 * children are waitlisted with consecutive positions. A lottery class collects applications
 * (status `applied`) until its window closes; once drawn it is first-come.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ChildTable, Database, EnrolmentStatus, EnrolmentTable } from '../../db/schema.ts';
import { hotQuery } from '../../db/hot-query.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import {
  eligibilityRefusal,
  neighbourhoodPlacement,
  priorityRank,
  type PriorityClaim,
} from './enrolment.rules.ts';
import { gradeRefusal } from './school-grade.rules.ts';
import { LIVE_STATUSES } from './enrolment.workflow.ts';
import { GUARDIAN, isUniqueViolation } from './programs.access.ts';
import { parseCatchmentCodes, parseCatchmentNeighbourhoods } from './programs.stored.ts';

type Trx = Transaction<Database>;
type Db = Kysely<Database>;

// The opening evening's hot path: every statement is compiled once (src/db/hot-query.ts).

/** The guardian's own child; anyone else's reads as missing (as `myChild`). */
const childQuery = hotQuery((db: Db, p: { id: string; guardian: string }) =>
  db
    .selectFrom('children')
    .selectAll()
    .where('id', '=', p.id)
    .where('guardian_account_id', '=', p.guardian),
);

/** The class with its program's status and season start, in one read. */
const classQuery = hotQuery((db: Db, p: { id: string }) =>
  db
    .selectFrom('program_classes')
    .leftJoin('programs', 'programs.id', 'program_classes.program_id')
    .selectAll('program_classes')
    .select(['programs.status as program_status', 'programs.season_starts_on'])
    .where('program_classes.id', '=', p.id),
);

/** A live enrolment of the child in the class. The statuses are literals, not parameters: only
 * then does SQLite use the partial unique index `enrolments_live_child` (a bound list cannot match
 * its WHERE, and the class's whole queue was scanned instead — 400 µs a request late in a burst). */
const liveQuery = hotQuery((db: Db, p: { classId: string; childId: string }) =>
  db
    .selectFrom('enrolments')
    .select('id')
    .where('class_id', '=', p.classId)
    .where('child_id', '=', p.childId)
    .where(
      'status',
      'in',
      LIVE_STATUSES.map((s) => sql.lit(s)),
    ),
);

/** Takes `n` seats at once while they are free and nobody waits; returns the last position. */
const takeSeatsQuery = hotQuery((db: Db, p: { classId: string; n: number }) =>
  db
    .updateTable('program_classes')
    .set((eb) => ({
      confirmed_count: eb('confirmed_count', '+', p.n),
      queue_seq: eb('queue_seq', '+', p.n),
    }))
    .where('id', '=', p.classId)
    .where((eb) =>
      eb.and([
        eb(eb('confirmed_count', '+', p.n), '<=', eb.ref('capacity')),
        // A freed seat owed to a waiting family is never taken by a newcomer.
        eb.not(
          eb.exists(
            eb
              .selectFrom('enrolments')
              .select('enrolments.id')
              .whereRef('enrolments.class_id', '=', 'program_classes.id')
              .where('enrolments.status', '=', 'waitlisted'),
          ),
        ),
      ]),
    )
    .returning('queue_seq'),
);

/** Hands out `n` positions (waitlist). */
const takePositionsQuery = hotQuery((db: Db, p: { classId: string; n: number }) =>
  db
    .updateTable('program_classes')
    .set((eb) => ({ queue_seq: eb('queue_seq', '+', p.n) }))
    .where('id', '=', p.classId)
    .returning('queue_seq'),
);

/** Hands out `n` application numbers, only while the class's lottery is not drawn. */
const takeApplicationsQuery = hotQuery((db: Db, p: { classId: string; n: number }) =>
  db
    .updateTable('program_classes')
    .set((eb) => ({ queue_seq: eb('queue_seq', '+', p.n) }))
    .where('id', '=', p.classId)
    .where('mode', '=', 'lottery')
    .where('drawn_at', 'is', null)
    .returning('queue_seq'),
);

/** One enrolment row (every column named: the placeholders object has no keys of its own). */
const insertQuery = hotQuery((db: Db, p: EnrolmentTable) =>
  db.insertInto('enrolments').values({
    id: p.id,
    class_id: p.class_id,
    child_id: p.child_id,
    guardian_account_id: p.guardian_account_id,
    region_code: p.region_code,
    status: p.status,
    priority_groups: p.priority_groups,
    priority_rank: p.priority_rank,
    position: p.position,
    applied_at: p.applied_at,
    offer_expires_at: p.offer_expires_at,
    reasons: p.reasons,
    updated_at: p.updated_at,
    sibling_group: p.sibling_group,
  } satisfies Record<keyof EnrolmentTable, unknown>),
);

type ClassRow = NonNullable<Awaited<ReturnType<typeof classQuery.first>>>;

/** Statuses and the last position of a family of `n` children, inside `trx`. */
async function place(
  trx: Trx,
  klass: ClassRow,
  n: number,
): Promise<{ status: EnrolmentStatus; last: number }> {
  const at = { classId: klass.id, n };
  if (klass.mode === 'lottery' && klass.drawn_at === null) {
    const r = await takeApplicationsQuery.first(trx, at);
    if (r) return { status: 'applied', last: Number(r.queue_seq) };
    // Drawn meanwhile: the class is first-come now.
  }
  const seated = await takeSeatsQuery.first(trx, at);
  if (seated) return { status: 'enrolled', last: Number(seated.queue_seq) };
  const r = await takePositionsQuery.first(trx, at);
  return { status: 'waitlisted', last: Number(r!.queue_seq) };
}

/** A family's new enrolments, each with the child's name (the answer is made from them). */
export interface NewEnrolments {
  rows: EnrolmentTable[];
  childNames: Map<string, string>;
}

/** Enrols the caller's children (one, or siblings together); returns the new rows in order. */
export async function enrolFamily(
  db: Kysely<Database>,
  input: {
    classId: string;
    childIds: readonly string[];
    priorityGroups: PriorityClaim[];
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<NewEnrolments> {
  const { actor, now } = input;
  const grant = authorize(actor, GUARDIAN);
  if (new Set(input.childIds).size !== input.childIds.length)
    throw new AppError('CP_SIBLINGS_INVALID');
  const children: ChildTable[] = [];
  for (const id of input.childIds) {
    const child = await childQuery.first(db, { id, guardian: actor.accountId });
    if (!child) throw new AppError('CP_CHILD_NOT_FOUND');
    children.push(child);
  }
  const klass = await classQuery.first(db, { id: input.classId });
  if (!klass) throw new AppError('CP_CLASS_NOT_FOUND');
  if (klass.program_status === null || klass.season_starts_on === null)
    throw new AppError('CP_PROGRAM_NOT_FOUND');
  const t = now.getTime();
  const windowClosed = klass.closes_at !== null && t > Date.parse(klass.closes_at);
  if (klass.program_status !== 'published' || t < Date.parse(klass.opens_at))
    throw new AppError('CP_CLASS_NOT_OPEN');
  // A lottery whose window closed and whose draw has not run yet takes nobody.
  if (klass.mode === 'lottery' && windowClosed && klass.drawn_at === null)
    throw new AppError('CP_CLASS_NOT_OPEN');
  const catchmentCodes = parseCatchmentCodes(klass.catchment_codes);
  const neighbourhoods = {
    communityCode: klass.region_code,
    names: parseCatchmentNeighbourhoods(klass.catchment_neighbourhoods),
    outside: klass.outside_catchment,
  };
  const outside = new Set<string>();
  for (const child of children) {
    const refusal =
      eligibilityRefusal(
        { birthDate: child.birth_date, regionCode: child.region_code },
        { minAge: klass.min_age, maxAge: klass.max_age, catchmentCodes },
        klass.season_starts_on,
      ) ??
      gradeRefusal(
        child.school_grade === null || child.grade_school_year === null
          ? null
          : { grade: child.school_grade, schoolYear: child.grade_school_year },
        { minGrade: klass.min_grade, maxGrade: klass.max_grade },
        klass.season_starts_on,
      );
    if (refusal) throw new AppError(refusal);
    const placement = neighbourhoodPlacement(
      { regionCode: child.region_code, neighbourhood: child.neighbourhood },
      neighbourhoods,
    );
    if (placement === 'CP_OUTSIDE_NEIGHBOURHOOD') throw new AppError(placement);
    if (placement === 'ranked_after') outside.add(child.id);
  }
  for (const child of children)
    if (await liveQuery.first(db, { classId: klass.id, childId: child.id }))
      throw new AppError('CP_ENROLMENT_DUPLICATE');

  const n = children.length;
  const siblingGroup = n > 1 ? crypto.randomUUID() : null;
  const at = now.toISOString();
  const priorityGroups = JSON.stringify(input.priorityGroups);
  const rows: EnrolmentTable[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      const { status, last } = await place(trx, klass, n);
      const first = last - n + 1;
      for (const [k, child] of children.entries()) {
        const row: EnrolmentTable = {
          id: crypto.randomUUID(),
          class_id: klass.id,
          child_id: child.id,
          guardian_account_id: actor.accountId,
          region_code: klass.region_code,
          status,
          priority_groups: priorityGroups,
          priority_rank: priorityRank(input.priorityGroups, outside.has(child.id)),
          position: first + k,
          applied_at: at,
          offer_expires_at: null,
          reasons: '[]',
          updated_at: at,
          sibling_group: siblingGroup,
        };
        await insertQuery.rows(trx, row);
        rows.push(row);
      }
      for (const row of rows)
        await recordAudit(trx, {
          actor: auditActor(actor, grant),
          action: 'enrolment.created',
          entityType: 'enrolment',
          entityId: row.id,
          regionCode: klass.region_code,
          after: {
            classId: klass.id,
            childId: row.child_id,
            status,
            position: row.position,
            siblingGroup,
            priorityGroups: input.priorityGroups.map((g) => g.group),
          },
          requestId: input.requestId,
          now,
        });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CP_ENROLMENT_DUPLICATE');
    throw err;
  }
  return { rows, childNames: new Map(children.map((c) => [c.id, c.real_name])) };
}
