/** VS-3/VS-7 "my orders": the caller's needs with their order, its timeline and whether rating is open. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { needActionsFor, presentNeed, type NeedLife } from './need-view.ts';
import { loadNames } from './orders.common.ts';

/** "My orders": the caller's needs with their order, its timeline and whether rating is open. */
export async function listMyNeeds(db: Kysely<Database>, input: { actor: Actor }) {
  const needs = await db
    .selectFrom('vs_needs')
    .selectAll()
    .where('requester_account_id', '=', input.actor.accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
  const orderIds = [...new Set(needs.map((n) => n.order_id).filter((x): x is string => !!x))];
  const [orders, actions, ratings] = await Promise.all([
    orderIds.length
      ? db.selectFrom('vs_orders').selectAll().where('id', 'in', orderIds).execute()
      : [],
    orderIds.length
      ? db
          .selectFrom('vs_order_actions')
          .selectAll()
          .where('order_id', 'in', orderIds)
          .orderBy('at')
          .orderBy('id')
          .execute()
      : [],
    needs.length
      ? db
          .selectFrom('vs_ratings')
          .selectAll()
          .where(
            'need_id',
            'in',
            needs.map((n) => n.id),
          )
          .execute()
      : [],
  ]);
  const names = await loadNames(db, {
    regions: needs.map((n) => n.region_code),
    categories: needs.map((n) => n.category_code),
    accounts: needs.map((n) => n.recorded_by),
    projects: needs.map((n) => n.project_id),
    teams: [...orders.map((o) => o.team_id), ...actions.map((a) => a.team_id)],
  });
  const life: NeedLife = {
    orderState: (n) => orders.find((x) => x.id === n.order_id)?.state ?? null,
    rated: (n) => ratings.some((x) => x.need_id === n.id),
  };
  return needs.map((n) => {
    const o = orders.find((x) => x.id === n.order_id);
    const r = ratings.find((x) => x.need_id === n.id);
    return {
      ...presentNeed(n, names, needActionsFor(input.actor, n, life)),
      order: o
        ? {
            id: o.id,
            orderNumber: o.order_number,
            title: o.title,
            state: o.state,
            teamName: names.team(o.team_id),
            completedAt: o.completed_at,
            // Residents see what happened and which team, not who at the centre did it.
            timeline: actions
              .filter((a) => a.order_id === o.id)
              .map((a) => ({
                action: a.action,
                fromState: a.from_state,
                toState: a.to_state,
                teamId: a.team_id,
                teamName: names.team(a.team_id),
                reasonCode: a.reason_code,
                note: null,
                actorName: null,
                at: a.at,
              })),
          }
        : null,
      ratingOpen: o?.state === 'completed' && !r,
      rating: r ? { stars: r.stars, comment: r.comment, createdAt: r.created_at } : null,
    };
  });
}
