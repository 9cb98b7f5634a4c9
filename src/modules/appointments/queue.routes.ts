import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { STATION_STAFF } from './appointments.access.ts';
import {
  CallNextBody,
  CallNextView,
  LinkCaseBody,
  NewWindowBody,
  ScreenParams,
  ScreenView,
  StationParams,
  TicketView,
  WalkInBody,
  WindowPatchBody,
  WindowView,
} from './appointments.schema.ts';
import { actOnTicket, callNext, issueWalkIn, linkCase } from './queue.service.ts';
import { queueScreen } from './station-day.service.ts';
import {
  createWindow,
  leaveWindow,
  listWindows,
  sitAtWindow,
  updateWindow,
} from './station-windows.ts';

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
        windowId: request.body.windowId ?? null,
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
    '/queue/stations/:id/windows',
    {
      config: { access: { roles: STATION_STAFF } },
      schema: {
        tags,
        summary: 'The station’s windows and who sits at each today',
        params: StationParams,
        response: { 200: z.array(WindowView) },
      },
    },
    async (request) =>
      listWindows(db, {
        stationId: request.params.id,
        actor: actorOf(request),
        now: app.deps.now(),
      }),
  );

  app.post(
    '/queue/stations/:id/windows',
    {
      config: { access: { roles: STATION_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Add a window to the station (2 → 2号窗口 unless named)',
        params: StationParams,
        body: NewWindowBody,
        response: { 201: WindowView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createWindow(db, {
          stationId: request.params.id,
          number: request.body.number,
          name: request.body.name ?? null,
          actor: actorOf(request),
          ...meta(request),
        }),
      ),
  );

  app.patch(
    '/queue/windows/:id',
    {
      config: { access: { roles: STATION_STAFF } },
      schema: {
        tags,
        summary: 'Rename a window, or archive it (nobody sits there) / reopen it',
        params: Id,
        body: WindowPatchBody,
        response: { 200: WindowView },
      },
    },
    async (request) =>
      updateWindow(db, {
        id: request.params.id,
        name: request.body.name,
        archived: request.body.archived,
        actor: actorOf(request),
        ...meta(request),
      }),
  );

  app.post(
    '/queue/windows/:id/sit',
    {
      config: { access: { roles: STATION_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Sit down at a window for today (one clerk per window, one window per clerk)',
        params: Id,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await sitAtWindow(db, {
        windowId: request.params.id,
        actor: actorOf(request),
        ...meta(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/queue/windows/:id/leave',
    {
      config: { access: { roles: STATION_STAFF }, idempotent: true },
      schema: {
        tags,
        summary: 'Leave my window',
        params: Id,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await leaveWindow(db, {
        windowId: request.params.id,
        actor: actorOf(request),
        ...meta(request),
      });
      return reply.status(204).send(null);
    },
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
