/**
 * GS-13: what a rating is about. A subject is resolved from its own module's rows into the facts a
 * rating records (number, item, region, station, 经办人, 代理人, the applicant, when it was finished).
 * Cases and inquiries are built in; other modules (home visits) register a resolver through
 * `registerRatingSubject` — the port they call, so ratings need not import them.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, RatingSubjectType } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { isRateable } from './ratings.rules.ts';

export interface RatingSubject {
  type: RatingSubjectType;
  id: string;
  state: string;
  number: string;
  itemCode: string | null;
  regionCode: string;
  stationId: string | null;
  staffAccountId: string | null;
  agentAccountId: string | null;
  applicantResidentId: string | null;
  /** The service's own channel (window / appointment / home_visit / agent / online / phone). */
  serviceChannel: string | null;
  completedAt: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;
export type SubjectResolver = (db: Db, id: string) => Promise<RatingSubject | null>;

async function resolveCase(db: Db, id: string): Promise<RatingSubject | null> {
  const c = await db
    .selectFrom('cases')
    .select([
      'id',
      'number',
      'state',
      'item_code',
      'home_region_code',
      'accepting_region_code',
      'accepting_station_id',
      'agent_account_id',
      'applicant_id',
      'first_responder_id',
      'channel',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c) return null;
  const delivered = await db
    .selectFrom('case_actions')
    .select(['actor_id', 'station_id', 'at'])
    .where('case_id', '=', id)
    .where('action', '=', 'deliver')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return {
    type: 'case',
    id: c.id,
    state: c.state,
    number: c.number,
    itemCode: c.item_code,
    regionCode: c.accepting_region_code,
    stationId: delivered?.station_id ?? c.accepting_station_id,
    staffAccountId: delivered?.actor_id ?? c.first_responder_id,
    agentAccountId: c.agent_account_id,
    applicantResidentId: c.applicant_id,
    // The channel the case recorded at filing (migration 0023), never guessed.
    serviceChannel: c.channel,
    completedAt: delivered?.at ?? null,
  };
}

async function resolveInquiry(db: Db, id: string): Promise<RatingSubject | null> {
  const q = await db
    .selectFrom('inquiries')
    .select([
      'id',
      'status',
      'item_code',
      'region_code',
      'station_id',
      'first_responder_id',
      'resident_id',
      'channel',
      'closed_at',
      'created_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!q) return null;
  return {
    type: 'inquiry',
    id: q.id,
    state: q.status,
    number: `ZX-${q.created_at.slice(0, 10).replaceAll('-', '')}-${q.id.slice(0, 6)}`,
    itemCode: q.item_code,
    regionCode: q.region_code,
    stationId: q.station_id,
    staffAccountId: q.first_responder_id,
    agentAccountId: null,
    applicantResidentId: q.resident_id,
    serviceChannel: q.channel === 'phone' ? 'phone' : 'window',
    completedAt: q.closed_at,
  };
}

const RESOLVERS = new Map<RatingSubjectType, SubjectResolver>([
  ['case', resolveCase],
  ['inquiry', resolveInquiry],
]);

/**
 * The port for other modules (home visits): register how a subject of that type is found. The
 * resolver returns `state: 'done'` once the service was completed; the composition root (app.ts)
 * calls this at start-up, so ratings imports nothing of theirs.
 */
export function registerRatingSubject(type: RatingSubjectType, resolver: SubjectResolver): void {
  RESOLVERS.set(type, resolver);
}

export async function findSubject(
  db: Db,
  type: RatingSubjectType,
  id: string,
): Promise<RatingSubject | null> {
  const resolve = RESOLVERS.get(type);
  return resolve ? resolve(db, id) : null;
}

/** The subject, which must exist and be finished (delivered / answered / done). */
export async function rateableSubject(
  db: Db,
  type: RatingSubjectType,
  id: string,
): Promise<RatingSubject & { completedAt: string }> {
  const s = await findSubject(db, type, id);
  if (!s) throw new AppError('NOT_FOUND');
  if (!isRateable({ type, state: s.state }) || !s.completedAt)
    throw new AppError('RATING_NOT_RATEABLE');
  return { ...s, completedAt: s.completedAt };
}
