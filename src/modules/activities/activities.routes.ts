import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivityView,
  AttendanceResult,
  CodeQuery,
  CodeSubmission,
  CodeView,
  ConfirmBody,
  LeadAttendance,
  NewActivity,
  Reason,
  RecordView,
  RosterView,
  SignupView,
  TravelBody,
} from './activity.schema.ts';
import { managedActivity } from './activity.access.ts';
import {
  cancelActivity,
  checkInCode,
  createActivity,
  getActivity,
  type ActivityDeps,
} from './activity.service.ts';
import { roster } from './activity.view.ts';
import { recordAttendance, submitCode } from './attendance.service.ts';
import { confirmHours, rejectHours, setTravel } from './hours-confirmation.service.ts';
import { cancelSignup, signUp, signUpByLead } from './signup.service.ts';
import { signupCandidates } from './signup-candidates.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { activityListRoutes, VS_ROLES } from './activity-lists.routes.ts';

const Id = z.object({ id: z.string().uuid() });
export const MANAGERS = ['team_leader', 'volunteer_staff'] as const;
const VOLUNTEER = ['volunteer'] as const;
const tags = ['vs-activities'];

/** VS-6 serving: activities, sign-up with waitlist, rotating check-in codes, hours. */
export const activityRoutes: FastifyPluginAsyncZod = async (app, opts) => {
  await activityListRoutes(app, opts);
  const db = app.kysely;
  const deps: ActivityDeps = {
    db,
    pii: app.deps.pii,
    codePeriodSeconds: app.deps.config.vsCodePeriodSeconds,
    dailyHoursCap: app.deps.config.vsDailyHoursCap,
    publicUrl: app.deps.config.publicUrl,
  };
  const meta = (request: { id: string }) => ({ requestId: request.id, now: app.deps.now() });

  app.post(
    '/vs/activities',
    {
      config: { access: { roles: MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Create an activity for an accepted order (or a project)',
        description:
          'The accepting team’s leader (or a parent team’s), or volunteer staff in scope. The first activity of an accepted order moves it to in_service.',
        body: NewActivity,
        response: { 201: ActivityView },
      },
    },
    async (request, reply) => {
      const created = await createActivity(deps, {
        body: request.body,
        actor: actorOf(request),
        ...meta(request),
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/vs/activities/:id',
    {
      config: { access: { roles: VS_ROLES } },
      schema: { tags, summary: 'One activity', params: Id, response: { 200: ActivityView } },
    },
    async (request) =>
      getActivity(db, { id: request.params.id, actor: actorOf(request), now: app.deps.now() }),
  );

  app.post(
    '/vs/activities/:id/cancel',
    {
      config: { access: { roles: MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Cancel an activity with a reason; its sign-ups are cancelled and told',
        params: Id,
        body: Reason,
        response: { 200: ActivityView },
      },
    },
    async (request) =>
      cancelActivity(db, {
        id: request.params.id,
        reason: request.body.reason,
        actor: actorOf(request),
        ...meta(request),
        pii: app.deps.pii,
      }),
  );

  app.get(
    '/vs/activities/:id/roster',
    {
      config: { access: { roles: MANAGERS } },
      schema: {
        tags,
        summary: 'Confirmed volunteers and the waitlist in order, with check-in/out and hours',
        params: Id,
        response: { 200: RosterView },
      },
    },
    async (request) => {
      const { activity } = await managedActivity(db, request.params.id, actorOf(request));
      return roster(db, activity, actorOf(request), app.deps.now());
    },
  );

  app.get(
    '/vs/activities/:id/code',
    {
      config: { access: { roles: MANAGERS } },
      schema: {
        tags,
        summary: 'The rotating check-in (or check-out) code for the lead’s screen, with its QR',
        description:
          'The code changes every VS_CODE_PERIOD_SECONDS (default 30); poll before validUntil. The QR encodes the volunteer’s check-in page with activity, direction and code.',
        params: Id,
        querystring: CodeQuery,
        response: { 200: CodeView },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return checkInCode(deps, {
        id: request.params.id,
        direction: request.query.direction,
        actor: actorOf(request),
        now: app.deps.now(),
      });
    },
  );

  app.post(
    '/vs/activities/:id/signup',
    {
      config: { access: { roles: VOLUNTEER }, idempotent: true },
      schema: {
        tags,
        summary: 'Sign up: confirmed while places last, else waitlisted in order',
        params: Id,
        response: { 201: SignupView },
      },
    },
    async (request, reply) => {
      const s = await signUp(db, {
        activityId: request.params.id,
        actor: actorOf(request),
        ...meta(request),
      });
      return reply.status(201).send(s);
    },
  );

  app.get(
    '/vs/activities/:id/signup-candidates',
    {
      config: { access: { roles: MANAGERS } },
      schema: {
        tags,
        summary:
          'Volunteers the lead may sign up by hand (e.g. without a phone), by name or number (issue #15)',
        params: Id,
        querystring: z.strictObject({
          q: z.string().trim().min(1).max(50),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              fullName: z.string(),
              volunteerNumber: z.string(),
              homeRegionName: z.string(),
              phoneMasked: z.string().nullable(),
              hasAccount: z.boolean(),
              signedUp: z.boolean(),
            }),
          ),
        },
      },
    },
    async (request) =>
      signupCandidates(db, {
        activityId: request.params.id,
        actor: actorOf(request),
        q: request.query.q,
        limit: request.query.limit,
      }),
  );

  app.post(
    '/vs/activities/:id/signups',
    {
      config: { access: { roles: MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary:
          'The lead signs up a volunteer (e.g. one without a phone); same places and waitlist',
        params: Id,
        body: z.strictObject({ volunteerId: z.string().uuid() }),
        response: { 201: SignupView },
      },
    },
    async (request, reply) => {
      const s = await signUpByLead(db, {
        activityId: request.params.id,
        volunteerId: request.body.volunteerId,
        actor: actorOf(request),
        ...meta(request),
      });
      return reply.status(201).send(s);
    },
  );

  app.post(
    '/vs/activities/:id/signup/cancel',
    {
      config: { access: { roles: VOLUNTEER }, idempotent: true },
      schema: {
        tags,
        summary: 'Cancel my sign-up; a freed place goes to the first on the waitlist',
        params: Id,
        response: { 200: SignupView },
      },
    },
    async (request) =>
      cancelSignup(db, {
        activityId: request.params.id,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/vs/activities/:id/check',
    {
      config: { access: { roles: VOLUNTEER }, idempotent: true },
      schema: {
        tags,
        summary: 'Check in or out with the code on the lead’s screen (once per direction)',
        params: Id,
        body: CodeSubmission,
        response: { 200: AttendanceResult },
      },
    },
    async (request) =>
      submitCode(deps, {
        activityId: request.params.id,
        direction: request.body.direction,
        code: request.body.code,
        ...(request.body.scannedAt ? { scannedAt: new Date(request.body.scannedAt) } : {}),
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/vs/activities/:id/attendance',
    {
      config: { access: { roles: MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary: 'The lead records a check-in or check-out by hand',
        params: Id,
        body: LeadAttendance,
        response: { 200: AttendanceResult },
      },
    },
    async (request) =>
      recordAttendance(deps, {
        activityId: request.params.id,
        ...request.body,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/vs/service-records/:id/travel',
    {
      config: { access: { roles: MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Set the travel minutes of a record (excluded from its hours)',
        params: Id,
        body: TravelBody,
        response: { 200: RecordView },
      },
    },
    async (request) =>
      setTravel(deps, {
        recordId: request.params.id,
        travelMinutes: request.body.travelMinutes,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/vs/service-records/:id/confirm',
    {
      config: { access: { roles: MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Confirm a checked-out record: only confirmed hours count anywhere',
        params: Id,
        body: ConfirmBody,
        response: { 200: RecordView },
      },
    },
    async (request) =>
      confirmHours(deps, {
        recordId: request.params.id,
        ...request.body,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/vs/service-records/:id/reject',
    {
      config: { access: { roles: MANAGERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Reject a record with a reason (its hours never count)',
        params: Id,
        body: Reason,
        response: { 200: RecordView },
      },
    },
    async (request) =>
      rejectHours(deps, {
        recordId: request.params.id,
        reason: request.body.reason,
        actor: actorOf(request),
        ...meta(request),
      }),
  );
};
