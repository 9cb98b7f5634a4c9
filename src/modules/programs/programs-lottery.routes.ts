import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../../shared/roles.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { drawClass } from './draw-lottery.ts';
import { enrolSiblings } from './enrol-child.ts';
import { getDraw, verifyDraw } from './lottery-record.ts';
import { moveUpByHand } from './move-up.ts';
import {
  EnrolmentView,
  LotteryDrawView,
  LotteryVerification,
  MoveUpBody,
  NewSiblingEnrolment,
} from './programs.schema.ts';

const Id = z.object({ id: z.string().uuid() });
const ORGANISER = ['organiser'] as const;
const GUARDIAN = ['guardian'] as const;
const tags = ['programs'];

/** CP-2 complete: siblings together, the lottery draw anyone can re-run, moving a family up by hand. */
export const programLotteryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const meta = (request: { id: string }) => ({ requestId: request.id, now: app.deps.now() });

  app.post(
    '/programs/classes/:id/enrolments/siblings',
    {
      config: { access: { roles: GUARDIAN }, idempotent: true },
      schema: {
        tags,
        summary:
          'Enrol my children together (both or neither): all enrolled, all waitlisted, or refused',
        params: Id,
        body: NewSiblingEnrolment,
        response: { 201: z.array(EnrolmentView) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await enrolSiblings(db, {
          classId: request.params.id,
          body: request.body,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  app.post(
    '/programs/classes/:id/draw',
    {
      config: { access: { roles: ORGANISER }, idempotent: true },
      schema: {
        tags,
        summary: 'Draw a lottery class after its window closed: a recorded seed, exactly once',
        params: Id,
        response: { 201: LotteryDrawView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await drawClass(db, {
          classId: request.params.id,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  app.get(
    '/programs/classes/:id/draw',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary: 'The recorded draw of a lottery class: seed, inputs and order, to re-run',
        params: Id,
        response: { 200: LotteryDrawView },
      },
    },
    async (request) => getDraw(db, { classId: request.params.id, actor: actorOf(request) }),
  );

  app.get(
    '/programs/classes/:id/draw/verify',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary: 'Re-run the recorded draw and compare it with the record and the enrolments',
        params: Id,
        response: { 200: LotteryVerification },
      },
    },
    async (request) => verifyDraw(db, { classId: request.params.id, actor: actorOf(request) }),
  );

  app.post(
    '/programs/enrolments/:id/move-up',
    {
      config: { access: { roles: ORGANISER }, idempotent: true },
      schema: {
        tags,
        summary: 'Move a waiting family to the head of the waitlist, with a recorded reason',
        params: Id,
        body: MoveUpBody,
        response: { 200: EnrolmentView },
      },
    },
    async (request) =>
      moveUpByHand(db, {
        id: request.params.id,
        reason: request.body.reason,
        actor: actorOf(request),
        ...meta(request),
      }),
  );
};
