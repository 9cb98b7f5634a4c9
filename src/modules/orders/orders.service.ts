/**
 * VS-5 派单/抢单: the centre directs an order to a team (with ranked suggestions) or opens it for
 * grabbing; a team's leader accepts or declines (coded reason) a directed order, or grabs an open
 * one — exactly one team wins, by a conditional update on (id, state, version); the centre
 * reassigns or cancels; staff or the holding team's leader complete it, after which requesters rate.
 */
import type { OrderMessage } from './orders.common.ts';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database, VsOrderState, VsOrderTable, VsTeamTable } from '../../db/schema.ts';
import { AppError, type ProblemCode } from '../../server/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, reachPrefixes, type Actor, type Grant } from '../auth/actor.ts';
import type { PiiCipher } from '../residents/pii-crypto.ts';
import { rankTeams, SCORE_FORMULA } from './dispatch-score.ts';
import { needNames, presentNeed } from './needs.service.ts';
import {
  addAction,
  CENTRE_ROLES,
  ledTeams,
  loadNames,
  notifyRequesters,
  notifyTeamLeader,
  type Names,
} from './orders.common.ts';
import type { DeclineOrder, OrderQuery } from './orders.schema.ts';
import { DEFAULT_WINDOW_HOURS, initialGrabRegion, teamMayGrab, windowEnd } from './order.rules.ts';
import {
  HELD_STATES,
  mayTransition,
  ORDER_TRANSITIONS,
  TAKEN_STATES,
  type OrderAction,
} from './order.workflow.ts';

type Meta = { actor: Actor; requestId: string; now: Date };

export async function loadOrder(db: Kysely<Database> | Transaction<Database>, id: string) {
  const o = await db.selectFrom('vs_orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw new AppError('VS_ORDER_NOT_FOUND');
  return o;
}

function centreGrant(actor: Actor, order: VsOrderTable): Grant | null {
  const g = actor.grants.find(
    (x) =>
      (CENTRE_ROLES as readonly string[]).includes(x.role) &&
      order.region_code.startsWith(x.reachPrefix),
  );
  return g ?? null;
}

/**
 * The one write of every transition: a conditional update on (id, state, version), the timeline
 * row and the audit event in one transaction. Losing a race → `conflict` (409), nothing written.
 */
async function transition(
  db: Kysely<Database>,
  t: Meta & {
    order: VsOrderTable;
    action: OrderAction;
    timelineAction?: string;
    to: VsOrderState;
    set: Partial<VsOrderTable>;
    teamId?: string | null;
    reasonCode?: string | null;
    note?: string | null;
    grant?: Grant | undefined;
    conflict?: ProblemCode;
    after?: (trx: Transaction<Database>) => Promise<void>;
  },
): Promise<void> {
  const { order, now } = t;
  const conflict = t.conflict ?? 'VS_ORDER_STATE_CONFLICT';
  if (!mayTransition(t.action, order.state)) throw new AppError(conflict);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('vs_orders')
      .set({ ...t.set, state: t.to, version: order.version + 1, updated_at: now.toISOString() })
      .where('id', '=', order.id)
      .where('state', 'in', [...ORDER_TRANSITIONS[t.action].from])
      .where('version', '=', order.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError(conflict);
    await addAction(trx, {
      orderId: order.id,
      action: t.timelineAction ?? t.action,
      from: order.state,
      to: t.to,
      teamId: t.teamId ?? null,
      reasonCode: t.reasonCode ?? null,
      note: t.note ?? null,
      actorId: t.actor.accountId,
      now,
    });
    await t.after?.(trx);
    await recordAudit(trx, {
      actor: auditActor(t.actor, t.grant),
      action: 'vs_order.transitioned',
      entityType: 'vs_order',
      entityId: order.id,
      regionCode: order.region_code,
      before: { state: order.state, version: order.version },
      after: {
        action: t.timelineAction ?? t.action,
        state: t.to,
        teamId: t.teamId ?? null,
        reasonCode: t.reasonCode ?? null,
        note: t.note ?? null,
      },
      requestId: t.requestId,
      now,
    });
  });
}

async function loadTeam(db: Kysely<Database>, id: string): Promise<VsTeamTable> {
  const team = await db.selectFrom('vs_teams').selectAll().where('id', '=', id).executeTakeFirst();
  if (!team) throw new AppError('VS_ORDER_TEAM_NOT_FOUND');
  return team;
}

