import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { ALL_ROLES, type Role } from '../auth/roles.ts';
import {
  acceptNeed,
  getMenu,
  listMyNeeds,
  listNeeds,
  mergeNeeds,
  rejectNeed,
  submitNeed,
  submitNeedOnBehalf,
} from './needs.service.ts';
import { CENTRE_ROLES, LEADER_ROLES, ORDER_READERS, RECORDER_ROLES } from './orders.common.ts';
import {
  AcceptNeed,
  CancelOrder,
  CompleteOrder,
  DeclineOrder,
  DirectOrder,
  InboxItemView,
  MenuQuery,
  MenuView,
  MergeNeeds,
  MyNeedView,
  NeedQuery,
  NeedView,
  NewNeed,
  NewNeedOnBehalf,
  NewRating,
  OpenOrder,
  OrderDetailView,
  OrderQuery,
  OrderView,
  RatingQuery,
  RatingView,
  ReassignOrder,
  RejectNeed,
  SuggestionView,
  TeamChoice,
  TeamRankingView,
} from './orders.schema.ts';
import {
  acceptOrder,
  cancelOrder,
  completeOrder,
  declineOrder,
  directOrder,
  getOrderDetail,
  grabOrder,
  listOrders,
  openOrder,
  reassignOrder,
  suggestTeams,
  teamInbox,
} from './orders.service.ts';
import { rateNeed, teamRanking } from './ratings.service.ts';
import { actorOf } from '../../server/route-actor.ts';

const Id = z.object({ id: z.string().uuid() });
const tags = ['volunteer-orders'];

/** VS-3 点单, VS-4 审单/合并, VS-5 派单/抢单, VS-7 评单 under /api/v1/vs/. */
export const orderRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const pii = app.deps.pii;
  const meta = (request: { id: string }) => ({
    requestId: request.id,
    now: app.deps.now(),
  });
  const windowHours = (h: number | undefined) => h ?? app.deps.config.vsOrderWindowHours;
  const detail = (id: string, actor: Actor) => getOrderDetail(db, pii, { id, actor });

  app.get(
    '/vs/menu',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary:
          'The service menu for a place: categories and on-menu projects of its town and above',
        querystring: MenuQuery,
        response: { 200: MenuView },
      },
    },
    async (request) => getMenu(db, request.query),
  );

  app.post(
    '/vs/needs',
    {
      config: { access: { roles: ALL_ROLES }, idempotent: true },
      schema: {
        tags,
        summary: 'Order a service for myself (点单): from the menu (projectId) or a custom need',
        description:
          'Category (or a menu project), description, place, wanted window and contact. The phone is stored encrypted and shown masked; volunteers see the contact only once their team has accepted.',
        body: NewNeed,
        response: { 201: NeedView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await submitNeed(db, pii, {
          body: request.body,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  app.post(
    '/vs/needs/on-behalf',
    {
      config: { access: { roles: RECORDER_ROLES }, idempotent: true },
      schema: {
        tags,
        summary: 'Order on a resident’s behalf (phone call, WeChat message, walk-in), in my scope',
        description:
          'Recorded as such (channel, recorded by). With a residentId whose resident has an account, that account follows and rates the order; otherwise the need is flagged toCallBack.',
        body: NewNeedOnBehalf,
        response: { 201: NeedView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await submitNeedOnBehalf(db, pii, {
          body: request.body,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  app.get(
    '/vs/needs/mine',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary: 'My orders: my needs with their status, the order’s state and timeline, rating',
        response: { 200: z.array(MyNeedView) },
      },
    },
    async (request) => listMyNeeds(db, { actor: actorOf(request) }),
  );

  app.get(
    '/vs/needs',
    {
      config: { access: { roles: CENTRE_ROLES } },
      schema: {
        tags,
        summary: 'Needs in my region (centre staff), newest first; contact masked',
        querystring: NeedQuery,
        response: { 200: z.array(NeedView) },
      },
    },
    async (request) => listNeeds(db, { ...request.query, actor: actorOf(request) }),
  );

  app.post(
    '/vs/needs/:id/accept',
    {
      config: { access: { roles: CENTRE_ROLES }, idempotent: true },
      schema: {
        tags,
        summary: 'Accept a submitted need into a new order (awaiting dispatch)',
        params: Id,
        body: AcceptNeed,
        response: { 201: OrderDetailView },
      },
    },
    async (request, reply) => {
      const id = await acceptNeed(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        ...meta(request),
      });
      return reply.status(201).send(await detail(id, actorOf(request)));
    },
  );

  app.post(
    '/vs/needs/:id/reject',
    {
      config: { access: { roles: CENTRE_ROLES }, idempotent: true },
      schema: {
        tags,
        summary: 'Reject a submitted need; the reason reaches the requester',
        params: Id,
        body: RejectNeed,
        response: { 200: NeedView },
      },
    },
    async (request) =>
      rejectNeed(db, {
        id: request.params.id,
        reason: request.body.reason,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/vs/needs/merge',
    {
      config: { access: { roles: CENTRE_ROLES }, idempotent: true },
      schema: {
        tags,
        summary: 'Merge similar needs into one order with a title',
        description:
          'At least two submitted needs of one category, all in one town and in my region. Every need stays linked to the order; every requester with an account is told.',
        body: MergeNeeds,
        response: { 201: OrderDetailView },
      },
    },
    async (request, reply) => {
      const id = await mergeNeeds(db, {
        body: request.body,
        actor: actorOf(request),
        ...meta(request),
      });
      return reply.status(201).send(await detail(id, actorOf(request)));
    },
  );

  app.post(
    '/vs/needs/:id/rating',
    {
      config: { access: { roles: ALL_ROLES }, idempotent: true },
      schema: {
        tags,
        summary:
          'Rate a completed order for my need (once; staff may record it for a requester without account)',
        params: Id,
        body: NewRating,
        response: { 201: RatingView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await rateNeed(db, {
          needId: request.params.id,
          stars: request.body.stars,
          comment: request.body.comment,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

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
    run: (
      id: string,
      body: z.infer<B>,
      m: { actor: Actor; requestId: string; now: Date },
    ) => Promise<void>,
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
};
