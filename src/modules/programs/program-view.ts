/** How programs, classes and enrolments are answered: public fields, plus counts for their organiser. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EnrolmentTable, ProgramClassTable, ProgramTable } from '../../db/schema.ts';
import { availableEnrolmentActions, type EnrolmentParty } from './enrolment.workflow.ts';
import type { EnrolmentView, ProgramView } from './programs.schema.ts';
import {
  parseCatchmentCodes,
  parseCatchmentNeighbourhoods,
  parsePriorityClaims,
} from './programs.stored.ts';
import { waitlistRanks } from './waitlist-rank.ts';

type Db = Kysely<Database>;

async function waitlistLengths(db: Db, classIds: string[]): Promise<Map<string, number>> {
  if (classIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('enrolments')
    .select(['class_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('class_id', 'in', classIds)
    .where('status', '=', 'waitlisted')
    .groupBy('class_id')
    .execute();
  return new Map(rows.map((r) => [r.class_id, Number(r.n)]));
}

export async function presentPrograms(
  db: Db,
  programs: ProgramTable[],
  managed: (p: ProgramTable) => boolean,
): Promise<ProgramView[]> {
  if (programs.length === 0) return [];
  const classes = await db
    .selectFrom('program_classes')
    .selectAll()
    .where(
      'program_id',
      'in',
      programs.map((p) => p.id),
    )
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  const waiting = await waitlistLengths(
    db,
    classes.map((c) => c.id),
  );
  return programs.map((p) => ({
    id: p.id,
    title: p.title,
    kind: p.kind,
    organiserName: p.organiser_name,
    venueName: p.venue_name,
    regionCode: p.region_code,
    seasonStartsOn: p.season_starts_on,
    seasonEndsOn: p.season_ends_on,
    feeFen: p.fee_fen,
    waiverNote: p.waiver_note,
    status: p.status,
    classes: classes
      .filter((c) => c.program_id === p.id)
      .map((c) => presentClass(c, waiting.get(c.id) ?? 0, managed(p))),
  }));
}

function presentClass(c: ProgramClassTable, waitlistLength: number, manage: boolean) {
  return {
    id: c.id,
    name: c.name,
    capacity: c.capacity,
    minAge: c.min_age,
    maxAge: c.max_age,
    minGrade: c.min_grade,
    maxGrade: c.max_grade,
    catchmentCodes: parseCatchmentCodes(c.catchment_codes),
    catchmentNeighbourhoods: parseCatchmentNeighbourhoods(c.catchment_neighbourhoods),
    outsideCatchment: c.outside_catchment,
    mode: c.mode,
    opensAt: c.opens_at,
    closesAt: c.closes_at,
    offerHours: c.offer_hours,
    drawnAt: c.drawn_at,
    // A seat freed while families wait is theirs: it never shows as free to the public.
    freePlaces: waitlistLength > 0 ? 0 : Math.max(0, c.capacity - c.confirmed_count),
    waitlistLength,
    ...(manage
      ? {
          manage: {
            hardMax: c.hard_max,
            enrolled: c.confirmed_count - c.offered_count,
            offered: c.offered_count,
          },
        }
      : {}),
  };
}

export async function presentEnrolments(
  db: Db,
  rows: EnrolmentTable[],
  party: EnrolmentParty,
): Promise<EnrolmentView[]> {
  if (rows.length === 0) return [];
  const names = await db
    .selectFrom('children')
    .select(['id', 'real_name'])
    .where(
      'id',
      'in',
      rows.map((r) => r.child_id),
    )
    .execute();
  const nameOf = new Map(names.map((n) => [n.id, n.real_name]));
  const ranks = await waitlistRanks(db, rows);
  return rows.map((r) =>
    enrolmentView(r, nameOf.get(r.child_id) ?? '', party, ranks.get(r.id) ?? null),
  );
}

/**
 * One enrolment as answered, from its row, the child's name and its waitlist rank
 * (waitlist-rank.ts; null outside the waitlist).
 */
export function enrolmentView(
  r: EnrolmentTable,
  childName: string,
  party: EnrolmentParty,
  rank: number | null,
): EnrolmentView {
  return {
    id: r.id,
    classId: r.class_id,
    childId: r.child_id,
    childName,
    status: r.status,
    priorityGroups: parsePriorityClaims(r.priority_groups),
    position: rank,
    appliedAt: r.applied_at,
    offerExpiresAt: r.offer_expires_at,
    siblingGroup: r.sibling_group,
    availableActions: availableEnrolmentActions(r.status, party),
  };
}

export async function presentEnrolment(
  db: Db,
  id: string,
  party: EnrolmentParty,
): Promise<EnrolmentView> {
  const row = await db
    .selectFrom('enrolments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return (await presentEnrolments(db, [row], party))[0]!;
}

/** Several enrolments, answered in the order of `ids`. */
export async function presentEnrolmentIds(
  db: Db,
  ids: readonly string[],
  party: EnrolmentParty,
): Promise<EnrolmentView[]> {
  const rows = await db.selectFrom('enrolments').selectAll().where('id', 'in', ids).execute();
  const views = await presentEnrolments(db, rows, party);
  return ids.map((id) => views.find((v) => v.id === id)!);
}