/** A directed order's team: active, not a corps, and of the order's category (or a general team). */
function assertDirectable(team: VsTeamTable, order: VsOrderTable) {
  if (team.active !== 1 || team.kind === 'corps')
    throw new AppError('VS_TEAM_NOT_ELIGIBLE', { detail: 'inactive team or corps' });
  if (team.category_code !== null && team.category_code !== order.category_code)
    throw new AppError('VS_TEAM_NOT_ELIGIBLE', { detail: 'another category' });
}

const msgDirected = (o: VsOrderTable): OrderMessage => ({
  kind: 'vs_order_directed',
  params: { orderNumber: o.order_number, title: o.title },
});

export async function directOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; teamId: string; windowHours?: number | undefined },
) {
  const order = await loadOrder(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, order.region_code);
  const team = await loadTeam(db, input.teamId);
  assertDirectable(team, order);
  await transition(db, {
    ...input,
    order,
    grant,
    action: 'direct',
    timelineAction: 'directed',
    to: 'directed',
    teamId: team.id,
    set: {
      directed_team_id: team.id,
      window_ends_at: windowEnd(input.now, input.windowHours ?? DEFAULT_WINDOW_HOURS),
      dispatched_at: order.dispatched_at ?? input.now.toISOString(),
    },
    after: (trx) => notifyTeamLeader(trx, team.id, order.id, msgDirected(order), input.now),
  });
}

/** Opens for grabbing in the order's town (see initialGrabRegion), for a window. */
export async function openOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; windowHours?: number | undefined },
) {
  const order = await loadOrder(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, order.region_code);
  await transition(db, {
    ...input,
    order,
    grant,
    action: 'open',
    timelineAction: 'opened',
    to: 'open',
    set: {
      directed_team_id: null,
      grab_region_code: initialGrabRegion(order.region_code),
      escalation_level: 0,
      window_ends_at: windowEnd(input.now, input.windowHours ?? DEFAULT_WINDOW_HOURS),
      dispatched_at: order.dispatched_at ?? input.now.toISOString(),
    },
  });
}

/** Takes the order from its team (or from grabbing) back to the centre, or on to another team. */
export async function reassignOrder(
  db: Kysely<Database>,
  input: Meta & {
    id: string;
    teamId?: string | undefined;
    note: string;
    windowHours?: number | undefined;
  },
) {
  const order = await loadOrder(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, order.region_code);
  const team = input.teamId ? await loadTeam(db, input.teamId) : null;
  if (team) assertDirectable(team, order);
  const previousTeam = order.team_id ?? order.directed_team_id;
  await transition(db, {
    ...input,
    order,
    grant,
    action: 'reassign',
    timelineAction: 'reassigned',
    to: team ? 'directed' : 'awaiting_dispatch',
    teamId: team?.id ?? null,
    note: input.note,
    set: {
      directed_team_id: team?.id ?? null,
      team_id: null,
      accepted_at: null,
      grab_region_code: null,
      window_ends_at: team ? windowEnd(input.now, input.windowHours ?? DEFAULT_WINDOW_HOURS) : null,
    },
    after: async (trx) => {
      if (previousTeam && previousTeam !== team?.id)
        await notifyTeamLeader(
          trx,
          previousTeam,
          order.id,
          {
            kind: 'vs_order_reassigned',
            params: { orderNumber: order.order_number, title: order.title, note: input.note },
          },
          input.now,
        );
      if (team) await notifyTeamLeader(trx, team.id, order.id, msgDirected(order), input.now);
    },
  });
}

export async function cancelOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; reason: string },
) {
  const order = await loadOrder(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, order.region_code);
  await transition(db, {
    ...input,
    order,
    grant,
    action: 'cancel',
    timelineAction: 'cancelled',
    to: 'cancelled',
    note: input.reason,
    set: {
      cancelled_at: input.now.toISOString(),
      cancel_reason: input.reason,
      window_ends_at: null,
    },
    after: async (trx) => {
      await notifyRequesters(
        trx,
        order.id,
        {
          kind: 'vs_order_cancelled',
          params: { orderNumber: order.order_number, title: order.title, reason: input.reason },
        },
        input.now,
      );
      const holder = order.team_id ?? order.directed_team_id;
      if (holder)
        await notifyTeamLeader(
          trx,
          holder,
          order.id,
          {
            kind: 'vs_order_cancelled',
            params: { orderNumber: order.order_number, title: order.title, reason: input.reason },
          },
          input.now,
        );
    },
  });
}

