import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../../shared/roles.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { listsRoutes } from './lists.routes.ts';
import { createCategory, listCategories, updateCategory } from './lists.service.ts';
import { teamsRoutes } from './teams.routes.ts';
import { CategoryQuery, CategoryUpdate, CategoryView, NewCategory } from './volunteers.schema.ts';
import { VS_STAFF } from './vs.scope.ts';

/**
 * VS-1 categories, teams and VS-2 resources and projects, under /api/v1/vs: the categories here,
 * the teams in teams.routes.ts, the other lists in lists.routes.ts.
 */
export const vsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const now = () => app.deps.now();

  /* ---------- categories ---------- */
  app.get(
    '/vs/categories',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-lists'],
        summary: 'The "8+N" service categories (active ones unless includeInactive=true)',
        querystring: CategoryQuery,
        response: { 200: z.array(CategoryView) },
      },
    },
    async (request) =>
      listCategories(db, {
        includeInactive: request.query.includeInactive === 'true',
        regionCode: request.query.regionCode,
      }),
  );
  app.post(
    '/vs/categories',
    {
      config: { access: { roles: VS_STAFF }, idempotent: true },
      schema: {
        tags: ['vs-lists'],
        summary: 'Add a service category (the N of "8+N")',
        description:
          'regionCode omitted: the category belongs to the caller’s region and is used only inside it; null: national (only an administrator covering every root region).',
        body: NewCategory,
        response: { 201: CategoryView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createCategory(db, {
          body: request.body,
          actor: actorOf(request),
          requestId: request.id,
          now: now(),
        }),
      ),
  );
  app.patch(
    '/vs/categories/:code',
    {
      config: { access: { roles: VS_STAFF } },
      schema: {
        tags: ['vs-lists'],
        summary: 'Rename, recolour, reorder or (de)activate a service category',
        description:
          'Shared reference data: only someone whose scope covers everyone who uses the category. A national one (regionCode null) only by an administrator covering every root region; a centre’s own one by staff covering its region and every team, resource, project, need and order under it. Otherwise 403 REFERENCE_DATA_OUT_OF_SCOPE.',
        params: z.object({ code: z.string().min(1).max(40) }),
        body: CategoryUpdate,
        response: { 200: CategoryView },
      },
    },
    async (request) =>
      updateCategory(db, {
        code: request.params.code,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: now(),
      }),
  );

  await app.register(teamsRoutes);
  await app.register(listsRoutes);
};
