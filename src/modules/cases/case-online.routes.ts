import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../shared/route-actor.ts';
import { fileOnlineCase, ONLINE_FILER_ROLES } from './case-online-intake.ts';
import { listOnlineStations } from './case-online-stations.ts';
import {
  FileOnlineBody,
  OnlineFiledView,
  OnlineStationsQuery,
  OnlineStationsView,
} from './case-online.schema.ts';

/**
 * Issue #14 point 3 (GS-10) 不打烊: a resident files their own case from the phone. The items they
 * may pick are the catalog's (GET /catalog/items?channel=online); photos go to
 * POST /cases/online/{id}/photos (attachments module).
 */
export const caseOnlineRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/cases/online/stations',
    {
      config: { access: { roles: ONLINE_FILER_ROLES } },
      schema: {
        tags: ['cases'],
        summary: 'Stations where I may file this item online (its 通办 scope around my home)',
        querystring: OnlineStationsQuery,
        response: { 200: OnlineStationsView },
      },
    },
    async (request) =>
      listOnlineStations(db, { itemCode: request.query.itemCode, actor: actorOf(request) }),
  );

  app.post(
    '/cases/online',
    {
      config: { access: { roles: ONLINE_FILER_ROLES }, idempotent: true },
      schema: {
        tags: ['cases'],
        summary: 'File my own case online: the one-time notice, the case number and 查询码',
        description:
          'The item must offer the online channel (CHANNEL_NOT_OFFERED), the station must be inside its 通办 scope (CASE_OUTSIDE_SCOPE), and the account must be linked to a resident record (RESIDENT_NOT_LINKED).',
        body: FileOnlineBody,
        response: { 201: OnlineFiledView },
      },
    },
    async (request, reply) => {
      const filed = await fileOnlineCase(db, {
        ...request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
        messages: { pii: app.deps.pii, publicUrl: app.deps.config.publicUrl },
      });
      return reply.status(201).send(filed);
    },
  );
};
