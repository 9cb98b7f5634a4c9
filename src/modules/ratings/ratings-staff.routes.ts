/** GS-13 好差评, the staff side: ratings, rectification tickets, appeals, metrics and export. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { XLSX_CONTENT_TYPE } from '../programs/program-figures.workbook.ts';
import { actOnTicket, getTicket, listTickets, pageTickets } from './rating-tickets.ts';
import { decideAppeal, fileAppeal, getAppeal, listAppeals, pageAppeals } from './rating-appeals.ts';
import { listRatings, pageRatings } from './ratings.view.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { ratingMetrics } from './ratings-metrics.service.ts';
import { exportRatings, exportRatingsWorkbook } from './ratings-export.ts';
import {
  APPEAL_DECIDERS,
  APPEAL_FILERS,
  RATING_HANDLERS,
  RATING_READERS,
} from './ratings.access.ts';
import {
  AppealBody,
  AppealDecisionBody,
  AppealListQuery,
  AppealPageQuery,
  AppealView,
  ExportQuery,
  ExportView,
  ExportXlsxQuery,
  IdParams,
  MetricsQuery,
  MetricsView,
  RatingListQuery,
  RatingPageQuery,
  RatingView,
  TicketListQuery,
  TicketPageQuery,
  TicketStepBody,
  TicketView,
} from './ratings.schema.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import {
  RATING_LIST_EXPORT,
  TICKET_LIST_EXPORT,
  appealListExport,
} from './ratings-lists.export.ts';

const tags = ['ratings'];
const APPEAL_READERS = [...APPEAL_FILERS, ...APPEAL_DECIDERS];

export const ratingStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/ratings',
    {
      config: { access: { roles: RATING_READERS } },
      schema: {
        tags,
        summary: 'Ratings in my reach, newest first (the rater is hidden from the rated staff)',
        querystring: RatingListQuery,
        response: { 200: z.array(RatingView) },
      },
    },
    async (request) =>
      listRatings(db, {
        actor: actorOf(request),
        bad: request.query.bad === 'true',
        limit: request.query.limit,
        offset: request.query.offset,
      }),
  );

  app.get(
    '/ratings/page',
    {
      config: { access: { roles: RATING_READERS } },
      schema: {
        tags,
        summary:
          'The same list paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: RatingPageQuery,
        response: { 200: keysetPageSchema(RatingView) },
      },
    },
    async (request) =>
      pageRatings(db, {
        actor: actorOf(request),
        bad: request.query.bad === 'true',
        limit: request.query.limit,
        after: request.query.after,
      }),
  );

  app.get(
    '/ratings/tickets',
    {
      config: { access: { roles: RATING_HANDLERS } },
      schema: {
        tags,
        summary: 'Rectification tickets in my reach',
        querystring: TicketListQuery,
        response: { 200: z.array(TicketView) },
      },
    },
    async (request) =>
      listTickets(db, {
        actor: actorOf(request),
        open: request.query.open === 'true',
        limit: request.query.limit,
        offset: request.query.offset,
        now: app.deps.now(),
      }),
  );

  app.get(
    '/ratings/tickets/page',
    {
      config: { access: { roles: RATING_HANDLERS } },
      schema: {
        tags,
        summary:
          'The same list paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: TicketPageQuery,
        response: { 200: keysetPageSchema(TicketView) },
      },
    },
    async (request) =>
      pageTickets(db, {
        actor: actorOf(request),
        open: request.query.open === 'true',
        limit: request.query.limit,
        after: request.query.after,
        now: app.deps.now(),
      }),
  );

  app.get(
    '/ratings/tickets/:id',
    {
      config: { access: { roles: RATING_HANDLERS } },
      schema: {
        tags,
        summary: 'One rectification ticket',
        params: IdParams,
        response: { 200: TicketView },
      },
    },
    async (request) =>
      getTicket(db, { id: request.params.id, actor: actorOf(request), now: app.deps.now() }),
  );

  app.post(
    '/ratings/tickets/:id/steps',
    {
      config: { access: { roles: RATING_HANDLERS }, idempotent: true },
      schema: {
        tags,
        summary:
          'A step of a rectification ticket (call back, classify, rectify/explain, reply, close)',
        params: IdParams,
        body: TicketStepBody,
        response: { 200: TicketView },
      },
    },
    async (request) =>
      actOnTicket(db, {
        id: request.params.id,
        step: request.body,
        actor: actorOf(request),
        now: app.deps.now(),
        requestId: request.id,
      }),
  );

  app.post(
    '/ratings/:id/appeal',
    {
      config: { access: { roles: APPEAL_FILERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Appeal a malicious or mistaken 差评 (a supervisor decides)',
        params: IdParams,
        body: AppealBody,
        response: { 201: AppealView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await fileAppeal(db, {
          ratingId: request.params.id,
          reason: request.body.reason,
          actor: actorOf(request),
          now: app.deps.now(),
          requestId: request.id,
        }),
      ),
  );

  app.get(
    '/ratings/appeals',
    {
      config: { access: { roles: APPEAL_READERS } },
      schema: {
        tags,
        summary: 'Appeals in my reach',
        querystring: AppealListQuery,
        response: { 200: z.array(AppealView) },
      },
    },
    async (request) =>
      listAppeals(db, {
        actor: actorOf(request),
        pending: request.query.pending === 'true',
        limit: request.query.limit,
        offset: request.query.offset,
      }),
  );

  app.get(
    '/ratings/appeals/page',
    {
      config: { access: { roles: APPEAL_READERS } },
      schema: {
        tags,
        summary:
          'The same list paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: AppealPageQuery,
        response: { 200: keysetPageSchema(AppealView) },
      },
    },
    async (request) =>
      pageAppeals(db, {
        actor: actorOf(request),
        pending: request.query.pending === 'true',
        limit: request.query.limit,
        after: request.query.after,
      }),
  );

  app.get(
    '/ratings/appeals/:id',
    {
      config: { access: { roles: APPEAL_READERS } },
      schema: { tags, summary: 'One appeal', params: IdParams, response: { 200: AppealView } },
    },
    async (request) => getAppeal(db, { id: request.params.id, actor: actorOf(request) }),
  );

  app.post(
    '/ratings/appeals/:id/decision',
    {
      config: { access: { roles: APPEAL_DECIDERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Uphold (exclude from the metrics, keep in the record) or reject an appeal',
        params: IdParams,
        body: AppealDecisionBody,
        response: { 200: AppealView },
      },
    },
    async (request) =>
      decideAppeal(db, {
        id: request.params.id,
        uphold: request.body.decision === 'uphold',
        note: request.body.note,
        actor: actorOf(request),
        now: app.deps.now(),
        requestId: request.id,
      }),
  );

  app.get(
    '/ratings/metrics',
    {
      config: { access: { roles: RATING_READERS } },
      schema: {
        tags,
        summary:
          'The month’s 好差评 metrics per staff member, station or town; station ranking; 12345 trio',
        querystring: MetricsQuery,
        response: { 200: MetricsView },
      },
    },
    async (request) => ratingMetrics(db, { actor: actorOf(request), ...request.query }),
  );

  app.get(
    '/ratings/export',
    {
      config: { access: { roles: RATING_READERS } },
      schema: {
        tags,
        summary: 'The month’s ratings in the national record fields (JSON)',
        querystring: ExportQuery,
        response: { 200: ExportView },
      },
    },
    async (request) => ({
      month: request.query.month,
      records: await exportRatings(db, { actor: actorOf(request), month: request.query.month }),
    }),
  );

  app.get(
    '/ratings/export.xlsx',
    {
      config: { access: { roles: RATING_READERS } },
      schema: {
        tags,
        summary: 'The month’s ratings in the national record fields (Excel)',
        querystring: ExportXlsxQuery,
      },
    },
    async (request, reply) => {
      const file = await exportRatingsWorkbook(db, { actor: actorOf(request), ...request.query });
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );

  registerListExport(app, RATING_LIST_EXPORT);
  registerListExport(app, TICKET_LIST_EXPORT);
  registerListExport(app, appealListExport(APPEAL_READERS));
};
