/**
 * How an order is shown (VS-5): names, need counts, the needs as a team sees them (contact only
 * once their team holds it), the timeline, and the actions the caller may take now.
 */
import type { Kysely } from 'kysely';
import type { Database, VsOrderTable, VsTeamTable } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { loadNames, type Names } from './orders.common.ts';
import { teamMayGrab } from './order.rules.ts';
import { TAKEN_STATES, type OrderAction } from './order.workflow.ts';

async function orderNames(db: Kysely<Database>, orders: VsOrderTable[]) {
  return loadNames(db, {
    regions: orders.map((o) => o.region_code),
    categories: orders.map((o) => o.category_code),
    teams: orders.flatMap((o) => [o.team_id, o.directed_team_id]),
  });
}

async function needCounts(db: Kysely<Database>, orderIds: string[]) {
  if (orderIds.length === 0) return new Map<string, { n: number; callBack: number }>();
  const rows = await db
    .selectFrom('vs_needs')
    .select(['order_id', 'requester_account_id'])
    .where('order_id', 'in', orderIds)
    .execute();
  const m = new Map<string, { n: number; callBack: number }>();
  for (const r of rows) {
    const c = m.get(r.order_id!) ?? { n: 0, callBack: 0 };
    c.n++;
    if (r.requester_account_id === null) c.callBack++;
    m.set(r.order_id!, c);
  }
  return m;
}

function presentOrder(
  o: VsOrderTable,
  names: Names,
  counts: { n: number; callBack: number },
  availableActions: OrderAction[],
) {
  const ref = (id: string | null) => (id ? { id, name: names.team(id) ?? '' } : null);
  return {
    id: o.id,
    orderNumber: o.order_number,
    title: o.title,
    description: o.description,
    categoryCode: o.category_code,
    categoryName: names.category(o.category_code),
    regionCode: o.region_code,
    regionName: names.region(o.region_code),
    place: o.place,
    wantedFrom: o.wanted_from,
    wantedTo: o.wanted_to,
    state: o.state,
    version: o.version,
    directedTeam: ref(o.directed_team_id),
    team: ref(o.team_id),
    grabRegionCode: o.grab_region_code,
    escalationLevel: o.escalation_level,
    windowEndsAt: o.window_ends_at,
    acceptedAt: o.accepted_at,
    completedAt: o.completed_at,
    cancelledAt: o.cancelled_at,
    cancelReason: o.cancel_reason,
    createdAt: o.created_at,
    needCount: counts.n,
    toCallBack: counts.callBack,
    availableActions,
  };
}

/** The orders as views, each with what the caller may do with it (`actionsOf`). */
export async function presentOrders(
  db: Kysely<Database>,
  orders: VsOrderTable[],
  actionsOf: (o: VsOrderTable) => OrderAction[],
) {
  const [names, counts] = await Promise.all([
    orderNames(db, orders),
    needCounts(
      db,
      orders.map((o) => o.id),
    ),
  ]);
  return orders.map((o) =>
    presentOrder(o, names, counts.get(o.id) ?? { n: 0, callBack: 0 }, actionsOf(o)),
  );
}

/** The needs as a team sees them: contact decrypted only for a team holding the order. */
export async function teamNeeds(
  db: Kysely<Database>,
  pii: PiiCipher,
  order: VsOrderTable,
  myTeamIds: string[],
) {
  const visible =
    order.team_id !== null &&
    myTeamIds.includes(order.team_id) &&
    TAKEN_STATES.includes(order.state);
  const needs = await db
    .selectFrom('vs_needs')
    .selectAll()
    .where('order_id', '=', order.id)
    .orderBy('created_at')
    .execute();
  return needs.map((n) => ({
    id: n.id,
    needNumber: n.need_number,
    description: n.description,
    place: n.place,
    wantedFrom: n.wanted_from,
    wantedTo: n.wanted_to,
    contactVisible: visible,
    contactName: visible ? n.contact_name : null,
    contactPhone: visible ? pii.decrypt(n.contact_phone_cipher) : null,
  }));
}

/** The teams of the caller that this order concerns (directed to, holding, or may grab). */
export function relevantTeams(order: VsOrderTable, mine: VsTeamTable[]): VsTeamTable[] {
  return mine.filter(
    (t) =>
      t.id === order.directed_team_id ||
      t.id === order.team_id ||
      (order.state === 'open' && teamMayGrab(t, order)),
  );
}

/** The order's timeline; the centre sees who acted, teams and requesters do not. */
export async function timeline(db: Kysely<Database>, orderId: string, withActors: boolean) {
  const rows = await db
    .selectFrom('vs_order_actions')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const names = await loadNames(db, {
    teams: rows.map((r) => r.team_id),
    accounts: withActors ? rows.map((r) => r.actor_id) : [],
  });
  return rows.map((a) => ({
    action: a.action,
    fromState: a.from_state,
    toState: a.to_state,
    teamId: a.team_id,
    teamName: names.team(a.team_id),
    reasonCode: a.reason_code,
    note: a.note,
    actorName: withActors ? (names.account(a.actor_id) ?? (a.actor_id ? null : 'system')) : null,
    at: a.at,
  }));
}
