import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { STATION_STAFF } from './appointments.access.ts';
import {
  CallNextBody,
  CallNextView,
  LinkCaseBody,
  ScreenParams,
  ScreenView,
  StationParams,
  TicketView,
  WalkInBody,
} from './appointments.schema.ts';
import { actOnTicket, callNext, issueWalkIn, linkCase } from './queue.service.ts';
import { queueScreen } from './station-day.service.ts';

const Id = z.strictObject({ id: z.string().uuid() });
const tags = ['queue'];
const ACTIONS = ['start', 'recall', 'skip', 'finish'] as const;

/** GS-10 the window queue: walk-in tickets, call next, service times, the queue screen. */
export const queueRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const meta = (request: { id: string }) => ({ requestId: request.id, now: app.deps.now() });

  app.post(
    '/queue/stations/:id/tickets',
    {
      config: { access: { roles: STATION_STAFF }, idempotent: true },
      schema: {
        tags,
        summary:
          'Issue a walk-in ticket (B…), optionally for a known resident and with a priority flag (绿色通道)',
        params: StationParams,
        body: WalkInBody,
        response: { 201: TicketView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await issueWalkIn(db, {
          stationId: request.params.id,
          residentId: request.body.residentId ?? null,
          priority: request.body.priority ?? null,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  app.post(
    '/queue/stations/:id/call-next',
    {
      config: { access: { roles: STATION_STAFF }, idempotent: true },
      schema: {
        tags,
        summary:
          'Call the next ticket (priority, due appointments, walk-ins, early appointments); null when nobody waits',
        params: StationParams,
        body: CallNextBody,
        response: { 200: CallNextView },
      },
    },
    async (request) =>
      callNext(db, {
        stationId: request.params.id,
        desk: request.body.desk ?? null,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  for (const action of ACTIONS)
    app.post(
      `/queue/tickets/:id/${action}`,
      {
        config: { access: { roles: STATION_STAFF }, idempotent: true },
        schema: { tags, summary: `Ticket: ${action}`, params: Id, response: { 200: TicketView } },
      },
      async (request) =>
        actOnTicket(db, {
          ticketId: request.params.id,
          action,
          actor: actorOf(request),
          ...meta(request),
        }),
    );

  app.post(
    '/queue/tickets/:id/case',
    {
      config: { access: { roles: STATION_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Link the case filed for a ticket being served',
        params: Id,
        body: LinkCaseBody,
        response: { 200: TicketView },
      },
    },
    async (request) =>
      linkCase(db, {
        ticketId: request.params.id,
        caseId: request.body.caseId,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.get(
    '/queue/screen/:token',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'The queue screen of a station (its screen link): numbers being called and next, no names',
        params: ScreenParams,
        response: { 200: ScreenView },
      },
    },
    async (request) => queueScreen(db, { token: request.params.token, now: app.deps.now() }),
  );
};
