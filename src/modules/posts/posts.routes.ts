import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { cancelAbsence, listAbsences, recordAbsence } from './absences.service.ts';
import { stationCoverage } from './coverage.service.ts';
import { listHolderCandidates } from './holder-candidates.ts';
import { ABSENCE_RECORDERS, POST_MANAGERS, POST_READERS } from './posts.access.ts';
import {
  AbsenceQuery,
  AbsenceView,
  CoverageQuery,
  CoverageView,
  NewAbsence,
  NewPost,
  PostPatch,
  PostQuery,
  PostView,
} from './posts.schema.ts';
import { createPost, getPost, listPosts, updatePost } from './posts.service.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { POST_LIST_EXPORT, ABSENCE_LIST_EXPORT } from './posts-lists.export.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';
import { pageAbsences, pagePosts } from './posts-page.ts';

const Id = z.object({ id: z.string().uuid() });
const tags = ['posts'];
/** Issue #16 p5: the `/page` routes' paging, beside each list's own filters. */
const Paging = {
  after: AfterCursor,
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
const PAGE_SUMMARY =
  'paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)';

/** GS-11 AB posts (AB岗): posts, absences, the coverage calendar. */
export const postRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const meta = (request: { id: string }) => ({ requestId: request.id, now: app.deps.now() });

  app.get(
    '/posts',
    {
      config: { access: { roles: POST_READERS } },
      schema: {
        tags,
        summary: 'The posts in my reach (or one station’s), with who holds each now',
        querystring: PostQuery,
        response: { 200: z.array(PostView) },
      },
    },
    async (request) =>
      listPosts(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/posts/page',
    {
      config: { access: { roles: POST_READERS } },
      schema: {
        tags,
        summary: `The same posts (by region, name, then id) ${PAGE_SUMMARY}`,
        querystring: PostQuery.extend(Paging),
        response: { 200: keysetPageSchema(PostView) },
      },
    },
    async (request) =>
      pagePosts(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.post(
    '/posts',
    {
      config: { access: { roles: POST_MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Create a post at a station with its A and B holders (supervisor, town centre)',
        description:
          'A and B are two different active staff with a grant at the station. Opening hours default to the station’s.',
        body: NewPost,
        response: { 201: PostView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createPost(db, { body: request.body, actor: actorOf(request), ...meta(request) }),
        ),
  );

  app.get(
    '/posts/candidates',
    {
      config: { access: { roles: POST_MANAGERS } },
      schema: {
        tags,
        summary: 'Staff who may hold a post at a station (names only)',
        querystring: z.strictObject({ stationId: z.string().uuid() }),
        response: {
          200: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })),
        },
      },
    },
    async (request) =>
      listHolderCandidates(db, { stationId: request.query.stationId, actor: actorOf(request) }),
  );

  app.get(
    '/posts/absences',
    {
      config: { access: { roles: ABSENCE_RECORDERS } },
      schema: {
        tags,
        summary: 'Absences not yet over: my own and those of holders in my reach',
        querystring: AbsenceQuery,
        response: { 200: z.array(AbsenceView) },
      },
    },
    async (request) =>
      listAbsences(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/posts/absences/page',
    {
      config: { access: { roles: ABSENCE_RECORDERS } },
      schema: {
        tags,
        summary: `The same absences (soonest start first, then id) ${PAGE_SUMMARY}`,
        querystring: AbsenceQuery.extend(Paging),
        response: { 200: keysetPageSchema(AbsenceView) },
      },
    },
    async (request) =>
      pageAbsences(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.post(
    '/posts/absences',
    {
      config: { access: { roles: ABSENCE_RECORDERS }, idempotent: true },
      schema: {
        tags,
        summary:
          'Record leave or an absence (a clerk her own; a supervisor or the town centre anyone’s in reach)',
        description:
          'China time: a date alone is a whole day (to inclusive), a date-time is exact. absent_today without from/to: from now to the end of today. While A is away the post’s hand-offs go to B.',
        body: NewAbsence,
        response: { 201: AbsenceView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordAbsence(db, {
          body: request.body,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  app.post(
    '/posts/absences/:id/cancel',
    {
      config: { access: { roles: ABSENCE_RECORDERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Cancel an absence (its holder, or a supervisor / the town centre in reach)',
        params: Id,
        response: { 200: AbsenceView },
      },
    },
    async (request) =>
      cancelAbsence(db, { id: request.params.id, actor: actorOf(request), ...meta(request) }),
  );

  app.get(
    '/posts/coverage',
    {
      config: { access: { roles: POST_READERS } },
      schema: {
        tags,
        summary: 'The coverage calendar: per post and opening hour who holds it; gaps with nobody',
        querystring: CoverageQuery,
        response: { 200: CoverageView },
      },
    },
    async (request) =>
      stationCoverage(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/posts/:id',
    {
      config: { access: { roles: POST_READERS } },
      schema: { tags, summary: 'One post', params: Id, response: { 200: PostView } },
    },
    async (request) =>
      getPost(db, { id: request.params.id, actor: actorOf(request), now: app.deps.now() }),
  );

  app.patch(
    '/posts/:id',
    {
      config: { access: { roles: POST_MANAGERS } },
      schema: {
        tags,
        summary: 'Change a post’s name, hours or holders (with the version you saw)',
        params: Id,
        body: PostPatch,
        response: { 200: PostView },
      },
    },
    async (request) =>
      updatePost(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  registerListExport(app, POST_LIST_EXPORT);
  registerListExport(app, ABSENCE_LIST_EXPORT);
};