/** Picks which of the leader's teams acts; `candidates` are those allowed for this order. */
function pickTeam(candidates: VsTeamTable[], teamId: string | undefined): VsTeamTable {
  if (teamId) {
    const t = candidates.find((x) => x.id === teamId);
    if (!t) throw new AppError('VS_ORDER_NOT_TEAM_LEADER');
    return t;
  }
  if (candidates.length === 0) throw new AppError('VS_ORDER_NOT_TEAM_LEADER');
  return candidates[0]!;
}

const msgTaken = (o: VsOrderTable, teamName: string): OrderMessage => ({
  kind: 'vs_order_taken',
  params: { orderNumber: o.order_number, title: o.title, team: teamName },
});

/** The directed team's leader accepts. */
export async function acceptOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; teamId?: string | undefined },
) {
  const order = await loadOrder(db, input.id);
  authorize(input.actor, ['team_leader']);
  const mine = await ledTeams(db, input.actor.accountId);
  if (order.state !== 'directed') throw new AppError('VS_ORDER_STATE_CONFLICT');
  const team = pickTeam(
    mine.filter((t) => t.id === order.directed_team_id),
    input.teamId,
  );
  await transition(db, {
    ...input,
    order,
    action: 'accept',
    timelineAction: 'accepted',
    to: 'accepted',
    teamId: team.id,
    set: { team_id: team.id, accepted_at: input.now.toISOString(), window_ends_at: null },
    after: async (trx) => {
      await notifyRequesters(trx, order.id, msgTaken(order, team.name), input.now);
    },
  });
}

/**
 * 抢单: the first eligible team wins. Every grab reads the order's version and updates on
 * (id, state 'open', version): under any number of parallel grabs exactly one update matches; the
 * others get ORDER_ALREADY_TAKEN (409) and write nothing.
 */
export async function grabOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; teamId?: string | undefined },
) {
  authorize(input.actor, ['team_leader']);
  const order = await loadOrder(db, input.id);
  if (TAKEN_STATES.includes(order.state)) throw new AppError('ORDER_ALREADY_TAKEN');
  if (order.state !== 'open') throw new AppError('VS_ORDER_STATE_CONFLICT');
  const mine = await ledTeams(db, input.actor.accountId);
  const eligible = mine.filter((t) => teamMayGrab(t, order));
  if (
    input.teamId &&
    mine.some((t) => t.id === input.teamId) &&
    !eligible.some((t) => t.id === input.teamId)
  )
    throw new AppError('VS_TEAM_NOT_ELIGIBLE');
  if (!input.teamId && eligible.length === 0 && mine.length > 0)
    throw new AppError('VS_TEAM_NOT_ELIGIBLE');
  const team = pickTeam(eligible, input.teamId);
  await transition(db, {
    ...input,
    order,
    action: 'grab',
    timelineAction: 'grabbed',
    to: 'accepted',
    teamId: team.id,
    conflict: 'ORDER_ALREADY_TAKEN',
    set: { team_id: team.id, accepted_at: input.now.toISOString(), window_ends_at: null },
    after: async (trx) => {
      await notifyRequesters(trx, order.id, msgTaken(order, team.name), input.now);
    },
  });
}

/** The directed team declines with a coded reason: back to the centre to reassign. */
export async function declineOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; body: z.infer<typeof DeclineOrder> },
) {
  const { body } = input;
  if (body.reasonCode === 'other' && !body.note) throw new AppError('VS_DECLINE_NOTE_REQUIRED');
  authorize(input.actor, ['team_leader']);
  const order = await loadOrder(db, input.id);
  const mine = await ledTeams(db, input.actor.accountId);
  if (order.state !== 'directed') throw new AppError('VS_ORDER_STATE_CONFLICT');
  const team = pickTeam(
    mine.filter((t) => t.id === order.directed_team_id),
    body.teamId,
  );
  await transition(db, {
    ...input,
    order,
    action: 'decline',
    timelineAction: 'declined',
    to: 'awaiting_dispatch',
    teamId: team.id,
    reasonCode: body.reasonCode,
    note: body.note ?? null,
    set: { directed_team_id: null, window_ends_at: null },
  });
}

/** Service done: centre staff in scope, or the leader of the team holding the order. */
export async function completeOrder(
  db: Kysely<Database>,
  input: Meta & { id: string; note?: string | undefined },
) {
  const order = await loadOrder(db, input.id);
  const grant = centreGrant(input.actor, order);
  if (!grant) {
    const mine = await ledTeams(db, input.actor.accountId);
    if (!order.team_id || !mine.some((t) => t.id === order.team_id)) {
      if (input.actor.grants.some((g) => g.role === 'volunteer_staff'))
        throw new AppError('OUT_OF_SCOPE');
      throw new AppError('VS_ORDER_NOT_TEAM_LEADER');
    }
  }
  await transition(db, {
    ...input,
    order,
    grant: grant ?? undefined,
    action: 'complete',
    timelineAction: 'completed',
    to: 'completed',
    teamId: order.team_id,
    note: input.note ?? null,
    set: { completed_at: input.now.toISOString() },
    after: async (trx) => {
      await notifyRequesters(
        trx,
        order.id,
        {
          kind: 'vs_order_completed',
          params: { orderNumber: order.order_number, title: order.title },
        },
        input.now,
      );
    },
  });
}

