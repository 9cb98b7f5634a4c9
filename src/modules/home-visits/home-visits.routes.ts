import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import { VISIT_STAFF } from './home-visits.access.ts';
import {
  CancelMyVisit,
  CompleteVisit,
  HomeVisitView,
  MyRecordView,
  MyVisitRequest,
  MyVisitView,
  NewHomeVisit,
  RecordSummary,
  RevealedRecord,
  RevealRecord,
  RouteOrder,
  RouteQuery,
  RouteView,
  ScheduleVisits,
  VisitNote,
  VisitParams,
  VisitQuery,
} from './home-visits.schema.ts';
import { NewVisitRecord } from './visit-record.templates.ts';
import { transitionVisit } from './visit-actions.ts';
import { addVisitRecord, myVisitRecords, revealVisitRecord } from './visit-records.ts';
import { getRoute, listRoutes, reorderRoute, scheduleVisits } from './visit-routes.ts';
import { getVisit, listVisits } from './visit-view.ts';
import { pageVisits } from './visit-list.page.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';
import { requestVisit } from './request-visit.ts';
import { myVisits, requestMyVisit } from './my-visits.ts';
import { cancelMyVisit } from './my-visit-cancel.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { visitListExport } from './visit-list.export.ts';

const tags = ['home-visits'];

