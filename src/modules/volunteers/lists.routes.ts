/** VS-2 the resource list and the project list over HTTP, under /api/v1/vs. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../../shared/roles.ts';
import { actorOf } from '../../shared/route-actor.ts';
import {
  createProject,
  getProject,
  listProjects,
  pageProjects,
  updateProject,
} from './projects.service.ts';
import {
  createResource,
  getResource,
  listResources,
  pageResources,
  updateResource,
} from './resources.service.ts';
import {
  ListQuery,
  NewProject,
  NewResource,
  ProjectQuery,
  ProjectUpdate,
  ProjectView,
  ResourceUpdate,
  ResourceView,
} from './volunteers.schema.ts';
import { VS_LIST_EDITORS } from './vs.scope.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { RESOURCE_LIST_EXPORT, PROJECT_LIST_EXPORT } from './vs-lists.export.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';

/** Issue #16 p5: the `/page` routes take the list's filters and a cursor instead of an offset. */
const ResourcePageQuery = ListQuery.omit({ offset: true }).extend({ after: AfterCursor });
const ProjectPageQuery = ProjectQuery.omit({ offset: true }).extend({ after: AfterCursor });
const PAGE_SUMMARY =
  'paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)';

const Id = z.object({ id: z.string().uuid() });

export const listsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const now = () => app.deps.now();

  /* ---------- resources ---------- */
  app.get(
    '/vs/resources',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-lists'],
        summary: 'The resource list (资源清单) by region (prefix), category, text, team',
        querystring: ListQuery,
        response: { 200: z.array(ResourceView) },
      },
    },
    async (request) => listResources(db, request.query),
  );
  app.get(
    '/vs/resources/page',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-lists'],
        summary: `The same resources (active first, then region, name, id) ${PAGE_SUMMARY}`,
        querystring: ResourcePageQuery,
        response: { 200: keysetPageSchema(ResourceView) },
      },
    },
    async (request) => pageResources(db, request.query),
  );
  app.get(
    '/vs/resources/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-lists'],
        summary: 'One resource',
        params: Id,
        response: { 200: ResourceView },
      },
    },
    async (request) => getResource(db, request.params.id),
  );
  app.post(
    '/vs/resources',
    {
      config: { access: { roles: VS_LIST_EDITORS }, idempotent: true },
      schema: {
        tags: ['vs-lists'],
        summary: 'Add a resource (staff in scope; a leader for a team they lead)',
        body: NewResource,
        response: { 201: ResourceView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createResource(db, {
          body: request.body,
          actor: actorOf(request),
          requestId: request.id,
          now: now(),
        }),
      ),
  );
  app.patch(
    '/vs/resources/:id',
    {
      config: { access: { roles: VS_LIST_EDITORS } },
      schema: {
        tags: ['vs-lists'],
        summary: 'Change or deactivate a resource (active: false)',
        params: Id,
        body: ResourceUpdate,
        response: { 200: ResourceView },
      },
    },
    async (request) =>
      updateResource(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: now(),
      }),
  );

  /* ---------- projects ---------- */
  app.get(
    '/vs/projects',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-lists'],
        summary: 'The project list (项目清单); onMenu=true is the residents’ service menu',
        querystring: ProjectQuery,
        response: { 200: z.array(ProjectView) },
      },
    },
    async (request) => listProjects(db, request.query),
  );
  app.get(
    '/vs/projects/page',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-lists'],
        summary: `The same projects (active first, then region, name, id) ${PAGE_SUMMARY}`,
        querystring: ProjectPageQuery,
        response: { 200: keysetPageSchema(ProjectView) },
      },
    },
    async (request) => pageProjects(db, request.query),
  );
  app.get(
    '/vs/projects/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-lists'],
        summary: 'One project',
        params: Id,
        response: { 200: ProjectView },
      },
    },
    async (request) => getProject(db, request.params.id),
  );
  app.post(
    '/vs/projects',
    {
      config: { access: { roles: VS_LIST_EDITORS }, idempotent: true },
      schema: {
        tags: ['vs-lists'],
        summary: 'Add a project (staff in scope; a leader for a team they lead)',
        body: NewProject,
        response: { 201: ProjectView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createProject(db, {
          body: request.body,
          actor: actorOf(request),
          requestId: request.id,
          now: now(),
        }),
      ),
  );
  app.patch(
    '/vs/projects/:id',
    {
      config: { access: { roles: VS_LIST_EDITORS } },
      schema: {
        tags: ['vs-lists'],
        summary: 'Change, take off the menu or deactivate a project',
        params: Id,
        body: ProjectUpdate,
        response: { 200: ProjectView },
      },
    },
    async (request) =>
      updateProject(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: now(),
      }),
  );

  registerListExport(app, RESOURCE_LIST_EXPORT);
  registerListExport(app, PROJECT_LIST_EXPORT);
};
