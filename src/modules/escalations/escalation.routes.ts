import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeEscalation,
  ESCALATION_READERS,
  listEscalations,
  pageEscalations,
} from './escalation.service.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { ESCALATION_LIST_EXPORT, EscalationFilters } from './escalation-list.export.ts';

const EscalationView = z.object({
  id: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  reason: z.string(),
  dueDate: z.string(),
  escalatedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  caseNumber: z.string().nullable(),
  caseState: z.string().nullable(),
  stationName: z.string().nullable(),
});

/** GS-8: what the deadline sweep escalated, for supervisors and the town centre. */
export const escalationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/escalations',
    {
      config: { access: { roles: ESCALATION_READERS } },
      schema: {
        tags: ['cases'],
        summary: 'Escalated overdue matters in my reach (open ones by default)',
        querystring: EscalationFilters.extend({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(EscalationView) },
      },
    },
    async (request) =>
      listEscalations(app.kysely, {
        actor: actorOf(request),
        open: request.query.open === 'true',
        limit: request.query.limit,
        offset: request.query.offset,
      }),
  );

  app.get(
    '/escalations/page',
    {
      config: { access: { roles: ESCALATION_READERS } },
      schema: {
        tags: ['cases'],
        summary:
          'The same escalations paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: EscalationFilters.extend({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          after: AfterCursor,
        }),
        response: { 200: keysetPageSchema(EscalationView) },
      },
    },
    async (request) =>
      pageEscalations(app.kysely, {
        actor: actorOf(request),
        open: request.query.open === 'true',
        limit: request.query.limit,
        after: request.query.after,
      }),
  );

  app.post(
    '/escalations/:id/acknowledge',
    {
      config: { access: { roles: ESCALATION_READERS }, idempotent: true },
      schema: {
        tags: ['cases'],
        summary: 'Acknowledge an escalation',
        params: z.object({ id: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await acknowledgeEscalation(app.kysely, {
        id: request.params.id,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(204).send(null);
    },
  );

  registerListExport(app, ESCALATION_LIST_EXPORT);
};
