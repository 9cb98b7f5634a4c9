/**
 * Public tracking (GS-9): case number + the 查询码 printed on the receipt → status, station, due
 * date and what is missing; nothing else personal. Rate-limited in the database, so the limits
 * hold across nodes: per address, and per case number across all addresses (wrong codes
 * only; a right one gives its attempt back).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { countAttempt, refundAttempt } from '../auth/login-throttle.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { caseTownRegion, listTownStations } from '../regions/public-stations.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { loadRequests } from './case-requests.repo.ts';
import { trackingCodeMatches } from './case.tracking-code.ts';
import { dueDateProvisionality, missingNowView } from './case.view.ts';
import { pinnedItems, type PinnedItem } from './pinned-items.ts';

export const TRACK_LIMIT = { perWindow: 30, windowMs: 10 * 60_000 };
/** Wrong codes for one case number, from anywhere, before it is closed for the window. */
export const TRACK_CASE_LIMIT = { perWindow: 10, windowMs: 60 * 60_000 };

export async function trackCase(
  deps: { db: Kysely<Database>; pii: PiiCipher },
  input: { number: string; code: string; ip: string; now: Date },
) {
  const attempts = await countAttempt(
    deps.db,
    `track:${input.ip}`,
    input.now,
    TRACK_LIMIT.windowMs,
  );
  if (attempts > TRACK_LIMIT.perWindow) {
    throw new AppError('TRACKING_RATE_LIMITED', { retryAfterSeconds: TRACK_LIMIT.windowMs / 1000 });
  }
  const caseBucket = `track-case:${input.number}`;
  const caseAttempts = await countAttempt(
    deps.db,
    caseBucket,
    input.now,
    TRACK_CASE_LIMIT.windowMs,
  );
  if (caseAttempts > TRACK_CASE_LIMIT.perWindow) {
    throw new AppError('TRACKING_RATE_LIMITED', {
      retryAfterSeconds: TRACK_CASE_LIMIT.windowMs / 1000,
    });
  }
  const row = await deps.db
    .selectFrom('cases as c')
    .innerJoin('residents as p', 'p.id', 'c.applicant_id')
    .innerJoin('stations as s', 's.id', 'c.accepting_station_id')
    .select([
      'c.id',
      'c.number',
      'c.state',
      'c.due_date',
      'c.accepted_at',
      'c.created_at',
      'c.result',
      'c.tracking_code',
      'c.accepting_region_code',
      'c.home_region_code',
      's.name as station',
      'c.item_code',
      'c.item_version',
    ])
    .where('c.number', '=', input.number)
    .executeTakeFirst();
  if (!row || !trackingCodeMatches(row.tracking_code, input.code))
    throw new AppError('TRACKING_NOT_FOUND');
  await refundAttempt(deps.db, caseBucket);
  const state = row.state;
  const item = (await pinnedItems(deps.db, [row]))(row);
  // What is missing now: the open blocking requests, not the intake notice (GS-5, GS-9).
  const missing =
    state === 'awaiting_supplement'
      ? missingNowView(item, await loadRequests(deps.db, [row.id]))
          .filter((m) => m.blocking)
          .map((m) => m.name)
      : [];
  return {
    number: row.number,
    item: itemNameOf(item),
    state,
    station: row.station,
    dueDate: row.due_date,
    ...dueDateProvisionality(row, await loadWorkCalendar(deps.db)),
    missing,
    result: row.result,
    // Issue #11: "到本镇任一服务站补交" names the stations, the applicant's village first.
    townStations: await listTownStations(deps.db, {
      regionCode: caseTownRegion(row),
      near: row.home_region_code,
    }),
  };
}

/** The item's name from a case's pinned item version, in both languages. */
export function itemNameOf(item: PinnedItem | null): { zh: string; en: string } {
  return item?.name ?? { zh: '', en: '' };
}
