/**
 * GS-11 the coverage calendar: for a station and up to 31 days, per post and opening hour, who
 * holds the post (A, B or nobody); hours with nobody are gaps, joined per post and day, each marked
 * when its warning went out.
 */
import type { Kysely } from 'kysely';
import type { Database, PostTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { addDays, chinaDate, chinaDayStartUtc } from '../../shared/china-time.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { isWorkingDay, type WorkCalendar } from '../calendar/working-days.ts';
import { parseOpeningHours } from '../regions/regions.schema.ts';
import { holdersOf, loadAbsences } from './post-holdings.ts';
import { POST_READERS } from './posts.access.ts';
import {
  isoWeekday,
  dayCoverage,
  gapsOf,
  type Absence,
  type OpeningSpan,
  type SlotCoverage,
} from './posts.rules.ts';
import { parsePostHours } from './posts.stored.ts';

type Db = Kysely<Database>;

export interface PostDay {
  post: PostTable;
  date: string;
  slots: SlotCoverage[];
}

/** Every post's slots on every day of [from, from + days). Pure after loading. */
export function coverageOf(
  posts: readonly PostTable[],
  stationHours: ReadonlyMap<string, OpeningSpan[]>,
  absences: readonly Absence[],
  from: string,
  days: number,
  cal: WorkCalendar,
): PostDay[] {
  const out: PostDay[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    for (const p of posts) {
      const hours = parsePostHours(p.opening_hours) ?? stationHours.get(p.station_id) ?? [];
      out.push({ post: p, date, slots: dayCoverage(holdersOf(p), absences, date, hours, cal) });
    }
  }
  return out;
}

export async function loadStationHours(db: Db, stationIds: readonly string[]) {
  const map = new Map<string, OpeningSpan[]>();
  if (stationIds.length === 0) return map;
  const rows = await db
    .selectFrom('stations')
    .select(['id', 'opening_hours'])
    .where('id', 'in', [...new Set(stationIds)])
    .execute();
  for (const r of rows) map.set(r.id, parseOpeningHours(r.opening_hours));
  return map;
}

export async function stationCoverage(
  db: Db,
  input: { stationId: string; from?: string | undefined; days: number; actor: Actor; now: Date },
) {
  const today = chinaDate(input.now);
  const from = input.from ?? addDays(today, 1 - isoWeekday(today));
  const station = await db
    .selectFrom('stations')
    .select(['id', 'region_code'])
    .where('id', '=', input.stationId)
    .executeTakeFirst();
  if (!station) throw new AppError('STATION_NOT_FOUND_FOR_POST');
  authorize(input.actor, POST_READERS, station.region_code);
  if (input.days > 31) throw new AppError('POST_RANGE_TOO_LONG');
  const to = addDays(from, input.days - 1);
  const posts = await db
    .selectFrom('posts')
    .selectAll()
    .where('station_id', '=', station.id)
    .orderBy('name')
    .execute();
  const ids = posts.flatMap((p) => [p.a_account_id, p.b_account_id]);
  const [absences, cal, hours, people] = await Promise.all([
    loadAbsences(db, ids, chinaDayStartUtc(from), chinaDayStartUtc(addDays(to, 1))),
    loadWorkCalendar(db),
    loadStationHours(db, [station.id]),
    ids.length
      ? db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', ids).execute()
      : Promise.resolve([]),
  ]);
  const warned = posts.length
    ? await db
        .selectFrom('post_coverage_warnings')
        .select(['post_id', 'day', 'gap_from'])
        .where(
          'post_id',
          'in',
          posts.map((p) => p.id),
        )
        .where('day', '>=', from)
        .where('day', '<=', to)
        .execute()
    : [];
  const person = (id: string) => ({
    id,
    displayName: people.find((x) => x.id === id)?.display_name ?? '',
  });
  const cells = coverageOf(posts, hours, absences, from, input.days, cal);
  const days = [];
  for (let i = 0; i < input.days; i++) {
    const date = addDays(from, i);
    days.push({
      date,
      working: isWorkingDay(date, cal),
      posts: cells
        .filter((c) => c.date === date)
        .map((c) => ({
          postId: c.post.id,
          slots: c.slots.map((s) => ({
            from: s.from,
            to: s.to,
            holder: s.holder,
            accountId: s.accountId,
            gap: s.gap,
          })),
        })),
    });
  }
  return {
    stationId: station.id,
    from: from,
    to,
    posts: posts.map((p) => ({
      id: p.id,
      name: p.name,
      a: person(p.a_account_id),
      b: person(p.b_account_id),
    })),
    days,
    gaps: cells.flatMap((c) =>
      gapsOf(c.slots).map((g) => ({
        postId: c.post.id,
        date: c.date,
        from: g.from,
        to: g.to,
        warned: warned.some(
          (w) => w.post_id === c.post.id && w.day === c.date && w.gap_from === g.from,
        ),
      })),
    ),
  };
}
