/**
 * GS-13: appeals. Staff of the unit appeal a malicious or mistaken 差评 with a reason (one appeal
 * per rating, unique key); a supervisor decides — not about themselves. Upheld: the rating is
 * excluded from the metrics but stays in the record (ratings.excluded = 1, audited).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { auditActor, authorize, reachPrefixes, type Actor } from '../../shared/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { isBadRating } from './ratings.rules.ts';
import { APPEAL_DECIDERS, APPEAL_FILERS } from './ratings.access.ts';
import { ratingViews } from './ratings.view.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export async function fileAppeal(
  db: Kysely<Database>,
  input: { ratingId: string; reason: string; actor: Actor; now: Date; requestId?: string },
) {
  const rating = await db
    .selectFrom('ratings')
    .selectAll()
    .where('id', '=', input.ratingId)
    .executeTakeFirst();
  if (!rating) throw new AppError('RATING_NOT_FOUND');
  const grant = authorize(input.actor, APPEAL_FILERS, rating.region_code);
  if (!isBadRating(rating.level)) throw new AppError('RATING_APPEAL_NOT_BAD');
  const id = crypto.randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('rating_appeals')
        .values({
          id,
          rating_id: rating.id,
          region_code: rating.region_code,
          appellant_id: input.actor.accountId,
          reason: input.reason,
          state: 'pending',
          decided_by: null,
          decided_at: null,
          decision_note: null,
          created_at: input.now.toISOString(),
        })
        .execute();
      await recordAudit(trx, {
        actor: auditActor(input.actor, grant),
        action: 'rating_appeal.filed',
        entityType: 'rating_appeal',
        entityId: id,
        regionCode: rating.region_code,
        after: { rating: rating.id },
        requestId: input.requestId,
        now: input.now,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('RATING_APPEAL_EXISTS');
    throw e;
  }
  return getAppeal(db, { id, actor: input.actor });
}

export async function getAppeal(db: Kysely<Database>, input: { id: string; actor: Actor }) {
  const a = await db
    .selectFrom('rating_appeals')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!a) throw new AppError('RATING_APPEAL_NOT_FOUND');
  const readers = [...APPEAL_FILERS, ...APPEAL_DECIDERS];
  authorize(input.actor, readers, a.region_code);
  return (await appealViews(db, input.actor, [a]))[0]!;
}

async function appealViews(
  db: Kysely<Database>,
  actor: Actor,
  appeals: readonly {
    id: string;
    rating_id: string;
    region_code: string;
    appellant_id: string;
    reason: string;
    state: 'pending' | 'upheld' | 'rejected';
    decided_at: string | null;
    decision_note: string | null;
    created_at: string;
  }[],
) {
  if (appeals.length === 0) return [];
  const ratings = await db
    .selectFrom('ratings')
    .selectAll()
    .where(
      'id',
      'in',
      appeals.map((a) => a.rating_id),
    )
    .execute();
  const views = await ratingViews(db, actor, ratings);
  const names = await db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where(
      'id',
      'in',
      appeals.map((a) => a.appellant_id),
    )
    .execute();
  return appeals.map((a) => {
    const rating = views.find((v) => v.id === a.rating_id)!;
    const ratingRow = ratings.find((r) => r.id === a.rating_id)!;
    const mayDecide =
      a.state === 'pending' &&
      actor.accountId !== a.appellant_id &&
      actor.accountId !== ratingRow.staff_account_id &&
      actor.grants.some(
        (g) =>
          (APPEAL_DECIDERS as readonly string[]).includes(g.role) &&
          a.region_code.startsWith(g.reachPrefix),
      );
    return {
      id: a.id,
      state: a.state,
      reason: a.reason,
      appellantName: names.find((n) => n.id === a.appellant_id)?.display_name ?? null,
      decidedAt: a.decided_at,
      decisionNote: a.decision_note,
      createdAt: a.created_at,
      rating,
      availableActions: mayDecide ? ['uphold' as const, 'reject' as const] : [],
    };
  });
}

export interface AppealFilter {
  actor: Actor;
  pending: boolean;
}

/** The appeals a filter selects in the caller's reach (unordered, unpaged). */
function filteredAppeals(db: Kysely<Database>, input: AppealFilter) {
  const prefixes = reachPrefixes(input.actor, [...APPEAL_FILERS, ...APPEAL_DECIDERS]);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  let q = db
    .selectFrom('rating_appeals')
    .selectAll()
    .where(underAnyPrefix('region_code', prefixes));
  if (input.pending) q = q.where('state', '=', 'pending');
  return q;
}

export async function listAppeals(
  db: Kysely<Database>,
  input: AppealFilter & { limit: number; offset: number },
) {
  const rows = await filteredAppeals(db, input)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return appealViews(db, input.actor, rows);
}

/** Issue #16 p5: the same list, newest first, by keyset (shared/keyset.ts). */
export const APPEAL_ORDER: KeysetOrder = {
  list: 'rating-appeals',
  key: 'created_at',
  keyKind: 'timestamp',
  id: 'id',
  direction: 'desc',
};

export async function pageAppeals(
  db: Kysely<Database>,
  input: AppealFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(APPEAL_ORDER, input.after);
  const q = filteredAppeals(db, input);
  const rows = await keysetQuery(q, APPEAL_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, APPEAL_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('id'));
  return { items: await appealViews(db, input.actor, shown), nextCursor, total, totalExact };
}

export async function decideAppeal(
  db: Kysely<Database>,
  input: { id: string; uphold: boolean; note: string; actor: Actor; now: Date; requestId?: string },
) {
  const a = await db
    .selectFrom('rating_appeals')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!a) throw new AppError('RATING_APPEAL_NOT_FOUND');
  const grant = authorize(input.actor, APPEAL_DECIDERS, a.region_code);
  const rating = await db
    .selectFrom('ratings')
    .select(['staff_account_id'])
    .where('id', '=', a.rating_id)
    .executeTakeFirstOrThrow();
  if (input.actor.accountId === a.appellant_id || input.actor.accountId === rating.staff_account_id)
    throw new AppError('RATING_APPEAL_OWN');
  const state = input.uphold ? 'upheld' : 'rejected';
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('rating_appeals')
      .set({
        state,
        decided_by: input.actor.accountId,
        decided_at: input.now.toISOString(),
        decision_note: input.note,
      })
      .where('id', '=', a.id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('RATING_APPEAL_DECIDED');
    const actor = auditActor(input.actor, grant);
    await recordAudit(trx, {
      actor,
      action: 'rating_appeal.decided',
      entityType: 'rating_appeal',
      entityId: a.id,
      regionCode: a.region_code,
      after: { state },
      requestId: input.requestId,
      now: input.now,
    });
    if (input.uphold) {
      // The rating leaves the metrics (a follow-up of an excluded first rating with it, see
      // effectiveRatings); it stays in the record.
      await trx.updateTable('ratings').set({ excluded: 1 }).where('id', '=', a.rating_id).execute();
      await recordAudit(trx, {
        actor,
        action: 'rating.excluded',
        entityType: 'rating',
        entityId: a.rating_id,
        regionCode: a.region_code,
        after: { appeal: a.id },
        requestId: input.requestId,
        now: input.now,
      });
    }
  });
  return getAppeal(db, { id: a.id, actor: input.actor });
}
