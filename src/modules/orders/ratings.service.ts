/**
 * VS-7 评单 (the `rate` row of order.workflow.ts): after completion each need's requester rates
 * once (1–5 stars and a comment); staff may record the rating for a requester without an account
 * (phone/WeChat). One rating per need is a unique key: a second try — or two at once — gets 409.
 *
 * Team roll-up: average stars and count per accepting team. A five-star team (五星队伍) has an
 * average ≥ 4.5 over at least `minRatings` ratings (default 3, a query parameter).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor, type Grant } from '../../shared/actor.ts';
import { levelOfCode, scopePrefix } from '../../shared/region-code.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { needRefusal } from './order.workflow.ts';
import { underPrefix } from '../../shared/region-range.ts';

export const FIVE_STAR_AVERAGE = 4.5;
export const DEFAULT_MIN_RATINGS = 3;
export const FIVE_STAR_RULE =
  'five-star team = average ≥ 4.5 stars over at least minRatings ratings (default 3)';

/** Pure: the roll-up of one team. */
export function rollUp(stars: number[], minRatings: number = DEFAULT_MIN_RATINGS) {
  const count = stars.length;
  const average = count ? Math.round((stars.reduce((a, b) => a + b, 0) / count) * 100) / 100 : 0;
  return { average, count, fiveStar: count >= minRatings && average >= FIVE_STAR_AVERAGE };
}

export async function rateNeed(
  db: Kysely<Database>,
  input: {
    needId: string;
    stars: number;
    comment: string;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const need = await db
    .selectFrom('vs_needs')
    .selectAll()
    .where('id', '=', input.needId)
    .executeTakeFirst();
  if (!need) throw new AppError('VS_NEED_NOT_FOUND');
  let grant: Grant | undefined;
  const own = need.requester_account_id === input.actor.accountId;
  // Staff record a rating only for a requester without account, in their reach (OUT_OF_SCOPE).
  if (
    !own &&
    need.requester_account_id === null &&
    input.actor.grants.some((g) => (CENTRE_ROLES as readonly string[]).includes(g.role))
  )
    grant = authorize(input.actor, CENTRE_ROLES, need.region_code);
  const order = need.order_id
    ? await db
        .selectFrom('vs_orders')
        .selectAll()
        .where('id', '=', need.order_id)
        .executeTakeFirst()
    : undefined;
  const existing = await db
    .selectFrom('vs_ratings')
    .select('id')
    .where('need_id', '=', need.id)
    .executeTakeFirst();
  const refused = needRefusal(
    'rate',
    {
      status: need.status,
      hasAccount: need.requester_account_id !== null,
      orderState: order?.state ?? null,
      rated: existing !== undefined,
    },
    { centre: grant !== undefined, requester: own },
  );
  if (refused) throw new AppError(refused);
  if (!order?.team_id) throw new AppError('VS_RATING_NOT_OPEN');
  const row = {
    id: crypto.randomUUID(),
    need_id: need.id,
    order_id: order.id,
    team_id: order.team_id,
    stars: input.stars,
    comment: input.comment,
    rated_by: input.actor.accountId,
    created_at: input.now.toISOString(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('vs_ratings').values(row).execute();
      await recordAudit(trx, {
        actor: auditActor(input.actor, grant),
        action: 'vs_rating.recorded',
        entityType: 'vs_need',
        entityId: need.id,
        regionCode: need.region_code,
        after: {
          orderId: order.id,
          teamId: order.team_id,
          stars: input.stars,
          onBehalf: !own,
        },
        requestId: input.requestId,
        now: input.now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VS_RATING_EXISTS');
    throw err;
  }
  return {
    id: row.id,
    needId: row.need_id,
    orderId: row.order_id,
    teamId: row.team_id,
    stars: row.stars,
    comment: row.comment,
    onBehalf: !own,
    createdAt: row.created_at,
  };
}

/** Teams ranked by their ratings: five-star teams first, then by average and count. */
export async function teamRanking(
  db: Kysely<Database>,
  input: { regionCode?: string | undefined; minRatings: number },
) {
  let q = db
    .selectFrom('vs_ratings as r')
    .innerJoin('vs_teams as t', 't.id', 'r.team_id')
    .select(['t.id', 't.name', 't.region_code', 't.category_code', 'r.stars']);
  if (input.regionCode) {
    const level = levelOfCode(input.regionCode);
    const prefix = level ? scopePrefix(input.regionCode, level) : input.regionCode;
    q = q.where(underPrefix('t.region_code', prefix));
  }
  const rows = await q.execute();
  const byTeam = new Map<string, { t: (typeof rows)[number]; stars: number[] }>();
  for (const r of rows) {
    const e = byTeam.get(r.id) ?? { t: r, stars: [] };
    e.stars.push(Number(r.stars));
    byTeam.set(r.id, e);
  }
  const teams = [...byTeam.values()]
    .map(({ t, stars }) => ({
      teamId: t.id,
      teamName: t.name,
      regionCode: t.region_code,
      categoryCode: t.category_code,
      ...rollUp(stars, input.minRatings),
    }))
    .sort(
      (a, b) =>
        Number(b.fiveStar) - Number(a.fiveStar) ||
        b.average - a.average ||
        b.count - a.count ||
        a.teamName.localeCompare(b.teamName),
    );
  return { rule: FIVE_STAR_RULE, minRatings: input.minRatings, teams };
}
