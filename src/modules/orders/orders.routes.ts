import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Meta } from './order-access.ts';
import type { Actor } from '../../shared/actor.ts';
import { ALL_ROLES, type Role } from '../../shared/roles.ts';
import { CENTRE_ROLES, LEADER_ROLES, ORDER_READERS } from './orders.common.ts';
import {
  CancelOrder,
  CompleteOrder,
  DeclineOrder,
  DirectOrder,
  InboxItemView,
  OpenOrder,
  OrderDetailView,
  OrderPageQuery,
  OrderQuery,
  OrderView,
  RatingQuery,
  ReassignOrder,
  SuggestionView,
  TeamChoice,
  TeamRankingView,
} from './orders.schema.ts';
import { acceptOrder } from './accept-order.ts';
import { cancelOrder } from './cancel-order.ts';
import { completeOrder } from './complete-order.ts';
import { declineOrder } from './decline-order.ts';
import { directOrder } from './direct-order.ts';
import { getOrderDetail } from './get-order-detail.ts';
import { grabOrder } from './grab-order.ts';
import { listOrders, pageOrders } from './list-orders.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { needRoutes } from './needs.routes.ts';
import { openOrder } from './open-order.ts';
import { reassignOrder } from './reassign-order.ts';
import { teamRanking } from './ratings.service.ts';
import { suggestTeams } from './suggest-teams.ts';
import { teamInbox } from './team-inbox.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { ORDER_LIST_EXPORT } from './orders.exports.ts';

const Id = z.object({ id: z.string().uuid() });
const tags = ['volunteer-orders'];

/**
 * VS-5 派单/抢单 of an order, the team inbox and the team rankings (VS-7) under /api/v1/vs/; the
 * need routes (VS-3, VS-4, VS-7) live in needs.routes.ts and are registered here as well.
 */
export const orderRoutes: FastifyPluginAsyncZod = async (app, opts) => {
  await needRoutes(app, opts);
  const db = app.kysely;
  const pii = app.deps.pii;
  const meta = (request: { id: string }) => ({
    requestId: request.id,
    now: app.deps.now(),
    pii,
  });
  const windowHours = (h: number | undefined) => h ?? app.deps.config.vsOrderWindowHours;
  const detail = (id: string, actor: Actor) => getOrderDetail(db, pii, { id, actor });

  app.get(
    '/vs/orders',
    {
      config: { access: { roles: CENTRE_ROLES } },
      schema: {
        tags,
        summary: 'Orders in my region by state (the centre board)',
        querystring: OrderQuery,
        response: { 200: z.array(OrderView) },
      },
    },
    async (request) => listOrders(db, { ...request.query, actor: actorOf(request) }),
  );

  app.get(
    '/vs/orders/page',
    {
      config: { access: { roles: CENTRE_ROLES } },
      schema: {
        tags,
        summary:
          'The same orders paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: OrderPageQuery,
        response: { 200: keysetPageSchema(OrderView) },
      },
    },
    async (request) => pageOrders(db, { ...request.query, actor: actorOf(request) }),
  );

  app.get(
    '/vs/orders/:id',
    {
      config: { access: { roles: ORDER_READERS } },
      schema: {
        tags,
        summary:
          'One order with its needs and timeline (centre staff in scope; leaders of teams it concerns)',
        description:
          'Team leaders see the requester contact only once their team holds the order (accepted, in service, completed).',
        params: Id,
        response: { 200: OrderDetailView },
      },
    },
    async (request) => detail(request.params.id, actorOf(request)),
  );

  app.get(
    '/vs/orders/:id/suggestions',
    {
      config: { access: { roles: CENTRE_ROLES } },
      schema: {
        tags,
        summary: 'Ranked teams for directed dispatch, each score component shown',
        params: Id,
        response: { 200: SuggestionView },
      },
    },
    async (request) => suggestTeams(db, { id: request.params.id, actor: actorOf(request) }),
  );

  const centreAction = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (id: string, body: z.infer<B>, m: Meta) => Promise<void>,
    roles: readonly Role[] = CENTRE_ROLES,
  ) =>
    app.post(
      `/vs/orders/:id/${path}`,
      {
        config: { access: { roles }, idempotent: true },
        schema: { tags, summary, params: Id, body, response: { 200: OrderDetailView } },
      },
      async (request) => {
        const p = request.params;
        await run(p.id, request.body as z.infer<B>, { actor: actorOf(request), ...meta(request) });
        return detail(p.id, actorOf(request));
      },
    );

  centreAction(
    'direct',
    'Direct an awaiting order to a team (window: windowHours, default VS_ORDER_WINDOW_HOURS)',
    DirectOrder,
    (id, b, m) =>
      directOrder(db, { id, teamId: b.teamId, windowHours: windowHours(b.windowHours), ...m }),
  );
  centreAction(
    'open',
    'Open an order for grabbing by eligible teams of its town',
    OpenOrder,
    (id, b, m) => openOrder(db, { id, windowHours: windowHours(b.windowHours), ...m }),
  );
  centreAction(
    'reassign',
    'Take an order back to the centre, or straight to another team, with a note',
    ReassignOrder,
    (id, b, m) =>
      reassignOrder(db, {
        id,
        teamId: b.teamId,
        note: b.note,
        windowHours: windowHours(b.windowHours),
        ...m,
      }),
  );
  centreAction(
    'cancel',
    'Cancel an order with a reason (requesters are told)',
    CancelOrder,
    (id, b, m) => cancelOrder(db, { id, reason: b.reason, ...m }),
  );
  centreAction(
    'accept',
    'Accept an order directed to my team (team leader)',
    TeamChoice,
    (id, b, m) => acceptOrder(db, { id, teamId: b.teamId, ...m }),
    LEADER_ROLES,
  );
  centreAction(
    'grab',
    'Grab an open order for my team: the first wins, the others get 409 ORDER_ALREADY_TAKEN',
    TeamChoice,
    (id, b, m) => grabOrder(db, { id, teamId: b.teamId, ...m }),
    LEADER_ROLES,
  );
  centreAction(
    'decline',
    'Decline an order directed to my team with a coded reason (back to the centre)',
    DeclineOrder,
    (id, b, m) => declineOrder(db, { id, body: b, ...m }),
    LEADER_ROLES,
  );
  centreAction(
    'complete',
    'Mark the service done (centre staff, or the leader of the team holding it); requesters are asked to rate',
    CompleteOrder,
    (id, b, m) => completeOrder(db, { id, note: b.note, ...m }),
    ORDER_READERS,
  );

  app.get(
    '/vs/inbox',
    {
      config: { access: { roles: LEADER_ROLES } },
      schema: {
        tags,
        summary: 'My teams’ inbox: directed to us, open for us to grab, held, recently done',
        response: { 200: z.array(InboxItemView) },
      },
    },
    async (request) => teamInbox(db, pii, { actor: actorOf(request) }),
  );

  app.get(
    '/vs/rankings/teams',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary:
          'Teams ranked by ratings; five-star teams: average ≥ 4.5 over ≥ minRatings ratings',
        querystring: RatingQuery,
        response: { 200: TeamRankingView },
      },
    },
    async (request) => teamRanking(db, request.query),
  );

  registerListExport(app, ORDER_LIST_EXPORT);
};
