/**
 * CP-5 program figures for one region (any level in the caller's reach: province → city → district
 * → town → village) and period, with a row per child region and per program. Programs counted:
 * not cancelled, region inside, season sharing a day with the period. How each figure is counted:
 * - programs, classes, capacity: those programs and all their classes;
 * - enrolments / childrenEnrolled: enrolments now `enrolled` (children: distinct), fillRate =
 *   enrolments ÷ capacity;
 * - waitlisted: enrolments now on the waitlist;
 * - offers*: offers (a freed seat, or a hand promotion) made in the period, by how each ended
 *   (accepted, declined, expired, withdrawn, or still outstanding); offerAcceptance = accepted ÷
 *   made;
 * - classesRun, childVisits (人次), latePickups, volunteers, volunteerHours: from the days of the
 *   period (see program-figures.day-queries.ts);
 * - ratioShortfallSessions / ratioShortfallMinutes: sessions of the period (started by now) with
 *   a moment when present children exceeded the class's ratio per present staff member, from the
 *   actual check-ins (CP-4), and the minutes below the ratio in all.
 * An organiser sees the figures of the region of their grant (and below) only.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { LEVEL_PREFIX_LENGTH, levelOfCode } from '../../shared/region-code.ts';
import type { Role } from '../../shared/roles.ts';
import { chinaDate } from '../../shared/china-time.ts';
import {
  classesByKey,
  enrolledChildrenByKey,
  enrolmentsByKey,
  offersByKey,
  programsInScope,
  type Keyed,
  type ProgramFigureScope,
} from './program-figures.queries.ts';
import {
  attendanceByKey,
  ratioShortfallsByKey,
  staffByKey,
} from './program-figures.day-queries.ts';
import {
  childPrefixLength,
  defaultPeriod,
  emptySums,
  figureBlock,
  periodAcceptable,
  periodBounds,
  type FigureSums,
} from './program-figures.rules.ts';

export const PROGRAM_FIGURE_ROLES = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'organiser',
] as const satisfies readonly Role[];

/** Every figure of the scope's groups, by key. */
async function sumsByKey(s: ProgramFigureScope): Promise<Map<string, FigureSums>> {
  const out = new Map<string, FigureSums>();
  const at = (k: string) => {
    let v = out.get(k);
    if (!v) out.set(k, (v = emptySums()));
    return v;
  };
  const put = (m: Keyed, field: Exclude<keyof FigureSums, 'offers'>) => {
    for (const [k, n] of m) at(k)[field] = n;
  };
  const { programs, classes, capacity } = await classesByKey(s);
  put(programs, 'programs');
  put(classes, 'classes');
  put(capacity, 'capacity');
  put(await enrolmentsByKey(s, 'enrolled'), 'enrolments');
  put(await enrolledChildrenByKey(s), 'children');
  put(await enrolmentsByKey(s, 'waitlisted'), 'waitlisted');
  for (const [k, tally] of await offersByKey(s)) at(k).offers = tally;
  const days = await attendanceByKey(s);
  put(days.visits, 'childVisits');
  put(days.classesRun, 'classesRun');
  put(days.late, 'latePickups');
  const staff = await staffByKey(s);
  put(staff.volunteers, 'volunteers');
  put(staff.minutes, 'volunteerMinutes');
  const shortfalls = await ratioShortfallsByKey(s);
  put(shortfalls.sessions, 'ratioShortfallSessions');
  put(shortfalls.minutes, 'ratioShortfallMinutes');
  return out;
}

export async function programFigures(
  db: Kysely<Database>,
  input: { actor: Actor; regionCode?: string; from?: string; to?: string; now: Date },
) {
  const { actor } = input;
  const regionCode =
    input.regionCode ??
    actor.grants.find((g) => (PROGRAM_FIGURE_ROLES as readonly string[]).includes(g.role))
      ?.regionCode;
  if (!regionCode) throw new AppError('FORBIDDEN');
  authorize(actor, PROGRAM_FIGURE_ROLES, regionCode);
  const region = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', '=', regionCode)
    .executeTakeFirst();
  if (!region) throw new AppError('UNKNOWN_REGION');
  const level = levelOfCode(region.code) ?? region.level;
  const prefix = region.code.slice(0, LEVEL_PREFIX_LENGTH[level]);

  const period = defaultPeriod(chinaDate(input.now), input);
  if (!periodAcceptable(period)) throw new AppError('FIGURES_PERIOD_INVALID');
  const base = { db, prefix, ...period, ...periodBounds(period.from, period.to), now: input.now };

  const totals = (await sumsByKey({ ...base, by: { area: prefix.length } })).get(prefix);
  const childLen = childPrefixLength(prefix.length);
  const children = childLen
    ? await db
        .selectFrom('regions')
        .select(['code', 'name'])
        .where('parent_code', '=', region.code)
        .orderBy('code')
        .execute()
    : [];
  const areas: Map<string, FigureSums> = childLen
    ? await sumsByKey({ ...base, by: { area: childLen } })
    : new Map<string, FigureSums>();
  // Programs held at this region itself (not in any child region) get a row of their own.
  const ownKey = childLen ? region.code.slice(0, childLen) : null;
  const own = ownKey && !children.some((c) => c.code.slice(0, childLen!) === ownKey);
  const byProgram = await sumsByKey({ ...base, by: 'program' });
  const programs = await programsInScope({ ...base, by: 'program' });

  const areaRow = (code: string, name: string, ownLevel: boolean) => ({
    code,
    name,
    ownLevel,
    ...figureBlock(areas.get(code.slice(0, childLen!)) ?? emptySums()),
  });
  return {
    region: { code: region.code, name: region.name, level },
    period,
    totals: figureBlock(totals ?? emptySums()),
    children: [
      ...(own && areas.has(ownKey) ? [areaRow(region.code, region.name, true)] : []),
      ...children.map((c) => areaRow(c.code, c.name, false)),
    ],
    programs: programs.map((p) => ({
      id: p.id,
      title: p.title,
      organiserName: p.organiser_name,
      venueName: p.venue_name,
      regionCode: p.region_code,
      ...figureBlock(byProgram.get(p.id) ?? emptySums()),
    })),
  };
}

export type ProgramFigures = Awaited<ReturnType<typeof programFigures>>;
