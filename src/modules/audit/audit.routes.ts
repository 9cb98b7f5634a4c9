import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reachPrefixes } from '../auth/actor.ts';
import { verifyAuditChain } from './audit.service.ts';

const AUDIT_READERS = ['admin', 'supervisor'] as const;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/audit/events',
    {
      config: { access: { roles: AUDIT_READERS } },
      schema: {
        tags: ['audit'],
        summary: 'Audit events inside the caller’s scope, newest first',
        querystring: z.strictObject({
          entityType: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
          beforeSeq: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.array(
            z.object({
              seq: z.number(),
              occurredAt: z.string(),
              actorId: z.string().nullable(),
              actorRole: z.string().nullable(),
              stationId: z.string().nullable(),
              action: z.string(),
              entityType: z.string(),
              entityId: z.string(),
              regionCode: z.string().nullable(),
              before: z.unknown(),
              after: z.unknown(),
              requestId: z.string().nullable(),
              hash: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const prefixes = reachPrefixes(request.actor!, AUDIT_READERS);
      let q = db
        .selectFrom('audit_events')
        .selectAll()
        .where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))));
      const { entityType, entityId, beforeSeq, limit } = request.query;
      if (entityType) q = q.where('entity_type', '=', entityType);
      if (entityId) q = q.where('entity_id', '=', entityId);
      if (beforeSeq) q = q.where('seq', '<', beforeSeq);
      const rows = await q.orderBy('seq', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        occurredAt: r.occurred_at,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        stationId: r.station_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        regionCode: r.region_code,
        before: r.before_json ? (JSON.parse(r.before_json) as unknown) : null,
        after: r.after_json ? (JSON.parse(r.after_json) as unknown) : null,
        requestId: r.request_id,
        hash: r.hash,
      }));
    },
  );

  app.post(
    '/audit/verify',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['audit'],
        summary: 'Check the whole hash chain; names the first broken link',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            firstBrokenSeq: z.number().nullable(),
            reason: z.string().nullable(),
          }),
        },
      },
    },
    async () => verifyAuditChain(db),
  );
};
