/**
 * CP-5 figures: the named queries behind `programFigures`, one per figure, each grouped by a key —
 * the area (the program's region code cut to `len` digits) or the program itself. Every query
 * reads the programs in scope: not cancelled, region inside `prefix`, season sharing a day with
 * the period. How each figure is counted is stated in program-figures.service.ts.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parseEnrolmentReasons } from './programs.stored.ts';
import {
  emptyOfferTally,
  offerOutcomes,
  reasonEntries,
  tallyOffers,
  type OfferTally,
} from './program-figures.rules.ts';
import { underPrefix } from '../../shared/region-range.ts';

/** A count or sum per key. */
export type Keyed = Map<string, number>;

export interface ProgramFigureScope {
  db: Kysely<Database>;
  /** Programs whose region code starts with this. */
  prefix: string;
  /** Group by the program's area (its region code's first `len` digits) or by the program. */
  by: { area: number } | 'program';
  /** China dates of the period, inclusive. */
  from: string;
  to: string;
  /** The period's instants [start, end). */
  start: string;
  end: string;
  /** The app clock: sessions still running count up to it. */
  now: Date;
}

export const keyOf = (s: ProgramFigureScope): RawBuilder<string> =>
  s.by === 'program'
    ? sql<string>`p.id`
    : sql<string>`substr(p.region_code, 1, ${sql.lit(s.by.area)})`;

/** Programs `p` in scope (callers join their rows to `p`). */
export const inScope = (s: ProgramFigureScope): RawBuilder<SqlBool> =>
  sql<SqlBool>`${underPrefix('p.region_code', s.prefix)} and p.status <> 'cancelled' and p.season_starts_on <= ${s.to} and p.season_ends_on >= ${s.from}`;

const toMap = (rows: { k: string; n: number | string | null }[]): Keyed =>
  new Map(rows.map((r) => [r.k, Number(r.n ?? 0)]));

/** The programs in scope (id, names, region), in region then title order. */
export async function programsInScope(s: ProgramFigureScope) {
  return s.db
    .selectFrom('programs as p')
    .select(['p.id', 'p.title', 'p.organiser_name', 'p.venue_name', 'p.region_code'])
    .where(inScope(s))
    .orderBy('p.region_code')
    .orderBy('p.title')
    .orderBy('p.id')
    .execute();
}

/** Programs, classes and their capacity per key. */
export async function classesByKey(
  s: ProgramFigureScope,
): Promise<{ programs: Keyed; classes: Keyed; capacity: Keyed }> {
  const k = keyOf(s);
  const rows = await s.db
    .selectFrom('programs as p')
    .leftJoin('program_classes as c', 'c.program_id', 'p.id')
    .select((eb) => [
      k.as('k'),
      eb.fn.count<number>('p.id').distinct().as('programs'),
      eb.fn.count<number>('c.id').as('classes'),
      eb.fn.sum<number>('c.capacity').as('capacity'),
    ])
    .where(inScope(s))
    .groupBy(k)
    .execute();
  return {
    programs: toMap(rows.map((r) => ({ k: r.k, n: r.programs }))),
    classes: toMap(rows.map((r) => ({ k: r.k, n: r.classes }))),
    capacity: toMap(rows.map((r) => ({ k: r.k, n: r.capacity }))),
  };
}

/** Enrolments now in `status` per key. */
export async function enrolmentsByKey(
  s: ProgramFigureScope,
  status: 'enrolled' | 'waitlisted',
): Promise<Keyed> {
  const k = keyOf(s);
  return toMap(
    await s.db
      .selectFrom('enrolments as e')
      .innerJoin('program_classes as c', 'c.id', 'e.class_id')
      .innerJoin('programs as p', 'p.id', 'c.program_id')
      .select((eb) => [k.as('k'), eb.fn.countAll<number>().as('n')])
      .where(inScope(s))
      .where('e.status', '=', status)
      .groupBy(k)
      .execute(),
  );
}

/** Distinct children now enrolled per key. */
export async function enrolledChildrenByKey(s: ProgramFigureScope): Promise<Keyed> {
  const k = keyOf(s);
  return toMap(
    await s.db
      .selectFrom('enrolments as e')
      .innerJoin('program_classes as c', 'c.id', 'e.class_id')
      .innerJoin('programs as p', 'p.id', 'c.program_id')
      .select((eb) => [k.as('k'), eb.fn.count<number>('e.child_id').distinct().as('n')])
      .where(inScope(s))
      .where('e.status', '=', 'enrolled')
      .groupBy(k)
      .execute(),
  );
}

/**
 * Offers made in the period per key, with how each ended, read from the enrolments' reasons (every
 * offer, hand promotion, answer and expiry is appended there with its instant).
 */
export async function offersByKey(s: ProgramFigureScope): Promise<Map<string, OfferTally>> {
  const rows = await s.db
    .selectFrom('enrolments as e')
    .innerJoin('program_classes as c', 'c.id', 'e.class_id')
    .innerJoin('programs as p', 'p.id', 'c.program_id')
    .select([keyOf(s).as('k'), 'e.status', 'e.reasons'])
    .where(inScope(s))
    .where('e.status', 'in', ['offered', 'enrolled', 'declined', 'expired', 'withdrawn'])
    .where('e.reasons', '<>', '[]')
    .execute();
  const out = new Map<string, OfferTally>();
  const period = { start: s.start, end: s.end };
  for (const r of rows) {
    const outcomes = offerOutcomes(
      reasonEntries(parseEnrolmentReasons(r.reasons)),
      r.status,
      period,
    );
    if (outcomes.length === 0) continue;
    out.set(r.k, tallyOffers(out.get(r.k) ?? emptyOfferTally(), outcomes));
  }
  return out;
}
