/**
 * GS-13 metrics for a month (China time), in the actor's scope: reads the completed services, the
 * ratings and the tickets, and hands them to the pure rules (ratings-metrics.rules.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { chinaDayStartUtc } from '../../shared/china-time.ts';
import { townCodeOf } from '../../shared/region-code.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { RATING_READERS } from './ratings.access.ts';
import {
  computeMetrics,
  inquiryTrio,
  rankStations,
  type CompletedRow,
  type MetricsGroup,
  type RatingRow,
} from './ratings-metrics.rules.ts';
import { isSatisfied } from './ratings.rules.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: chinaDayStartUtc(`${month}-01`), to: chinaDayStartUtc(`${next}-01`) };
}

function scoped(actor: Actor): string[] {
  const prefixes = reachPrefixes(actor, RATING_READERS);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  return prefixes;
}

/** An inquiry's channel as a rating subject records it (rating-subjects.ts resolveInquiry). */
function inquiryChannel(channel: string): string {
  return channel === 'phone' ? 'phone' : 'window';
}

async function monthData(db: Kysely<Database>, prefixes: string[], month: string) {
  const { from, to } = monthRange(month);
  const cases = await db
    .selectFrom('case_actions as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select([
      'c.id',
      'a.actor_id',
      'a.station_id',
      'c.accepting_region_code as region',
      'c.channel',
    ])
    .where('a.action', '=', 'deliver')
    .where('a.at', '>=', from)
    .where('a.at', '<', to)
    .where(underAnyPrefix('c.accepting_region_code', prefixes))
    .execute();
  const inquiries = await db
    .selectFrom('inquiries')
    .select([
      'id',
      'first_responder_id',
      'station_id',
      'region_code',
      'status',
      'answer',
      'channel',
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where(underAnyPrefix('region_code', prefixes))
    .execute();
  const visits = await db
    .selectFrom('home_visits as v')
    .innerJoin('stations as s', 's.id', 'v.station_id')
    .select(['v.id', 'v.visited_by', 'v.station_id', 's.region_code'])
    .where('v.status', '=', 'done')
    .where('v.visited_at', '>=', from)
    .where('v.visited_at', '<', to)
    .where(underAnyPrefix('s.region_code', prefixes))
    .execute();
  const ratings = await db
    .selectFrom('ratings')
    .selectAll()
    .where('completed_at', '>=', from)
    .where('completed_at', '<', to)
    .where(underAnyPrefix('region_code', prefixes))
    .execute();
  const tickets = ratings.length
    ? await db
        .selectFrom('rating_tickets')
        .select(['rating_id', 'called_back_at', 'state'])
        .where(
          'rating_id',
          'in',
          ratings.map((r) => r.id),
        )
        .execute()
    : [];
  const completed: CompletedRow[] = [
    ...cases.map((c) => ({
      subjectId: `case:${c.id}`,
      staffId: c.actor_id,
      stationId: c.station_id,
      townCode: townCodeOf(c.region),
      channel: c.channel,
    })),
    ...inquiries
      .filter((q) => q.status === 'closed')
      .map((q) => ({
        subjectId: `inquiry:${q.id}`,
        staffId: q.first_responder_id,
        stationId: q.station_id,
        townCode: townCodeOf(q.region_code),
        channel: inquiryChannel(q.channel),
      })),
    ...visits.map((v) => ({
      subjectId: `home_visit:${v.id}`,
      staffId: v.visited_by,
      stationId: v.station_id,
      townCode: townCodeOf(v.region_code),
      channel: 'home_visit',
    })),
  ];
  const ratingRows: RatingRow[] = ratings.map((r) => ({
    id: r.id,
    subjectId: `${r.subject_type}:${r.subject_id}`,
    kind: r.kind,
    level: r.level,
    excluded: r.excluded === 1,
    staffId: r.staff_account_id,
    stationId: r.station_id,
    townCode: townCodeOf(r.region_code),
    channel: r.service_channel,
    realName: r.rater_resident_id !== null || r.rater_account_id !== null,
  }));
  return {
    completed,
    ratings: ratingRows,
    tickets: tickets.map((t) => ({
      ratingId: t.rating_id,
      calledBack: t.called_back_at !== null,
      closed: t.state === 'closed',
    })),
    inquiries,
    inquiryRatings: ratings.filter(
      (r) => r.subject_type === 'inquiry' && r.excluded === 0 && r.kind === 'first',
    ),
  };
}

async function labels(db: Kysely<Database>, group: MetricsGroup, keys: string[]) {
  if (keys.length === 0 || group === 'channel') return new Map<string, string>();
  if (group === 'staff') {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'display_name'])
      .where('id', 'in', keys)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
  if (group === 'station') {
    const rows = await db
      .selectFrom('stations')
      .select(['id', 'name'])
      .where('id', 'in', keys)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'in', keys)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function ratingMetrics(
  db: Kysely<Database>,
  input: { actor: Actor; month: string; group: MetricsGroup },
) {
  const prefixes = scoped(input.actor);
  const data = await monthData(db, prefixes, input.month);
  const rows = computeMetrics(data, input.group);
  const names = await labels(
    db,
    input.group,
    rows.map((r) => r.key),
  );
  const totals = computeMetrics(
    {
      completed: data.completed.map((c) => ({ ...c, townCode: 'all' })),
      ratings: data.ratings.map((r) => ({ ...r, townCode: 'all' })),
      tickets: data.tickets,
    },
    'town',
  )[0];
  const stations = computeMetrics(data, 'station');
  const stationNames = await labels(
    db,
    'station',
    stations.map((r) => r.key),
  );
  const trio = inquiryTrio({
    total: data.inquiries.length,
    responded: data.inquiries.filter((q) => q.answer.trim() !== '').length,
    resolved: data.inquiries.filter((q) => q.status === 'closed').length,
    rated: data.inquiryRatings.length,
    satisfied: data.inquiryRatings.filter((r) => isSatisfied(r.level)).length,
  });
  return {
    month: input.month,
    group: input.group,
    totals: totals ?? null,
    rows: rows.map((r) => ({ ...r, label: names.get(r.key) ?? r.key })),
    ranking: rankStations(stations).map((r) => ({ ...r, label: stationNames.get(r.key) ?? r.key })),
    inquiries: trio,
  };
}
