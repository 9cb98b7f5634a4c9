import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES } from '../../shared/roles.ts';
import { authorizationScanRoutes } from './authorization-scan.routes.ts';
import {
  AuthorizationPageQuery,
  AuthorizationQuery,
  AuthorizationView,
  NewAuthorization,
  RevokeAuthorization,
} from './authorization.schema.ts';
import {
  listAuthorizations,
  recordAuthorization,
  revokeAuthorization,
} from './authorization.service.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { AUTHORIZATION_LIST_EXPORT } from './authorization-list.export.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { pageAuthorizations } from './authorization-list-page.ts';

export const WRITERS = ['clerk', 'town_officer', 'agent'] as const;

/** 帮办代办 (GS-6): residents' authorizations of agents. */
export const agentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.post(
    '/authorizations',
    {
      config: { access: { roles: WRITERS }, idempotent: true },
      schema: {
        tags: ['agents'],
        summary: 'Record a resident’s authorization of an agent (which items, until when, consent)',
        description:
          'Recorded by station staff (clerk, town officer) in reach of the resident, or by the agent for themselves. Consent: signed_form (optionally the scan’s attachment id), in_person, or phone (with where the call recording is; no phone numbers).',
        body: NewAuthorization,
        response: { 201: AuthorizationView },
      },
    },
    async (request, reply) => {
      const created = await recordAuthorization(db, {
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/authorizations',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags: ['agents'],
        summary: 'Authorizations in my reach (an agent: only their own), newest first',
        querystring: AuthorizationQuery,
        response: { 200: z.array(AuthorizationView) },
      },
    },
    async (request) =>
      listAuthorizations(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/authorizations/page',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags: ['agents'],
        summary:
          'The same authorizations paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: AuthorizationPageQuery,
        response: { 200: keysetPageSchema(AuthorizationView) },
      },
    },
    async (request) =>
      pageAuthorizations(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.post(
    '/authorizations/:id/revoke',
    {
      config: { access: { roles: WRITERS }, idempotent: true },
      schema: {
        tags: ['agents'],
        summary: 'Revoke an authorization (station staff in reach, or the agent)',
        params: z.object({ id: z.string().uuid() }),
        body: RevokeAuthorization,
        response: { 200: AuthorizationView },
      },
    },
    async (request) =>
      revokeAuthorization(db, {
        id: request.params.id,
        reason: request.body.reason,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  await app.register(authorizationScanRoutes);

  registerListExport(app, AUTHORIZATION_LIST_EXPORT);
};
