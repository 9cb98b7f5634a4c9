/**
 * VS-6 the activity lists over HTTP: the activities open to me or run by me, and my own sign-ups —
 * each by offset and, issue #16 p5, by keyset (`/page`); the activities list's Excel export.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivityPageQuery,
  ActivityQuery,
  ActivityView,
  MyActivitiesPageQuery,
  MyActivitiesQuery,
  MyActivity,
} from './activity.schema.ts';
import { listActivities, pageActivities } from './activity-list.ts';
import { myActivities, pageMyActivities } from './my-activities.service.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { activityListExport } from './activity-list.export.ts';

export const VS_ROLES = ['volunteer', 'team_leader', 'volunteer_staff'] as const;
const VOLUNTEER = ['volunteer'] as const;
const tags = ['vs-activities'];

export const activityListRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/vs/activities',
    {
      config: { access: { roles: VS_ROLES } },
      schema: {
        tags,
        summary:
          'Activities open for sign-up in my reach (view=open), or those I run (view=managed)',
        querystring: ActivityQuery,
        response: { 200: z.array(ActivityView) },
      },
    },
    async (request) =>
      listActivities(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/vs/activities/page',
    {
      config: { access: { roles: VS_ROLES } },
      schema: {
        tags,
        summary:
          'The same activities paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: ActivityPageQuery,
        response: { 200: keysetPageSchema(ActivityView) },
      },
    },
    async (request) =>
      pageActivities(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/vs/my-activities',
    {
      config: { access: { roles: VOLUNTEER } },
      schema: {
        tags,
        summary: 'My sign-ups: upcoming or past, with waitlist rank, check-in and hours',
        querystring: MyActivitiesQuery,
        response: { 200: z.array(MyActivity) },
      },
    },
    async (request) =>
      myActivities(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/vs/my-activities/page',
    {
      config: { access: { roles: VOLUNTEER } },
      schema: {
        tags,
        summary:
          'My sign-ups paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: MyActivitiesPageQuery,
        response: { 200: keysetPageSchema(MyActivity) },
      },
    },
    async (request) =>
      pageMyActivities(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  registerListExport(app, activityListExport(VS_ROLES));
};
