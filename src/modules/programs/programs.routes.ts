import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../../shared/roles.ts';
import { freeText } from '../../shared/free-text.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { answerOffer } from './answer-offer.ts';
import { getProgram, listPrograms, pagePrograms } from './browse-programs.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { createProgram } from './create-program.ts';
import { enrolChild } from './enrol-child.ts';
import { classWaitlist, myEnrolments } from './list-enrolments.ts';
import { listNeighbourhoods, setNeighbourhoods } from './neighbourhoods.ts';
import {
  ChildDetails,
  ChildView,
  EnrolmentView,
  NewChild,
  NewEnrolment,
  NeighbourhoodList,
  NeighbourhoodsBody,
  NeighbourhoodsQuery,
  NewProgram,
  ProgramsPageQuery,
  ProgramsQuery,
  ProgramView,
} from './programs.schema.ts';
import {
  CHILD_REGISTRARS,
  listMyChildren,
  registerChild,
  updateChildDetails,
} from './register-child.ts';
import { withdrawEnrolment } from './withdraw-enrolment.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { PROGRAM_LIST_EXPORT } from './program-list.export.ts';

const Id = z.object({ id: z.string().uuid() });
const ORGANISER = ['organiser'] as const;
const GUARDIAN = ['guardian'] as const;
const PARTIES = ['guardian', 'organiser'] as const;
const WithdrawBody = z.strictObject({ reason: freeText({ max: 500 }).optional() });
const tags = ['programs'];

/** CP-1 programs and classes; CP-2 children, enrolment, waitlist and offers. */
export const programRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const meta = (request: { id: string }) => ({ requestId: request.id, now: app.deps.now() });

  app.post(
    '/programs',
    {
      config: { access: { roles: ORGANISER }, idempotent: true },
      schema: {
        tags,
        summary: 'Create a program with its classes in my region (CP-1)',
        body: NewProgram,
        response: { 201: ProgramView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createProgram(db, {
          body: request.body,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  app.get(
    '/programs',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary: 'Published programs by region (view=browse), or those I organise (view=managed)',
        querystring: ProgramsQuery,
        response: { 200: z.array(ProgramView) },
      },
    },
    async (request) => listPrograms(db, { ...request.query, actor: actorOf(request) }),
  );

  app.get(
    '/programs/page',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary:
          'The same programs paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: ProgramsPageQuery,
        response: { 200: keysetPageSchema(ProgramView) },
      },
    },
    async (request) => pagePrograms(db, { ...request.query, actor: actorOf(request) }),
  );

  app.get(
    '/programs/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, summary: 'One program', params: Id, response: { 200: ProgramView } },
    },
    async (request) => getProgram(db, { id: request.params.id, actor: actorOf(request) }),
  );

  app.post(
    '/programs/children',
    {
      config: { access: { roles: CHILD_REGISTRARS }, idempotent: true },
      schema: {
        tags,
        summary:
          'Register my child (the ID number is stored encrypted, answered masked); a resident becomes a guardian',
        body: NewChild,
        response: { 201: ChildView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await registerChild(
            { db, pii: app.deps.pii },
            { body: request.body, actor: actorOf(request), ...meta(request) },
          ),
        ),
  );

  app.get(
    '/programs/children',
    {
      config: { access: { roles: CHILD_REGISTRARS } },
      schema: { tags, summary: 'My children', response: { 200: z.array(ChildView) } },
    },
    async (request) => listMyChildren(db, actorOf(request), app.deps.now()),
  );

  app.patch(
    '/programs/children/:id',
    {
      config: { access: { roles: CHILD_REGISTRARS } },
      schema: {
        tags,
        summary: 'Correct my child’s school grade or 小区 (CP-1 eligibility)',
        params: Id,
        body: ChildDetails,
        response: { 200: ChildView },
      },
    },
    async (request) =>
      updateChildDetails(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.get(
    '/programs/neighbourhoods',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary: 'The named 小区 of a community (default: my own), for catchments and registration',
        querystring: NeighbourhoodsQuery,
        response: { 200: NeighbourhoodList },
      },
    },
    async (request) =>
      listNeighbourhoods(db, { regionCode: request.query.regionCode, actor: actorOf(request) }),
  );

  app.put(
    '/programs/neighbourhoods/:regionCode',
    {
      config: { access: { roles: ORGANISER } },
      schema: {
        tags,
        summary:
          'Replace the list of a community’s 小区 (organiser in scope; audited); renamed ones carry their children and class catchments',
        params: z.object({ regionCode: z.string().regex(/^\d{12}$/) }),
        body: NeighbourhoodsBody,
        response: { 200: NeighbourhoodList },
      },
    },
    async (request) =>
      setNeighbourhoods(db, {
        regionCode: request.params.regionCode,
        names: request.body.names,
        renames: request.body.renames,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/programs/classes/:id/enrolments',
    {
      config: { access: { roles: GUARDIAN }, idempotent: true },
      schema: {
        tags,
        summary: 'Enrol my child in a class: enrolled, waitlisted, or applied (lottery) (CP-2)',
        params: Id,
        body: NewEnrolment,
        response: { 201: EnrolmentView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await enrolChild(db, {
          classId: request.params.id,
          body: request.body,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  app.get(
    '/programs/classes/:id/waitlist',
    {
      config: { access: { roles: ORGANISER } },
      schema: {
        tags,
        summary: 'The waitlist in the order seats go to it (priority groups, then time)',
        params: Id,
        response: { 200: z.array(EnrolmentView) },
      },
    },
    async (request) => classWaitlist(db, { classId: request.params.id, actor: actorOf(request) }),
  );

  app.get(
    '/programs/enrolments',
    {
      config: { access: { roles: GUARDIAN } },
      schema: {
        tags,
        summary: 'My children’s enrolments',
        response: { 200: z.array(EnrolmentView) },
      },
    },
    async (request) => myEnrolments(db, actorOf(request)),
  );

  app.post(
    '/programs/enrolments/:id/withdraw',
    {
      config: { access: { roles: PARTIES }, idempotent: true },
      schema: {
        tags,
        summary: 'Withdraw an enrolment; a seat it held is offered to the next family',
        params: Id,
        body: WithdrawBody,
        response: { 200: EnrolmentView },
      },
    },
    async (request) =>
      withdrawEnrolment(db, {
        id: request.params.id,
        ...(request.body.reason ? { reason: request.body.reason } : {}),
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  for (const [path, accept] of [
    ['accept', true],
    ['decline', false],
  ] as const)
    app.post(
      `/programs/enrolments/:id/${path}`,
      {
        config: { access: { roles: GUARDIAN }, idempotent: true },
        schema: {
          tags,
          summary: accept
            ? 'Accept the offer of a seat before it expires'
            : 'Decline the offer; the seat goes to the next family',
          params: Id,
          response: { 200: EnrolmentView },
        },
      },
      async (request) =>
        answerOffer(db, {
          id: request.params.id,
          accept,
          actor: actorOf(request),
          ...meta(request),
        }),
    );

  registerListExport(app, PROGRAM_LIST_EXPORT);
};
