import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseHistory } from './case-history.ts';
import { fileCase } from './case-intake.service.ts';
import { transitionCase } from './case-transition.service.ts';
import {
  CaseListQuery,
  CasePageQuery,
  CaseView,
  FileCaseBody,
  MyCasesView,
  TrackQuery,
  TrackView,
  TransitionBody,
} from './case.schema.ts';
import { listMyCases } from './case.mine.ts';
import { trackCase } from './case.tracking.ts';
import { pageCases } from './case-list-page.ts';
import { getCaseView, listCases } from './case.view.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { caseListExport } from './case-list.export.ts';
import { ALL_ROLES } from '../../shared/roles.ts';

export const CASE_STAFF = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
] as const;

/** Who files cases at a station window (GS-3). */
export const CASE_INTAKE_ROLES = ['clerk', 'agent', 'town_officer'] as const;

/** 赶集式通办 cases: intake at any station, the workflow, and public tracking (GS-3 … GS-9). */
export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  /** GS-8: the yellow window is configuration (DEADLINE_YELLOW_WORKING_DAYS). */
  const yellowWithinWorkingDays = app.deps.config.deadlineYellowWorkingDays;

  app.post(
    '/cases',
    {
      config: { access: { roles: CASE_INTAKE_ROLES }, idempotent: true },
      schema: {
        tags: ['cases'],
        summary: 'File a case at a station (with the one-time notice)',
        body: FileCaseBody,
        response: { 201: CaseView },
      },
    },
    async (request, reply) => {
      const created = await fileCase(db, {
        ...request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
        yellowWithinWorkingDays,
        messages: { pii: app.deps.pii, publicUrl: app.deps.config.publicUrl },
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/cases',
    {
      config: { access: { roles: CASE_STAFF } },
      schema: {
        tags: ['cases'],
        summary: 'Cases accepted in my reach, or my unit’s inbox',
        querystring: CaseListQuery,
        response: { 200: z.array(CaseView) },
      },
    },
    async (request) =>
      listCases(db, {
        actor: actorOf(request),
        ...request.query,
        now: app.deps.now(),
        yellowWithinWorkingDays,
      }),
  );

  registerListExport(app, caseListExport(CASE_STAFF, yellowWithinWorkingDays));

  app.get(
    '/cases/page',
    {
      config: { access: { roles: CASE_STAFF } },
      schema: {
        tags: ['cases'],
        summary:
          'The same list paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: CasePageQuery,
        response: {
          200: z.object({
            items: z.array(CaseView),
            nextCursor: z.string().nullable(),
            total: z.number().int(),
            totalExact: z.boolean(),
          }),
        },
      },
    },
    async (request) =>
      pageCases(db, {
        actor: actorOf(request),
        ...request.query,
        now: app.deps.now(),
        yellowWithinWorkingDays,
      }),
  );

  app.get(
    '/cases/mine',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['cases'],
        summary: 'My own cases as an applicant (issue #11): state, due date, what is still missing',
        description:
          'Scoped to the caller’s own resident record (the account’s residentId), whatever their roles; linked=false when the account has none.',
        response: { 200: MyCasesView },
      },
    },
    async (request) =>
      listMyCases(db, { actor: actorOf(request), now: app.deps.now(), yellowWithinWorkingDays }),
  );

  app.get(
    '/cases/:id',
    {
      config: { access: { roles: CASE_STAFF } },
      schema: {
        tags: ['cases'],
        summary: 'One case, with the actions allowed now',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: CaseView },
      },
    },
    async (request) =>
      getCaseView(db, {
        id: request.params.id,
        actor: actorOf(request),
        now: app.deps.now(),
        yellowWithinWorkingDays,
        pii: app.deps.pii,
      }),
  );

  app.get(
    '/cases/:id/actions',
    {
      config: { access: { roles: CASE_STAFF } },
      schema: {
        tags: ['cases'],
        summary: 'The case’s action log: every step, by whom, where and why',
        params: z.object({ id: z.string().uuid() }),
        response: {
          200: z.array(
            z.object({
              seq: z.number(),
              action: z.string(),
              fromState: z.string().nullable(),
              toState: z.string(),
              actorName: z.string().nullable(),
              actorRole: z.string(),
              stationName: z.string().nullable(),
              reason: z.string().nullable(),
              at: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => caseHistory(db, { id: request.params.id, actor: actorOf(request) }),
  );

  app.post(
    '/cases/:id/transitions',
    {
      config: {
        access: { roles: ['clerk', 'agent', 'town_officer', 'district_officer'] },
        idempotent: true,
      },
      schema: {
        tags: ['cases'],
        summary: 'Take one workflow action (guarded by the transition table and the case version)',
        params: z.object({ id: z.string().uuid() }),
        body: TransitionBody,
        response: { 200: CaseView },
      },
    },
    async (request) =>
      transitionCase(db, {
        caseId: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
        yellowWithinWorkingDays,
        pii: app.deps.pii,
      }),
  );

  app.get(
    '/track',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['cases'],
        summary: 'Public tracking: case number + the 查询码 (tracking code) printed on the receipt',
        querystring: TrackQuery,
        response: { 200: TrackView },
      },
    },
    async (request) =>
      trackCase(
        { db, pii: app.deps.pii },
        { ...request.query, ip: request.ip, now: app.deps.now() },
      ),
  );
};
