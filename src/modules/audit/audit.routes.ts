import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditEvents, verifyAndCheckpoint } from './audit.service.ts';
import { pageAuditEvents } from './audit-events.view.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { auditListExport, AuditFilters } from './audit-list.export.ts';

/** One audit event as the log answers it. */
const AuditEventView = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorName: z.string().nullable(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  entityLabel: z
    .string()
    .nullable()
    .describe('What a reader knows the entity by: a case or order number, a name'),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  hash: z.string(),
});

export const AUDIT_READERS = ['admin', 'supervisor'] as const;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/audit/events',
    {
      config: { access: { roles: AUDIT_READERS } },
      schema: {
        tags: ['audit'],
        summary: 'Audit events inside the caller’s scope, newest first',
        querystring: AuditFilters.extend({
          beforeSeq: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.array(AuditEventView),
        },
      },
    },
    async (request) =>
      listAuditEvents(db, { actor: actorOf(request), roles: AUDIT_READERS, ...request.query }),
  );

  app.get(
    '/audit/events/page',
    {
      config: { access: { roles: AUDIT_READERS } },
      schema: {
        tags: ['audit'],
        summary:
          'The same events paged by keyset (newest first by time): nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: AuditFilters.extend({
          after: AfterCursor,
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: keysetPageSchema(AuditEventView) },
      },
    },
    async (request) =>
      pageAuditEvents(db, { actor: actorOf(request), roles: AUDIT_READERS, ...request.query }),
  );

  app.post(
    '/audit/verify',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['audit'],
        summary:
          'Check every shard chain, the seal chain and the signed checkpoints; names the first broken link; signs a checkpoint of the seal head when intact',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            firstBrokenSeq: z.number().nullable(),
            reason: z.string().nullable(),
            shard: z
              .string()
              .nullable()
              .describe('The shard (town:YYYYMMDD, system:YYYYMMDD or legacy) where it broke'),
            shards: z.number(),
            seals: z.number(),
            sealHeadSeq: z.number(),
            legacyEvents: z.number(),
            checkpoints: z.number(),
            checkpointWritten: z.boolean(),
            headSeq: z.number(),
          }),
        },
      },
    },
    async () => {
      const r = await verifyAndCheckpoint(db, {
        checkpointFile: app.deps.config.auditCheckpointFile,
        now: app.deps.now(),
      });
      return {
        ok: r.ok,
        checked: r.checked,
        firstBrokenSeq: r.firstBrokenSeq,
        reason: r.reason,
        shard: r.shard,
        shards: r.shards,
        seals: r.seals,
        sealHeadSeq: r.sealHead.seq,
        legacyEvents: r.legacyEvents,
        checkpoints: r.checkpoints,
        checkpointWritten: r.checkpointWritten,
        headSeq: r.head.seq,
      };
    },
  );

  registerListExport(app, auditListExport(AUDIT_READERS));
};
