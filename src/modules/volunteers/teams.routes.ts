/** VS-1 teams and join requests over HTTP, under /api/v1/vs. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../../shared/roles.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { requestJoin, withdrawJoin } from './join-request.requester.ts';
import { decideJoin } from './join-requests.service.ts';
import {
  listJoinRequests,
  listMembers,
  pageJoinRequests,
  pageMembers,
} from './team-members.list.ts';
import { pageTeams } from './team-list.page.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';
import { createTeam, getTeam, listTeams, updateTeam } from './teams.service.ts';
import {
  JoinDecision,
  JoinRequest,
  JoinRequestQuery,
  MemberQuery,
  MemberView,
  NewTeam,
  TeamQuery,
  TeamUpdate,
  TeamView,
} from './volunteers.schema.ts';
import { VS_STAFF } from './vs.scope.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { TEAM_LIST_EXPORT } from './volunteers.exports.ts';

const Id = z.object({ id: z.string().uuid() });
const LEADERS_AND_STAFF = ['admin', 'volunteer_staff', 'team_leader'] as const;
/** Issue #16 p5: the `/page` routes' paging, beside each list's own filters. */
const Paging = {
  after: AfterCursor,
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
const PAGE_SUMMARY =
  'paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)';

export const teamsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const now = () => app.deps.now();

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
    '/vs/teams/page',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['vs-teams'],
        summary: `The same teams (by region, then creation) ${PAGE_SUMMARY}`,
        querystring: TeamQuery.extend(Paging),
        response: { 200: keysetPageSchema(TeamView) },
      },
    },
    async (request) => pageTeams(db, { ...request.query, actor: actorOf(request) }),
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
  app.get(
    '/vs/teams/:id/members/page',
    {
      config: { access: { roles: LEADERS_AND_STAFF } },
      schema: {
        tags: ['vs-teams'],
        summary: `The same members and join requests (oldest request first) ${PAGE_SUMMARY}`,
        params: Id,
        querystring: MemberQuery.extend(Paging),
        response: { 200: keysetPageSchema(MemberView) },
      },
    },
    async (request) =>
      pageMembers(db, { teamId: request.params.id, actor: actorOf(request), ...request.query }),
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
  app.get(
    '/vs/join-requests/page',
    {
      config: { access: { roles: LEADERS_AND_STAFF } },
      schema: {
        tags: ['vs-teams'],
        summary: `The same join requests, all of them (oldest first), ${PAGE_SUMMARY}`,
        querystring: JoinRequestQuery.extend(Paging),
        response: { 200: keysetPageSchema(MemberView) },
      },
    },
    async (request) => pageJoinRequests(db, { ...request.query, actor: actorOf(request) }),
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
  app.post(
    '/vs/join-requests/:id/withdrawal',
    {
      config: { access: { roles: ['volunteer'] }, idempotent: true },
      schema: {
        tags: ['vs-teams'],
        summary: 'Withdraw my pending join request (I may ask again later)',
        params: Id,
        response: { 200: MemberView },
      },
    },
    async (request) =>
      withdrawJoin(db, {
        id: request.params.id,
        actor: actorOf(request),
        requestId: request.id,
        now: now(),
      }),
  );

  registerListExport(app, TEAM_LIST_EXPORT);
};
