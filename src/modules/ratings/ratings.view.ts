/**
 * GS-13: ratings as staff see them. The rater's identity is never shown to the staff member who
 * was rated (nor the agent), and otherwise only to those who call residents back (RATER_VISIBLE_TO).
 */

import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RatingTable } from '../../db/schema/ratings.ts';
import { parseJsonColumn } from '../../db/json-column.ts';
import { hasAnyRole, standingIn, type Actor } from '../../shared/actor.ts';
import { isBadRating, RATING_CHANNELS } from './ratings.rules.ts';
import { APPEAL_FILERS, RATER_VISIBLE_TO, RATING_READERS } from './ratings.access.ts';
import { StoredReasonCodes } from './ratings.stored.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

type RatingRow = Selectable<RatingTable>;

/** May this actor see who gave this rating? Never the rated staff member or agent. */
export function raterVisibleTo(
  actor: Actor,
  r: Pick<RatingRow, 'staff_account_id' | 'agent_account_id' | 'region_code'>,
): boolean {
  if (actor.accountId === r.staff_account_id || actor.accountId === r.agent_account_id)
    return false;
  return actor.grants.some(
    (g) =>
      (RATER_VISIBLE_TO as readonly string[]).includes(g.role) &&
      r.region_code.startsWith(g.reachPrefix),
  );
}

export async function ratingViews(db: Kysely<Database>, actor: Actor, rows: readonly RatingRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const accountIds = [
    ...new Set(
      rows.flatMap((r) => [r.staff_account_id, r.agent_account_id]).filter((x): x is string => !!x),
    ),
  ];
  const stationIds = [...new Set(rows.map((r) => r.station_id).filter((x): x is string => !!x))];
  const [accounts, stations, appeals, tickets] = await Promise.all([
    accountIds.length
      ? db
          .selectFrom('accounts')
          .select(['id', 'display_name'])
          .where('id', 'in', accountIds)
          .execute()
      : [],
    stationIds.length
      ? db.selectFrom('stations').select(['id', 'name']).where('id', 'in', stationIds).execute()
      : [],
    db.selectFrom('rating_appeals').selectAll().where('rating_id', 'in', ids).execute(),
    db
      .selectFrom('rating_tickets')
      .select(['id', 'rating_id', 'state'])
      .where('rating_id', 'in', ids)
      .execute(),
  ]);
  const visible = rows.filter((r) => raterVisibleTo(actor, r) && r.rater_resident_id);
  const raters = visible.length
    ? await db
        .selectFrom('residents')
        .select(['id', 'full_name', 'phone_masked'])
        .where(
          'id',
          'in',
          visible.map((r) => r.rater_resident_id!),
        )
        .execute()
    : [];
  const name = (id: string | null) => accounts.find((a) => a.id === id)?.display_name ?? null;
  return rows.map((r) => {
    const appeal = appeals.find((a) => a.rating_id === r.id) ?? null;
    const ticket = tickets.find((t) => t.rating_id === r.id) ?? null;
    const rater = raterVisibleTo(actor, r)
      ? raters.find((x) => x.id === r.rater_resident_id)
      : undefined;
    const canAppeal =
      isBadRating(r.level) &&
      !appeal &&
      hasAnyRole(actor, APPEAL_FILERS) &&
      standingIn(actor, APPEAL_FILERS, r.region_code) === 'region';
    return {
      id: r.id,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      number: r.subject_number,
      itemCode: r.item_code,
      kind: r.kind,
      level: r.level,
      reasons: parseJsonColumn(StoredReasonCodes, r.reason_codes, 'ratings.reason_codes'),
      comment: r.comment,
      channel: r.channel,
      channelCode: RATING_CHANNELS[r.channel].code,
      serviceChannel: r.service_channel,
      regionCode: r.region_code,
      stationName: stations.find((s) => s.id === r.station_id)?.name ?? null,
      staffName: name(r.staff_account_id),
      agentName: name(r.agent_account_id),
      completedAt: r.completed_at,
      ratedAt: r.rated_at,
      excluded: r.excluded === 1,
      appeal: appeal
        ? {
            id: appeal.id,
            state: appeal.state,
            reason: appeal.reason,
            decisionNote: appeal.decision_note,
          }
        : null,
      ticket: ticket ? { id: ticket.id, state: ticket.state } : null,
      rater: rater ? { name: maskName(rater.full_name), phoneMasked: rater.phone_masked } : null,
      availableActions: canAppeal ? ['appeal' as const] : [],
    };
  });
}

/** 张三丰 → 张**: enough to greet the resident on the call-back. */
export function maskName(full: string): string {
  const chars = [...full];
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

export interface RatingFilter {
  actor: Actor;
  bad?: boolean | undefined;
}

/** The ratings a filter selects in the caller's reach (unordered, unpaged); null: none in reach. */
function filteredRatings(db: Kysely<Database>, input: RatingFilter) {
  const prefixes = input.actor.grants
    .filter((g) => (RATING_READERS as readonly string[]).includes(g.role))
    .map((g) => g.reachPrefix);
  if (prefixes.length === 0) return null;
  let q = db.selectFrom('ratings').selectAll().where(underAnyPrefix('region_code', prefixes));
  if (input.bad) q = q.where('level', '<=', 2);
  return q;
}

export async function listRatings(
  db: Kysely<Database>,
  input: RatingFilter & { limit: number; offset: number },
) {
  const q = filteredRatings(db, input);
  if (!q) return [];
  const rows = await q
    .orderBy('rated_at', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return ratingViews(db, input.actor, rows);
}

/** Issue #16 p5: the same list, newest first, by keyset (shared/keyset.ts). */
export const RATING_ORDER: KeysetOrder = {
  list: 'ratings',
  key: 'rated_at',
  keyKind: 'timestamp',
  id: 'id',
  direction: 'desc',
};

export async function pageRatings(
  db: Kysely<Database>,
  input: RatingFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(RATING_ORDER, input.after);
  const q = filteredRatings(db, input);
  if (!q) return { items: [], nextCursor: null, total: 0, totalExact: true };
  const rows = await keysetQuery(q, RATING_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, RATING_ORDER, (r) => ({
    key: r.rated_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('id'));
  return { items: await ratingViews(db, input.actor, shown), nextCursor, total, totalExact };
}
