import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { issueKey, listKeys, OPEN311_KEY_MANAGERS, revokeKey } from './open311-keys.ts';

const tags = ['open311'];

export const NewOpen311Key = z.strictObject({
  /** Who the key is for, e.g. "12345 热线". */
  name: freeText({ max: 100 }),
  /** The town's region code (12 digits): Open311's jurisdiction_id. */
  jurisdictionId: z.string().regex(/^\d{12}$/),
  /** A clerk or town officer at a station of the town: records what the key files. */
  actingAccountId: z.string().uuid(),
});

export const Open311KeyView = z.object({
  id: z.string(),
  name: z.string(),
  jurisdictionId: z.string(),
  jurisdictionName: z.string().nullable(),
  keyHint: z.string(),
  actingAccount: z.object({ id: z.string(), displayName: z.string() }),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

/** Open311 API keys, managed by administrators (issue #15 point 7), under /api/v1/open311/keys. */
export const open311KeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.post(
    '/open311/keys',
    {
      config: { access: { roles: OPEN311_KEY_MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Issue an Open311 API key for a town (the key is answered once, stored hashed)',
        body: NewOpen311Key,
        response: { 201: Open311KeyView.extend({ key: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await issueKey(db, {
          body: request.body,
          actor: actorOf(request),
          requestId: request.id,
          now: app.deps.now(),
        }),
      ),
  );

  app.get(
    '/open311/keys',
    {
      config: { access: { roles: OPEN311_KEY_MANAGERS } },
      schema: {
        tags,
        summary: 'Open311 API keys of the towns in my reach (hints only, never the keys)',
        response: { 200: z.array(Open311KeyView) },
      },
    },
    async (request) => listKeys(db, { actor: actorOf(request) }),
  );

  app.post(
    '/open311/keys/:id/revoke',
    {
      config: { access: { roles: OPEN311_KEY_MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Revoke an Open311 API key (final)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: Open311KeyView },
      },
    },
    async (request) =>
      revokeKey(db, {
        id: request.params.id,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );
};
