import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../shared/problem.ts';
import {
  CatalogCodeSchema,
  CatalogItemSchema,
  CatalogItemSummary,
  CatalogItemView,
  CatalogListQuery,
  TownCodeSchema,
} from './catalog.schema.ts';
import { CATALOG_WRITERS, createItem, getItem, listItems, updateItem } from './catalog.service.ts';
import { countTownList } from './catalog.repo.ts';
import { CATALOG_EXPORTERS, exportCatalog, importCatalog } from './catalog-io.ts';
import { XLSX_CONTENT_TYPE } from './catalog-xlsx.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { catalogTownsFor, residentCatalogReach } from './catalog.scope.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A resident whose town no station serves may not read the catalog's items (issue #11). */
async function assertCatalogServesCaller(db: Kysely<Database>, caller: Actor | null) {
  const reach = await residentCatalogReach(db, caller);
  if (reach && !reach.served) throw new AppError('CATALOG_NOT_SERVED_HERE');
}

const PUBLIC = { access: { public: true } } as const;
/** Who may write some part of the catalog; the service checks the part (shared or a town's). */
const WRITERS = { access: { roles: CATALOG_WRITERS } } as const;
const TownQuery = z.strictObject({
  /** Issue #15 point 9: a town's own item ("+N"); omitted, a shared one. */
  town: TownCodeSchema.optional(),
});
const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;
const Format = z.enum(['json', 'xlsx']);
const CodeParams = z.strictObject({ code: CatalogCodeSchema });

const ImportResultView = z.object({
  read: z.number().int(),
  created: z.array(z.string()),
  versioned: z.array(z.object({ code: z.string(), version: z.number().int() })),
  unchanged: z.number().int(),
});

/**
 * GS-1 the service catalog ("47+N"). Reading is public: residents may see what to bring. Writing is
 * for administrators; every change is a new version (GS-2: one definition for all stations).
 */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/catalog/items',
    {
      config: PUBLIC,
      schema: {
        tags: ['catalog'],
        summary: 'Active service items; q matches Chinese, English, pinyin and pinyin initials',
        querystring: CatalogListQuery,
        response: {
          200: z.object({
            total: z.number().int(),
            items: z.array(CatalogItemSummary),
            /** Issue #11: set when the list is limited to the caller's town (residents). */
            town: z.object({ served: z.boolean() }).nullable(),
            /** Issue #15 point 9: with ?town=, the town's "47+N": active shared and own items. */
            townList: z
              .object({ town: z.string(), shared: z.number().int(), own: z.number().int() })
              .nullable(),
          }),
        },
      },
    },
    async (request) => {
      const reach = await residentCatalogReach(db, request.actor);
      if (reach && !reach.served)
        return { total: 0, items: [], town: { served: false }, townList: null };
      const { town, ...query } = request.query;
      const towns = catalogTownsFor(request.actor, town);
      const list = await listItems(db, { ...query, towns });
      const townList = town ? { town, ...(await countTownList(db, town)) } : null;
      return { ...list, town: reach && { served: true }, townList };
    },
  );

  app.get(
    '/catalog/items/:code',
    {
      config: PUBLIC,
      schema: {
        tags: ['catalog'],
        summary: 'The current version of an item',
        params: CodeParams,
        response: { 200: CatalogItemView },
      },
    },
    async (request) => {
      await assertCatalogServesCaller(db, request.actor);
      return getItem(db, request.params.code);
    },
  );

  app.get(
    '/catalog/items/:code/versions/:version',
    {
      config: PUBLIC,
      schema: {
        tags: ['catalog'],
        summary: 'One version of an item (what a case filed under it uses)',
        params: z.strictObject({
          code: CatalogCodeSchema,
          version: z.coerce.number().int().min(1).max(1_000_000),
        }),
        response: { 200: CatalogItemView },
      },
    },
    async (request) => {
      await assertCatalogServesCaller(db, request.actor);
      return getItem(db, request.params.code, request.params.version);
    },
  );

  app.post(
    '/catalog/items',
    {
      config: { ...WRITERS, idempotent: true },
      schema: {
        tags: ['catalog'],
        summary: 'Add a service item (version 1): a shared one, or with ?town= a town’s own',
        querystring: TownQuery,
        body: CatalogItemSchema,
        response: { 201: CatalogItemView },
      },
    },
    async (request, reply) => {
      const created = await createItem(db, {
        item: request.body,
        town: request.query.town,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/catalog/items/:code',
    {
      config: WRITERS,
      schema: {
        tags: ['catalog'],
        summary: 'Change an item: a new version (an identical definition changes nothing)',
        params: CodeParams,
        body: CatalogItemSchema,
        response: { 200: CatalogItemView },
      },
    },
    async (request) => {
      const { item } = await updateItem(db, {
        code: request.params.code,
        item: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return item;
    },
  );

  app.get(
    '/catalog/export',
    {
      config: { access: { roles: CATALOG_EXPORTERS } },
      schema: {
        tags: ['catalog'],
        summary:
          'The current version of every shared item, or with ?town= the town’s 实施清单 (shared + its own), as JSON or Excel (.xlsx)',
        querystring: z.strictObject({
          format: Format.default('json'),
          town: TownCodeSchema.optional(),
        }),
      },
    },
    async (request, reply) => {
      const file = await exportCatalog(db, {
        format: request.query.format,
        town: request.query.town,
        actor: actorOf(request),
        now: app.deps.now(),
      });
      void reply.header('content-disposition', `attachment; filename="${file.filename}"`);
      if (file.format === 'xlsx') return reply.type(XLSX_CONTENT_TYPE).send(file.body);
      return reply.type('application/json; charset=utf-8').send(file.body);
    },
  );

  await app.register(catalogImportRoute);
};

/** The .xlsx body parser exists only inside this plugin, for the import route. */
const catalogImportRoute: FastifyPluginAsyncZod = async (io) => {
  const db = io.kysely;
  io.addContentTypeParser(
    XLSX_CONTENT_TYPE,
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  io.post(
    '/catalog/import',
    {
      config: { ...WRITERS, idempotent: true },
      bodyLimit: IMPORT_LIMIT_BYTES,
      schema: {
        tags: ['catalog'],
        summary:
          'Import a catalog, all or nothing: JSON { items } or the .xlsx file as the raw body',
        description: `JSON as application/json; Excel with content-type ${XLSX_CONTENT_TYPE}. New codes are created, changed items versioned, identical ones skipped. Any refused row refuses the whole file (422, every row listed). With ?town= new codes become the town's own items; a shared or another town's item may appear only unchanged.`,
        querystring: z.strictObject({
          format: Format.optional(),
          /** Issue #15 point 9: import a town's list: new codes become the town's own items. */
          town: TownCodeSchema.optional(),
        }),
        response: { 200: ImportResultView },
      },
    },
    async (request) => {
      const isFile = Buffer.isBuffer(request.body);
      const format = request.query.format ?? (isFile ? 'xlsx' : 'json');
      if (isFile !== (format === 'xlsx'))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          detail:
            format === 'xlsx'
              ? `send the file with content-type ${XLSX_CONTENT_TYPE}`
              : 'send JSON with content-type application/json',
        });
      return importCatalog(db, {
        format,
        town: request.query.town,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: io.deps.now(),
      });
    },
  );
};
