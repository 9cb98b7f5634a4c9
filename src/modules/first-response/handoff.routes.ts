import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES } from '../../shared/roles.ts';
import {
  DeclineHandoff,
  HandoffPageQuery,
  HandoffQuery,
  HandoffView,
  NewHandoff,
} from './handoff.schema.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { createHandoff, decideHandoff } from './handoff.service.ts';
import { getHandoff, listHandoffs, pageHandoffs } from './handoff.view.ts';
import { HANDLER_ROLES } from './matter.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { HANDOFF_LIST_EXPORT } from './first-response.exports.ts';

const Id = z.object({ id: z.string().uuid() });

/** 转办 hand-offs (GS-4). */
export const handoffRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const meta = (request: { id: string }) => ({
    requestId: request.id,
    now: app.deps.now(),
  });

  app.post(
    '/handoffs',
    {
      config: { access: { roles: HANDLER_ROLES }, idempotent: true },
      schema: {
        tags: ['first-response'],
        summary: 'Hand a case or an inquiry to a named colleague in reach, with a reason',
        description:
          'Only the current handler or the first responder may hand a matter on; one pending hand-off per matter. The deadline is dueDays working days (default 1). The first responder stays accountable until the receiver accepts. The reason is free text: no ID or mobile numbers.',
        body: NewHandoff,
        response: { 201: HandoffView },
      },
    },
    async (request, reply) => {
      const created = await createHandoff(db, {
        body: request.body,
        actor: actorOf(request),
        ...meta(request),
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/handoffs/:id/accept',
    {
      config: { access: { roles: HANDLER_ROLES }, idempotent: true },
      schema: {
        tags: ['first-response'],
        summary: 'Accept a hand-off (the receiver only; of two parallel answers one wins)',
        params: Id,
        response: { 200: HandoffView },
      },
    },
    async (request) =>
      decideHandoff(db, {
        id: request.params.id,
        decision: 'accepted',
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/handoffs/:id/decline',
    {
      config: { access: { roles: HANDLER_ROLES }, idempotent: true },
      schema: {
        tags: ['first-response'],
        summary: 'Decline a hand-off with a reason (the receiver only)',
        params: Id,
        body: DeclineHandoff,
        response: { 200: HandoffView },
      },
    },
    async (request) =>
      decideHandoff(db, {
        id: request.params.id,
        decision: 'declined',
        reason: request.body.reason,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.get(
    '/handoffs',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags: ['first-response'],
        summary: 'My incoming or outgoing hand-offs, or overdue ones (overseers: all in reach)',
        querystring: HandoffQuery,
        response: { 200: z.array(HandoffView) },
      },
    },
    async (request) =>
      listHandoffs(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/handoffs/page',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags: ['first-response'],
        summary:
          'The same hand-offs paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: HandoffPageQuery,
        response: { 200: keysetPageSchema(HandoffView) },
      },
    },
    async (request) =>
      pageHandoffs(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/handoffs/:id',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags: ['first-response'],
        summary: 'One hand-off (its parties, or staff who can see the matter)',
        params: Id,
        response: { 200: HandoffView },
      },
    },
    async (request) =>
      getHandoff(db, { id: request.params.id, actor: actorOf(request), now: app.deps.now() }),
  );

  registerListExport(app, HANDOFF_LIST_EXPORT);
};