/* ---------- reading ---------- */

async function orderNames(db: Kysely<Database>, orders: VsOrderTable[], extraTeams: string[] = []) {
  return loadNames(db, {
    regions: orders.map((o) => o.region_code),
    categories: orders.map((o) => o.category_code),
    teams: [...orders.flatMap((o) => [o.team_id, o.directed_team_id]), ...extraTeams],
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

function presentOrder(o: VsOrderTable, names: Names, counts: { n: number; callBack: number }) {
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
  };
}

async function presentOrders(db: Kysely<Database>, orders: VsOrderTable[]) {
  const [names, counts] = await Promise.all([
    orderNames(db, orders),
    needCounts(
      db,
      orders.map((o) => o.id),
    ),
  ]);
  return orders.map((o) => presentOrder(o, names, counts.get(o.id) ?? { n: 0, callBack: 0 }));
}

/** The centre's orders in reach, by state; newest first. */
export async function listOrders(
  db: Kysely<Database>,
  input: z.infer<typeof OrderQuery> & { actor: Actor },
) {
  const prefixes = reachPrefixes(input.actor, CENTRE_ROLES);
  let q = db
    .selectFrom('vs_orders')
    .selectAll()
    .where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))));
  if (input.state) q = q.where('state', '=', input.state);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return presentOrders(db, rows);
}