/** 上门服务 home visits (GS-10): requests, the day's routes per village, outcomes and records. */
export const homeVisitRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.kysely, pii: app.deps.pii };

  app.post(
    '/home-visits',
    {
      config: { access: { roles: VISIT_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Record a home-visit request (from the resident, a relative, the agent or a call)',
        description: 'The contact phone is stored encrypted and answered masked.',
        body: NewHomeVisit,
        response: { 201: HomeVisitView },
      },
    },
    async (request, reply) => {
      const created = await requestVisit(deps, {
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/home-visits',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags,
        summary: 'Home visits of my stations (region grants: those in reach, without records)',
        querystring: VisitQuery,
        response: { 200: z.array(HomeVisitView) },
      },
    },
    async (request) => listVisits(deps, { ...request.query, actor: actorOf(request) }),
  );

  app.get(
    '/home-visits/page',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags,
        summary:
          'The same home visits paged by keyset (newest first): nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: VisitQuery.extend({
          after: AfterCursor,
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: keysetPageSchema(HomeVisitView) },
      },
    },
    async (request) => pageVisits(deps, { ...request.query, actor: actorOf(request) }),
  );

  app.get(
    '/home-visits/routes',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags,
        summary: "A day's routes, one per village, stops in order",
        querystring: RouteQuery,
        response: { 200: z.array(RouteView) },
      },
    },
    async (request) => listRoutes(deps, { day: request.query.day, actor: actorOf(request) }),
  );

  app.post(
    '/home-visits/schedule',
    {
      config: { access: { roles: VISIT_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Schedule visits for a day: batched by village into routes, stops appended',
        body: ScheduleVisits,
        response: { 200: z.array(RouteView) },
      },
    },
    async (request) =>
      scheduleVisits(deps, {
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.get(
    '/home-visits/routes/:id',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: { tags, summary: 'One route', params: VisitParams, response: { 200: RouteView } },
    },
    async (request) => getRoute(deps, { id: request.params.id, actor: actorOf(request) }),
  );

  app.put(
    '/home-visits/routes/:id/order',
    {
      config: { access: { roles: VISIT_STAFF } },
      schema: {
        tags,
        summary: "Put a route's stops in a manual order (every stop exactly once)",
        params: VisitParams,
        body: RouteOrder,
        response: { 200: RouteView },
      },
    },
    async (request) =>
      reorderRoute(deps, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  // Issue #14: the resident's own side (light phone pages): ask for a visit, see one's visits.
  app.post(
    '/home-visits/mine',
    {
      config: { access: { roles: ['resident'] }, idempotent: true },
      schema: {
        tags,
        summary: 'Ask for a home visit for myself (the resident, or a relative on my account)',
        description:
          "Served by the station of the resident's village; one open request at a time (VISIT_ALREADY_REQUESTED). The resident hears by notification and SMS when it is scheduled and when it is done.",
        body: MyVisitRequest,
        response: { 201: MyVisitView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await requestMyVisit(deps, {
          body: request.body,
          actor: actorOf(request),
          requestId: request.id,
          now: app.deps.now(),
        }),
      ),
  );

  app.get(
    '/home-visits/mine',
    {
      config: { access: { roles: ['resident'] } },
      schema: {
        tags,
        summary: 'My own home visits: status, the day and window, and the records made on them',
        response: { 200: z.array(MyVisitView) },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return myVisits(deps, { actor: actorOf(request) });
    },
  );

  app.post(
    '/home-visits/mine/:id/cancel',
    {
      config: { access: { roles: ['resident'] }, idempotent: true },
      schema: {
        tags,
        summary:
          'Cancel my own home visit before it starts (requested or scheduled), with a reason',
        description:
          'The transition table decides (availableActions on GET /home-visits/mine); the visit leaves its route and the station staff are notified. Another resident’s visit is VISIT_NOT_FOUND.',
        params: VisitParams,
        body: CancelMyVisit,
        response: { 200: MyVisitView },
      },
    },
    async (request) =>
      cancelMyVisit(deps, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.get(
    '/home-visits/records/mine',
    {
      config: { access: { roles: ['resident'] } },
      schema: {
        tags,
        summary: 'My own home-visit records (the resident, in full)',
        response: { 200: z.array(MyRecordView) },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return myVisitRecords(deps, { actor: actorOf(request) });
    },
  );

  app.post(
    '/home-visits/records/:id/reveal',
    {
      config: { access: { roles: VISIT_STAFF } },
      schema: {
        tags,
        summary: "Show a record's values to visiting-unit staff other than its author; audited",
        params: VisitParams,
        body: RevealRecord,
        response: { 200: RevealedRecord },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return revealVisitRecord(deps, {
        id: request.params.id,
        reason: request.body.reason,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
    },
  );

  app.get(
    '/home-visits/:id',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags,
        summary: 'One home visit',
        params: VisitParams,
        response: { 200: HomeVisitView },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return getVisit(deps, { id: request.params.id, actor: actorOf(request) });
    },
  );

  for (const action of ['depart', 'not_home', 'cancel'] as const)
    app.post(
      `/home-visits/:id/${action.replace('_', '-')}`,
      {
        config: { access: { roles: VISIT_STAFF }, idempotent: true },
        schema: {
          tags,
          summary: `Visit transition: ${action} (the visiting unit)`,
          params: VisitParams,
          body: VisitNote,
          response: { 200: HomeVisitView },
        },
      },
      async (request) =>
        transitionVisit(deps, {
          id: request.params.id,
          action,
          note: request.body.note,
          actor: actorOf(request),
          requestId: request.id,
          now: app.deps.now(),
        }),
    );

  app.post(
    '/home-visits/:id/complete',
    {
      config: { access: { roles: VISIT_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'The visit is done; the case filed on the spot (channel home_visit) is linked',
        params: VisitParams,
        body: CompleteVisit,
        response: { 200: HomeVisitView },
      },
    },
    async (request) =>
      transitionVisit(deps, {
        id: request.params.id,
        action: 'complete',
        caseId: request.body.caseId,
        note: request.body.note,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.post(
    '/home-visits/:id/records',
    {
      config: { access: { roles: VISIT_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Add a structured record (template) to a visit; out-of-range values flagged',
        description: 'Values are stored encrypted; never logged, never in the audit chain.',
        params: VisitParams,
        body: NewVisitRecord,
        response: { 201: RecordSummary },
      },
    },
    async (request, reply) => {
      const created = await addVisitRecord(deps, {
        visitId: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  registerListExport(app, visitListExport(app.deps.pii));
};
