/**
 * How a need is shown (VS-3/VS-4/VS-7): names, the contact masked, and the actions the caller may
 * take on it now (review it, merge it, rate it) from the workflow table.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsNeedTable, VsOrderState } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { CENTRE_ROLES, loadNames, type Names } from './orders.common.ts';
import { availableNeedActions, type NeedAction } from './order.workflow.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function presentNeed(n: VsNeedTable, names: Names, availableActions: NeedAction[]) {
  return {
    id: n.id,
    needNumber: n.need_number,
    regionCode: n.region_code,
    regionName: names.region(n.region_code),
    categoryCode: n.category_code,
    categoryName: names.category(n.category_code),
    projectId: n.project_id,
    projectName: names.project(n.project_id),
    description: n.description,
    place: n.place,
    wantedFrom: n.wanted_from,
    wantedTo: n.wanted_to,
    contactName: n.contact_name,
    contactPhoneMasked: n.contact_phone_masked,
    channel: n.channel,
    hasAccount: n.requester_account_id !== null,
    toCallBack: n.requester_account_id === null,
    recordedBy: names.account(n.recorded_by),
    status: n.status,
    rejectReason: n.reject_reason,
    orderId: n.order_id,
    createdAt: n.created_at,
    reviewedAt: n.reviewed_at,
    availableActions,
  };
}

export async function needNames(db: Db, needs: VsNeedTable[]) {
  return loadNames(db, {
    regions: needs.map((n) => n.region_code),
    categories: needs.map((n) => n.category_code),
    accounts: needs.map((n) => n.recorded_by),
    projects: needs.map((n) => n.project_id),
  });
}

/** What each need's life has reached beyond its own row: its order's state, whether it was rated. */
export interface NeedLife {
  orderState(n: VsNeedTable): VsOrderState | null;
  rated(n: VsNeedTable): boolean;
}

export async function needLife(db: Db, needs: VsNeedTable[]): Promise<NeedLife> {
  const orderIds = [...new Set(needs.map((n) => n.order_id).filter((x): x is string => !!x))];
  const [orders, ratings] = await Promise.all([
    orderIds.length
      ? db.selectFrom('vs_orders').select(['id', 'state']).where('id', 'in', orderIds).execute()
      : [],
    needs.length
      ? db
          .selectFrom('vs_ratings')
          .select('need_id')
          .where(
            'need_id',
            'in',
            needs.map((n) => n.id),
          )
          .execute()
      : [],
  ]);
  const states = new Map(orders.map((o) => [o.id, o.state]));
  const rated = new Set(ratings.map((r) => r.need_id));
  return {
    orderState: (n) => (n.order_id ? (states.get(n.order_id) ?? null) : null),
    rated: (n) => rated.has(n.id),
  };
}

/** The need actions this caller may take now. */
export function needActionsFor(actor: Actor, n: VsNeedTable, life: NeedLife): NeedAction[] {
  const centre = actor.grants.some(
    (g) =>
      (CENTRE_ROLES as readonly string[]).includes(g.role) &&
      n.region_code.startsWith(g.reachPrefix),
  );
  return availableNeedActions(
    {
      status: n.status,
      hasAccount: n.requester_account_id !== null,
      orderState: life.orderState(n),
      rated: life.rated(n),
    },
    { centre, requester: n.requester_account_id === actor.accountId },
  );
}

/** The needs as views for this caller, each with its available actions. */
export async function presentNeeds(db: Db, actor: Actor, needs: VsNeedTable[]) {
  const [names, life] = await Promise.all([needNames(db, needs), needLife(db, needs)]);
  return needs.map((n) => presentNeed(n, names, needActionsFor(actor, n, life)));
}