/** The needs as a team sees them: contact decrypted only for a team holding the order. */
async function teamNeeds(
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
function relevantTeams(order: VsOrderTable, mine: VsTeamTable[]): VsTeamTable[] {
  return mine.filter(
    (t) =>
      t.id === order.directed_team_id ||
      t.id === order.team_id ||
      (order.state === 'open' && teamMayGrab(t, order)),
  );
}

async function timeline(db: Kysely<Database>, orderId: string, withActors: boolean) {
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

/** One order: centre staff in reach see the needs (masked); a team leader sees their team's view. */
export async function getOrderDetail(
  db: Kysely<Database>,
  pii: PiiCipher,
  input: { id: string; actor: Actor },
) {
  const order = await loadOrder(db, input.id);
  const grant = centreGrant(input.actor, order);
  const mine = input.actor.grants.some((g) => g.role === 'team_leader')
    ? await ledTeams(db, input.actor.accountId)
    : [];
  const relevant = relevantTeams(order, mine);
  // A team that was directed it before, declined it or lost it on reassignment still sees the
  // order itself (not the contact, not the needs' details beyond what every team sees).
  const past =
    !grant && relevant.length === 0 && mine.length > 0
      ? await db
          .selectFrom('vs_order_actions')
          .select('id')
          .where('order_id', '=', order.id)
          .where(
            'team_id',
            'in',
            mine.map((t) => t.id),
          )
          .executeTakeFirst()
      : undefined;
  if (!grant && relevant.length === 0 && !past) {
    throw new AppError(
      input.actor.grants.some((g) => g.role === 'volunteer_staff') ? 'OUT_OF_SCOPE' : 'FORBIDDEN',
    );
  }
  const [presented] = await presentOrders(db, [order]);
  const needs = grant
    ? await db
        .selectFrom('vs_needs')
        .selectAll()
        .where('order_id', '=', order.id)
        .orderBy('created_at')
        .execute()
    : [];
  const names = await needNames(db, needs);
  const leaderOf = (id: string | null) => id !== null && relevant.some((t) => t.id === id);
  return {
    ...presented!,
    needs: needs.map((n) => presentNeed(n, names)),
    teamNeeds: relevant.length
      ? await teamNeeds(
          db,
          pii,
          order,
          relevant.map((t) => t.id),
        )
      : [],
    timeline: await timeline(db, order.id, !!grant),
    can: {
      direct: !!grant && mayTransition('direct', order.state),
      open: !!grant && mayTransition('open', order.state),
      reassign: !!grant && mayTransition('reassign', order.state),
      cancel: !!grant && mayTransition('cancel', order.state),
      complete: mayTransition('complete', order.state) && (!!grant || leaderOf(order.team_id)),
      accept: order.state === 'directed' && leaderOf(order.directed_team_id),
      decline: order.state === 'directed' && leaderOf(order.directed_team_id),
      grab: order.state === 'open' && relevant.some((t) => teamMayGrab(t, order)),
    },
    myTeams: relevant.map((t) => ({ id: t.id, name: t.name })),
  };
}

/**
 * A team leader's inbox: orders directed to their teams, open orders they may grab, the orders
 * their teams hold, and the last completed ones. The contact stays hidden until their team holds it.
 */
export async function teamInbox(db: Kysely<Database>, pii: PiiCipher, input: { actor: Actor }) {
  const mine = await ledTeams(db, input.actor.accountId);
  if (mine.length === 0) return [];
  const ids = mine.map((t) => t.id);
  const cats = [...new Set(mine.map((t) => t.category_code).filter((c): c is string => !!c))];
  const [directed, held, done, open] = await Promise.all([
    db
      .selectFrom('vs_orders')
      .selectAll()
      .where('state', '=', 'directed')
      .where('directed_team_id', 'in', ids)
      .orderBy('window_ends_at')
      .execute(),
    db
      .selectFrom('vs_orders')
      .selectAll()
      .where('state', 'in', [...HELD_STATES])
      .where('team_id', 'in', ids)
      .orderBy('accepted_at', 'desc')
      .execute(),
    db
      .selectFrom('vs_orders')
      .selectAll()
      .where('state', '=', 'completed')
      .where('team_id', 'in', ids)
      .orderBy('completed_at', 'desc')
      .limit(20)
      .execute(),
    cats.length
      ? db
          .selectFrom('vs_orders')
          .selectAll()
          .where('state', '=', 'open')
          .where('category_code', 'in', cats)
          .orderBy('window_ends_at')
          .limit(500)
          .execute()
      : [],
  ]);
  const grabbable = open.filter((o) => mine.some((t) => teamMayGrab(t, o)));
  const boxes: ['directed' | 'open' | 'held' | 'done', VsOrderTable[]][] = [
    ['directed', directed],
    ['open', grabbable],
    ['held', held],
    ['done', done],
  ];
  const all = boxes.flatMap(([, os]) => os);
  const presented = await presentOrders(db, all);
  const out = [];
  let i = 0;
  for (const [box, orders] of boxes)
    for (const o of orders) {
      const rel = relevantTeams(o, mine);
      out.push({
        ...presented[i++]!,
        box,
        teamNeeds: await teamNeeds(
          db,
          pii,
          o,
          rel.map((t) => t.id),
        ),
        myTeams: rel.map((t) => ({ id: t.id, name: t.name })),
      });
    }
  return out;
}

/**
 * Ranked teams for directed dispatch: active teams and sub-teams of the order's district, each
 * scored by category, region-tree distance and current load (see dispatch-score.ts).
 */
export async function suggestTeams(db: Kysely<Database>, input: { id: string; actor: Actor }) {
  const order = await loadOrder(db, input.id);
  authorize(input.actor, CENTRE_ROLES, order.region_code);
  const teams = await db
    .selectFrom('vs_teams')
    .selectAll()
    .where('active', '=', 1)
    .where('kind', '!=', 'corps')
    .where('region_code', 'like', `${order.region_code.slice(0, 6)}%`)
    .where((eb) =>
      eb.or([eb('category_code', '=', order.category_code), eb('category_code', 'is', null)]),
    )
    .limit(500)
    .execute();
  const load = new Map<string, number>();
  if (teams.length) {
    const busy = await db
      .selectFrom('vs_orders')
      .select(['team_id', 'directed_team_id', 'state'])
      .where((eb) =>
        eb.or([
          eb.and([eb('state', 'in', [...HELD_STATES]), eb('team_id', 'is not', null)]),
          eb('state', '=', 'directed'),
        ]),
      )
      .execute();
    for (const b of busy) {
      const id = b.state === 'directed' ? b.directed_team_id : b.team_id;
      if (id) load.set(id, (load.get(id) ?? 0) + 1);
    }
  }
  const ranked = rankTeams(teams.map((t) => ({ team: t, order, load: load.get(t.id) ?? 0 }))).slice(
    0,
    10,
  );
  return {
    formula: SCORE_FORMULA,
    teams: ranked.map((s) => {
      const t = teams.find((x) => x.id === s.teamId)!;
      return {
        ...s,
        teamName: t.name,
        regionCode: t.region_code,
        categoryCode: t.category_code,
      };
    }),
  };
}
