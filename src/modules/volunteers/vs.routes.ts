import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../auth/roles.ts';
import {
  createCategory,
  createProject,
  createResource,
  getProject,
  getResource,
  listCategories,
  listProjects,
  listResources,
  updateCategory,
  updateProject,
  updateResource,
} from './lists.service.ts';
import {
  createTeam,
  decideJoin,
  getTeam,
  listJoinRequests,
  listMembers,
  listTeams,
  requestJoin,
  updateTeam,
} from './teams.service.ts';
import {
  CategoryQuery,
  CategoryUpdate,
  CategoryView,
  JoinDecision,
  JoinRequest,
  JoinRequestQuery,
  ListQuery,
  MemberQuery,
  MemberView,
  NewCategory,
  NewProject,
  NewResource,
  NewTeam,
  ProjectQuery,
  ProjectUpdate,
  ProjectView,
  ResourceUpdate,
  ResourceView,
  TeamQuery,
  TeamUpdate,
  TeamView,
} from './volunteers.schema.ts';
import { VS_LIST_EDITORS, VS_STAFF } from './vs.scope.ts';
import { actorOf } from '../../server/route-actor.ts';

const Id = z.object({ id: z.string().uuid() });
const LEADERS_AND_STAFF = ['admin', 'volunteer_staff', 'team_leader'] as const;

/** VS-1 categories and teams, VS-2 resources and projects, under /api/v1/vs. */
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

  /* ---------- teams ---------- */
  app.get(
    '/vs/teams',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-teams'],
        summary: 'Corps, teams and sub-teams by region (prefix), category, kind, active, text',
        querystring: TeamQuery,
        response: { 200: z.array(TeamView) },
      },
    },
    async (request) => listTeams(db, { ...request.query, actor: actorOf(request) }),
  );
  app.get(
    '/vs/teams/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-teams'],
        summary: 'One team',
        params: Id,
        response: { 200: TeamView },
      },
    },
    async (request) => getTeam(db, { id: request.params.id, actor: actorOf(request) }),
  );
  app.post(
    '/vs/teams',
    {
      config: { access: { roles: VS_STAFF }, idempotent: true },
      schema: {
        tags: ['vs-teams'],
        summary: 'Create a corps, a team (under a corps) or a sub-team (under a team), in scope',
        body: NewTeam,
        response: { 201: TeamView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createTeam(db, {
          body: request.body,
          actor: actorOf(request),
          requestId: request.id,
          now: now(),
        }),
      ),
  );
  app.patch(
    '/vs/teams/:id',
    {
      config: { access: { roles: VS_STAFF } },
      schema: {
        tags: ['vs-teams'],
        summary: 'Change a team (centre staff whose scope covers its region)',
        params: Id,
        body: TeamUpdate,
        response: { 200: TeamView },
      },
    },
    async (request) =>
      updateTeam(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: now(),
      }),
  );
  app.get(
    '/vs/teams/:id/members',
    {
      config: { access: { roles: LEADERS_AND_STAFF } },
      schema: {
        tags: ['vs-teams'],
        summary: 'Members and join requests of a team (its leaders, leaders above it, staff)',
        params: Id,
        querystring: MemberQuery,
        response: { 200: z.array(MemberView) },
      },
    },
    async (request) =>
      listMembers(db, { teamId: request.params.id, actor: actorOf(request), ...request.query }),
  );
  app.post(
    '/vs/teams/:id/join-requests',
    {
      config: { access: { roles: ['volunteer'] }, idempotent: true },
      schema: {
        tags: ['vs-teams'],
        summary: 'Ask to join a team (registered volunteers; again after a refusal)',
        params: Id,
        body: JoinRequest,
        response: { 201: MemberView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await requestJoin(db, {
          teamId: request.params.id,
          note: request.body.note,
          actor: actorOf(request),
          requestId: request.id,
          now: now(),
        }),
      ),
  );
  app.get(
    '/vs/join-requests',
    {
      config: { access: { roles: LEADERS_AND_STAFF } },
      schema: {
        tags: ['vs-teams'],
        summary: 'Join requests I may decide (teams I lead and below; staff: teams in scope)',
        querystring: JoinRequestQuery,
        response: { 200: z.array(MemberView) },
      },
    },
    async (request) =>
      listJoinRequests(db, { status: request.query.status, actor: actorOf(request) }),
  );
  app.post(
    '/vs/join-requests/:id/decision',
    {
      config: { access: { roles: LEADERS_AND_STAFF }, idempotent: true },
      schema: {
        tags: ['vs-teams'],
        summary:
          'Approve or reject a pending join request (a leader of the team or above, or staff)',
        params: Id,
        body: JoinDecision,
        response: { 200: MemberView },
      },
    },
    async (request) =>
      decideJoin(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: now(),
      }),
  );

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
};
