import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../../shared/roles.ts';
import { actorOf } from '../../shared/route-actor.ts';
import {
  listNotifications,
  markNotificationRead,
  pageNotifications,
} from './notification.service.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import {
  NotificationPageQuery,
  NotificationQuery,
  NotificationView,
} from './notifications.schema.ts';
import { langOf } from './render.ts';

const Id = z.object({ id: z.string().uuid() });

/** A caller's own notifications, each rendered in the reader's language (issue #11). */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const meta = (request: { id: string }) => ({
    requestId: request.id,
    now: app.deps.now(),
  });

  app.get(
    '/notifications',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['notifications'],
        summary:
          'My notifications, newest first: kind + params, and `text` rendered in `lang` (or Accept-Language)',
        querystring: NotificationQuery,
        response: { 200: z.array(NotificationView) },
      },
    },
    async (request) =>
      listNotifications(db, {
        ...request.query,
        unread: request.query.unread === 'true',
        actor: actorOf(request),
        lang: langOf(request.query.lang, request.headers['accept-language']),
      }),
  );

  app.get(
    '/notifications/page',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['notifications'],
        summary:
          'The same notifications paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: NotificationPageQuery,
        response: { 200: keysetPageSchema(NotificationView) },
      },
    },
    async (request) =>
      pageNotifications(db, {
        ...request.query,
        unread: request.query.unread === 'true',
        actor: actorOf(request),
        lang: langOf(request.query.lang, request.headers['accept-language']),
      }),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { access: { roles: ALL_ROLES }, idempotent: true },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: Id,
        response: { 200: NotificationView },
      },
    },
    async (request) =>
      markNotificationRead(db, {
        id: request.params.id,
        actor: actorOf(request),
        ...meta(request),
        lang: langOf(undefined, request.headers['accept-language']),
      }),
  );
};
