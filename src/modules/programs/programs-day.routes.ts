import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { classDay } from './class-day.ts';
import { setClassDay } from './class-sessions.ts';
import { confirmProgramHours } from './confirm-program-hours.ts';
import { decideWithdrawal, listProposals } from './decide-withdrawal.ts';
import { todaysPickupCodes } from './pickup-codes.ts';
import { addPickupPerson, listPickupPersons, revokePickupPerson } from './pickup-persons.ts';
import { DAY_STAFF } from './programs-day.access.ts';
import {
  AttendanceView,
  ClassDayParams,
  ClassDaySettings,
  ClassDaySettingsView,
  ClassDayView,
  MarkAbsence,
  NewPickupPerson,
  NewRosterEntry,
  PickupCodeView,
  PickupPersonView,
  ProposalView,
  ReleaseBody,
  ReleaseLogView,
  ReportAbsence,
  StaffView,
} from './programs-day.schema.ts';
import { releaseChild } from './release-child.ts';
import { releaseLog } from './release-log.ts';
import { childAttendance, markAbsent, reportAbsence, signIn } from './sign-in.ts';
import { addToRoster, staffClock } from './staff-roster.ts';
import './programs-day.problems.ts';

const Id = z.object({ id: z.string().uuid() });
const ORGANISER = ['organiser'] as const;
const GUARDIAN = ['guardian'] as const;
const ProposalsQuery = z.strictObject({ classId: z.string().uuid().optional() });
const tags = ['programs'];

