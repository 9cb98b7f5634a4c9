import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import {
  getCompetence,
  grantCompetence,
  listCompetences,
  pageCompetences,
  renewCompetence,
  revokeCompetence,
} from './competences.ts';
import { trainingRequirementRoutes } from './training-requirements.routes.ts';
import {
  createTrainingSession,
  getTrainingSession,
  listTrainingSessions,
  pageTrainingSessions,
  recordAttendance,
} from './training-sessions.ts';
import { TRAINING_READERS, TRAINING_WRITERS } from './training-town.ts';
import {
  AttendanceBody,
  CompetencePageQuery,
  CompetenceQuery,
  CompetenceView,
  NewCompetence,
  NewTrainingSession,
  RenewCompetence,
  RevokeCompetence,
  SessionPageQuery,
  SessionQuery,
  TrainingSessionView,
} from './training.schema.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { TRAINING_SESSION_LIST_EXPORT, COMPETENCE_LIST_EXPORT } from './training-lists.export.ts';

const tags = ['training'];
const Id = z.object({ id: z.string().uuid() });

/** GS-12 training sessions, attendance and per-item competence (town centre officers write). */
export const trainingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.post(
    '/training/sessions',
    {
      config: { access: { roles: TRAINING_WRITERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Record a training session (at the town centre, or point-to-point at a station)',
        body: NewTrainingSession,
        response: { 201: TrainingSessionView },
      },
    },
    async (request, reply) => {
      const view = await createTrainingSession(db, {
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/training/sessions',
    {
      config: { access: { roles: TRAINING_READERS } },
      schema: {
        tags,
        summary: 'Training sessions in my reach, newest first',
        querystring: SessionQuery,
        response: { 200: z.array(TrainingSessionView) },
      },
    },
    async (request) =>
      listTrainingSessions(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/training/sessions/page',
    {
      config: { access: { roles: TRAINING_READERS } },
      schema: {
        tags,
        summary:
          'The same list paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: SessionPageQuery,
        response: { 200: keysetPageSchema(TrainingSessionView) },
      },
    },
    async (request) =>
      pageTrainingSessions(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/training/sessions/:id',
    {
      config: { access: { roles: TRAINING_READERS } },
      schema: {
        tags,
        summary: 'One training session',
        params: Id,
        response: { 200: TrainingSessionView },
      },
    },
    async (request) =>
      getTrainingSession(db, {
        id: request.params.id,
        actor: actorOf(request),
        now: app.deps.now(),
      }),
  );

  app.post(
    '/training/sessions/:id/attendance',
    {
      config: { access: { roles: TRAINING_WRITERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Mark attendees present or absent (once the session has taken place)',
        params: Id,
        body: AttendanceBody,
        response: { 200: TrainingSessionView },
      },
    },
    async (request) =>
      recordAttendance(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.post(
    '/training/competences',
    {
      config: { access: { roles: TRAINING_WRITERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Certify a staff member of the town for a catalog item (until a date)',
        body: NewCompetence,
        response: { 201: CompetenceView },
      },
    },
    async (request, reply) => {
      const view = await grantCompetence(db, {
        body: request.body,
        townCode: request.body.townCode,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/training/competences',
    {
      config: { access: { roles: TRAINING_READERS } },
      schema: {
        tags,
        summary: 'Competences in my reach, by person and item (with availableActions)',
        querystring: CompetenceQuery,
        response: { 200: z.array(CompetenceView) },
      },
    },
    async (request) =>
      listCompetences(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/training/competences/page',
    {
      config: { access: { roles: TRAINING_READERS } },
      schema: {
        tags,
        summary:
          'The same list paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: CompetencePageQuery,
        response: { 200: keysetPageSchema(CompetenceView) },
      },
    },
    async (request) =>
      pageCompetences(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/training/competences/:id',
    {
      config: { access: { roles: TRAINING_READERS } },
      schema: { tags, summary: 'One competence', params: Id, response: { 200: CompetenceView } },
    },
    async (request) =>
      getCompetence(db, { id: request.params.id, actor: actorOf(request), now: app.deps.now() }),
  );

  app.post(
    '/training/competences/:id/renew',
    {
      config: { access: { roles: TRAINING_WRITERS }, idempotent: true },
      schema: {
        tags,
        summary:
          'Renew (certify again from today until a new expiry; also a revoked or expired one)',
        params: Id,
        body: RenewCompetence,
        response: { 200: CompetenceView },
      },
    },
    async (request) =>
      renewCompetence(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.post(
    '/training/competences/:id/revoke',
    {
      config: { access: { roles: TRAINING_WRITERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Revoke a competence with a reason',
        params: Id,
        body: RevokeCompetence,
        response: { 200: CompetenceView },
      },
    },
    async (request) =>
      revokeCompetence(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  await app.register(trainingRequirementRoutes);

  registerListExport(app, TRAINING_SESSION_LIST_EXPORT);
  registerListExport(app, COMPETENCE_LIST_EXPORT);
};
