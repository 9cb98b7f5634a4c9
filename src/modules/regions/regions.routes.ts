import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NewRegion,
  RegionLevelSchema,
  NewStation,
  RegionCodeSchema,
  RegionView,
  StationKindSchema,
  StationPatch,
  StationView,
} from './regions.schema.ts';
import {
  createRegion,
  createStation,
  getStation,
  listRegions,
  listStations,
  regionPath,
  searchRegions,
  updateStation,
} from './regions.service.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { listTownStations, PublicStationView } from './public-stations.ts';
import { pageRegions, pageStations } from './regions-page.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';

const PUBLIC = { access: { public: true } } as const;

/** The region list's filters and page size (the offset list adds `offset`, the keyset list `after`). */
const RegionFilters = z.strictObject({
  parent: RegionCodeSchema.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  within: RegionCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The station list's filters and page size. */
const StationFilters = z.strictObject({
  regionCode: RegionCodeSchema.optional(),
  kind: StationKindSchema.optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const ADMIN = { access: { roles: ['admin'] } } as const;

/** the region tree and the stations on it. Reading is public (it is public service information). */
export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/regions',
    {
      config: PUBLIC,
      schema: {
        tags: ['regions'],
        summary:
          'Children of a region (top level when parent is omitted); with q, regions by name, pinyin or initials (issue #15), paged, inside `within` when given',
        querystring: RegionFilters.extend({
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        })
          .refine((b) => b.q !== undefined || b.within === undefined, 'within needs q')
          .refine((b) => b.q === undefined || b.parent === undefined, 'parent or q, not both'),
        response: { 200: z.array(RegionView) },
      },
    },
    async (request) => {
      const { parent, q, within, limit, offset } = request.query;
      return q === undefined
        ? listRegions(db, parent ?? null)
        : searchRegions(db, { q, within, limit, offset });
    },
  );

  app.get(
    '/regions/page',
    {
      config: PUBLIC,
      schema: {
        tags: ['regions'],
        summary:
          'The same regions paged by keyset (the children of a region too): nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: RegionFilters.extend({ after: AfterCursor })
          .refine((b) => b.q !== undefined || b.within === undefined, 'within needs q')
          .refine((b) => b.q === undefined || b.parent === undefined, 'parent or q, not both'),
        response: { 200: keysetPageSchema(RegionView) },
      },
    },
    async (request) => pageRegions(db, request.query),
  );

  app.get(
    '/regions/:code',
    {
      config: PUBLIC,
      schema: {
        tags: ['regions'],
        summary: 'A region with its ancestors (root first) and children',
        params: z.object({ code: RegionCodeSchema }),
        response: {
          200: z.object({
            path: z.array(
              z.object({ code: z.string(), name: z.string(), level: RegionLevelSchema }),
            ),
            children: z.array(RegionView),
          }),
        },
      },
    },
    async (request) => ({
      path: await regionPath(db, request.params.code),
      children: await listRegions(db, request.params.code),
    }),
  );

  app.post(
    '/regions',
    {
      config: { ...ADMIN, idempotent: true },
      schema: {
        tags: ['regions'],
        summary: 'Add a region under a parent',
        body: NewRegion,
        response: { 201: RegionView },
      },
    },
    async (request, reply) => {
      const created = await createRegion(db, {
        region: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/stations',
    {
      config: PUBLIC,
      schema: {
        tags: ['stations'],
        summary: 'Stations inside a region',
        querystring: StationFilters.extend({
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(StationView) },
      },
    },
    async (request) => listStations(db, request.query),
  );

  app.get(
    '/stations/page',
    {
      config: PUBLIC,
      schema: {
        tags: ['stations'],
        summary:
          'The same stations paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: StationFilters.extend({ after: AfterCursor }),
        response: { 200: keysetPageSchema(StationView) },
      },
    },
    async (request) => pageStations(db, request.query),
  );

  app.get(
    '/public/stations',
    {
      config: PUBLIC,
      schema: {
        tags: ['stations'],
        summary:
          'Issue #11: the stations of a town (a village code widens to its town) — name, address, phone, opening hours; no login',
        querystring: z.strictObject({ town: RegionCodeSchema }),
        response: { 200: z.array(PublicStationView) },
      },
    },
    async (request, reply) => {
      const stations = await listTownStations(db, { regionCode: request.query.town });
      void reply.header('cache-control', 'public, max-age=300');
      return stations;
    },
  );

  app.get(
    '/stations/:id',
    {
      config: PUBLIC,
      schema: {
        tags: ['stations'],
        summary: 'One station',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: StationView },
      },
    },
    async (request) => getStation(db, request.params.id),
  );

  app.post(
    '/stations',
    {
      config: { ...ADMIN, idempotent: true },
      schema: {
        tags: ['stations'],
        summary: 'Add a station',
        body: NewStation,
        response: { 201: StationView },
      },
    },
    async (request, reply) => {
      const id = await createStation(db, {
        station: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(await getStation(db, id));
    },
  );

  app.patch(
    '/stations/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['stations'],
        summary: 'Change a station’s name, address, phone or opening hours',
        params: z.object({ id: z.string().uuid() }),
        body: StationPatch,
        response: { 200: StationView },
      },
    },
    async (request) =>
      updateStation(db, {
        id: request.params.id,
        patch: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );
};
