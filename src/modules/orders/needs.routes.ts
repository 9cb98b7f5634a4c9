import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../../shared/roles.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { getOrderDetail } from './get-order-detail.ts';
import { listMyNeeds } from './list-my-needs.ts';
import { listNeeds, pageNeeds } from './list-needs.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { getMenu } from './menu.ts';
import { mergeNeeds } from './merge-needs.ts';
import { CENTRE_ROLES, RECORDER_ROLES } from './orders.common.ts';
import {
  AcceptNeed,
  MenuQuery,
  MenuView,
  MergeNeeds,
  MyNeedView,
  NeedPageQuery,
  NeedQuery,
  NeedView,
  NewNeed,
  NewNeedOnBehalf,
  NewRating,
  OrderDetailView,
  RatingView,
  RejectNeed,
} from './orders.schema.ts';
import { rateNeed } from './ratings.service.ts';
import { acceptNeed, rejectNeed } from './review-need.ts';
import { submitNeed, submitNeedOnBehalf } from './submit-need.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { NEED_LIST_EXPORT } from './orders.exports.ts';

const Id = z.object({ id: z.string().uuid() });
const tags = ['volunteer-orders'];

/** VS-3 点单, VS-4 审单/合并 and VS-7 评单 of a need, under /api/v1/vs/. */
export const needRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const pii = app.deps.pii;
  const meta = (request: { id: string }) => ({
    requestId: request.id,
    now: app.deps.now(),
    pii,
  });
  const detail = (id: string, request: Parameters<typeof actorOf>[0]) =>
    getOrderDetail(db, pii, { id, actor: actorOf(request) });

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

  app.get(
    '/vs/needs/page',
    {
      config: { access: { roles: CENTRE_ROLES } },
      schema: {
        tags,
        summary:
          'The same needs paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: NeedPageQuery,
        response: { 200: keysetPageSchema(NeedView) },
      },
    },
    async (request) => pageNeeds(db, { ...request.query, actor: actorOf(request) }),
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
      return reply.status(201).send(await detail(id, request));
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
      return reply.status(201).send(await detail(id, request));
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

  registerListExport(app, NEED_LIST_EXPORT);
};