/** CP-3 attendance and safe pickup; CP-4 volunteer staffing (the program day). */
export const programDayRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const meta = (request: { id: string }) => ({ requestId: request.id, now: app.deps.now() });

  app.put(
    '/programs/classes/:id/day',
    {
      config: { access: { roles: ORGANISER } },
      schema: {
        tags,
        summary: 'Set the class’s day: times, weekdays, days off, late grace, strike limit, ratio',
        params: Id,
        body: ClassDaySettings,
        response: { 200: ClassDaySettingsView },
      },
    },
    async (request) =>
      setClassDay(db, {
        classId: request.params.id,
        body: request.body,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.get(
    '/programs/classes/:id/days/:day',
    {
      config: { access: { roles: DAY_STAFF } },
      schema: {
        tags,
        summary: 'The class day: children with their status and pickup persons, roster, ratio',
        params: ClassDayParams,
        response: { 200: ClassDayView },
      },
    },
    async (request) =>
      classDay(db, {
        classId: request.params.id,
        day: request.params.day,
        actor: actorOf(request),
        now: app.deps.now(),
      }),
  );

  app.get(
    '/programs/classes/:id/days/:day/releases',
    {
      config: { access: { roles: DAY_STAFF } },
      schema: {
        tags,
        summary: 'The day’s release log, refused attempts included',
        params: ClassDayParams,
        response: { 200: z.array(ReleaseLogView) },
      },
    },
    async (request) =>
      releaseLog(db, {
        classId: request.params.id,
        day: request.params.day,
        actor: actorOf(request),
        now: app.deps.now(),
      }),
  );

  app.post(
    '/programs/classes/:id/days/:day/roster',
    {
      config: { access: { roles: ORGANISER }, idempotent: true },
      schema: {
        tags,
        summary: 'Put a registered volunteer on the day’s roster (CP-4)',
        params: ClassDayParams,
        body: NewRosterEntry,
        response: { 201: StaffView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addToRoster(db, {
          classId: request.params.id,
          day: request.params.day,
          volunteerId: request.body.volunteerId,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  for (const what of ['in', 'out'] as const)
    app.post(
      `/programs/roster/:id/check-${what}`,
      {
        config: { access: { roles: DAY_STAFF }, idempotent: true },
        schema: {
          tags,
          summary: what === 'in' ? 'A rostered volunteer arrives' : 'A rostered volunteer leaves',
          params: Id,
          response: { 200: StaffView },
        },
      },
      async (request) =>
        staffClock(db, { id: request.params.id, what, actor: actorOf(request), ...meta(request) }),
    );

  app.post(
    '/programs/classes/:id/days/:day/confirm-hours',
    {
      config: { access: { roles: ORGANISER }, idempotent: true },
      schema: {
        tags,
        summary: 'Confirm the day’s volunteer hours: they enter each volunteer’s record (VS-8)',
        params: ClassDayParams,
        response: { 200: z.array(StaffView) },
      },
    },
    async (request) =>
      confirmProgramHours(
        { db, pii: app.deps.pii },
        {
          classId: request.params.id,
          day: request.params.day,
          actor: actorOf(request),
          ...meta(request),
        },
      ),
  );

  app.post(
    '/programs/attendance/:id/sign-in',
    {
      config: { access: { roles: DAY_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Sign a child in',
        params: Id,
        response: { 200: AttendanceView },
      },
    },
    async (request) =>
      signIn(db, { id: request.params.id, actor: actorOf(request), ...meta(request) }),
  );

  app.post(
    '/programs/attendance/:id/absent',
    {
      config: { access: { roles: DAY_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Mark a child absent: sick, informed or unexcused',
        params: Id,
        body: MarkAbsence,
        response: { 200: AttendanceView },
      },
    },
    async (request) =>
      markAbsent(db, {
        id: request.params.id,
        kind: request.body.kind,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/programs/attendance/:id/release',
    {
      config: { access: { roles: DAY_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Hand a child over: the day’s code (or tag) and an authorised person; logged',
        params: Id,
        body: ReleaseBody,
        response: { 200: AttendanceView },
      },
    },
    async (request) =>
      releaseChild(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.get(
    '/programs/proposals',
    {
      config: { access: { roles: ORGANISER } },
      schema: {
        tags,
        summary:
          'Open withdrawal proposals (late pickups and unexcused absences reached the limit)',
        querystring: ProposalsQuery,
        response: { 200: z.array(ProposalView) },
      },
    },
    async (request) =>
      listProposals(db, {
        actor: actorOf(request),
        ...(request.query.classId ? { classId: request.query.classId } : {}),
      }),
  );

  for (const [path, confirm] of [
    ['confirm', true],
    ['dismiss', false],
  ] as const)
    app.post(
      `/programs/proposals/:id/${path}`,
      {
        config: { access: { roles: ORGANISER }, idempotent: true },
        schema: {
          tags,
          summary: confirm
            ? 'Confirm: withdraw the enrolment, the seat goes to the waitlist, the guardian is told'
            : 'Dismiss: the strikes count afresh',
          params: Id,
          response: { 200: ProposalView },
        },
      },
      async (request) =>
        decideWithdrawal(db, {
          id: request.params.id,
          confirm,
          actor: actorOf(request),
          ...meta(request),
        }),
    );

  app.get(
    '/programs/children/:id/pickup-codes',
    {
      config: { access: { roles: GUARDIAN } },
      schema: {
        tags,
        summary: 'Today’s pickup code of my child, per program with a session today',
        params: Id,
        response: { 200: z.array(PickupCodeView) },
      },
    },
    async (request) =>
      todaysPickupCodes(db, {
        childId: request.params.id,
        actor: actorOf(request),
        now: app.deps.now(),
      }),
  );

  app.get(
    '/programs/children/:id/pickup-persons',
    {
      config: { access: { roles: GUARDIAN } },
      schema: {
        tags,
        summary: 'My child’s authorised and not-authorised pickup persons',
        params: Id,
        response: { 200: z.array(PickupPersonView) },
      },
    },
    async (request) =>
      listPickupPersons(db, { childId: request.params.id, actor: actorOf(request) }),
  );

  app.post(
    '/programs/children/:id/pickup-persons',
    {
      config: { access: { roles: GUARDIAN }, idempotent: true },
      schema: {
        tags,
        summary: 'Authorise a pickup person (or name one who must not collect my child)',
        params: Id,
        body: NewPickupPerson,
        response: { 201: PickupPersonView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addPickupPerson(
          { db, pii: app.deps.pii },
          {
            childId: request.params.id,
            body: request.body,
            actor: actorOf(request),
            ...meta(request),
          },
        ),
      ),
  );

  app.post(
    '/programs/pickup-persons/:id/revoke',
    {
      config: { access: { roles: GUARDIAN }, idempotent: true },
      schema: {
        tags,
        summary: 'Revoke a pickup person',
        params: Id,
        response: { 200: PickupPersonView },
      },
    },
    async (request) =>
      revokePickupPerson(db, { id: request.params.id, actor: actorOf(request), ...meta(request) }),
  );

  app.get(
    '/programs/children/:id/attendance',
    {
      config: { access: { roles: GUARDIAN } },
      schema: {
        tags,
        summary: 'My child’s attendance history',
        params: Id,
        response: { 200: z.array(AttendanceView) },
      },
    },
    async (request) => childAttendance(db, { childId: request.params.id, actor: actorOf(request) }),
  );

  app.post(
    '/programs/children/:id/absences',
    {
      config: { access: { roles: GUARDIAN }, idempotent: true },
      schema: {
        tags,
        summary: 'Report my child sick or away for a class day',
        params: Id,
        body: ReportAbsence,
        response: { 200: AttendanceView },
      },
    },
    async (request) =>
      reportAbsence(db, {
        childId: request.params.id,
        ...request.body,
        actor: actorOf(request),
        ...meta(request),
      }),
  );
};
