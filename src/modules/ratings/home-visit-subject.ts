/**
 * GS-13: a done home visit (上门服务) as a rating subject, read from the home_visits rows. Registered
 * through `registerRatingSubject` at start-up (ratings-ports.ts); home-visits imports nothing of ours.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RatingSubject } from './rating-subjects.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The label a visit goes by (it has no 办件编号): SM-<day requested>-<id head>, as inquiries do. */
export function homeVisitNumber(v: { id: string; created_at: string }): string {
  return `SM-${v.created_at.slice(0, 10).replaceAll('-', '')}-${v.id.slice(0, 6)}`;
}

export async function resolveHomeVisit(db: Db, id: string): Promise<RatingSubject | null> {
  const v = await db
    .selectFrom('home_visits as v')
    .innerJoin('stations as s', 's.id', 'v.station_id')
    .select([
      'v.id',
      'v.status',
      'v.item_code',
      'v.station_id',
      's.region_code',
      'v.visited_by',
      'v.resident_id',
      'v.visited_at',
      'v.created_at',
    ])
    .where('v.id', '=', id)
    .executeTakeFirst();
  if (!v) return null;
  return {
    type: 'home_visit',
    id: v.id,
    state: v.status,
    number: homeVisitNumber(v),
    itemCode: v.item_code,
    regionCode: v.region_code,
    stationId: v.station_id,
    staffAccountId: v.visited_by,
    agentAccountId: null,
    applicantResidentId: v.resident_id,
    serviceChannel: 'home_visit',
    completedAt: v.status === 'done' ? v.visited_at : null,
  };
}
