import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../shared/problem.ts';
import { RegionCodeSchema } from '../../shared/region-code.ts';
import { auditActor, authorize, reachPrefixes } from '../../shared/actor.ts';
import { createAccount } from './account.service.ts';
import { ROLES } from '../../shared/roles.ts';
import { actorOf } from '../../shared/route-actor.ts';

const GrantInput = z
  .strictObject({
    role: z.enum(ROLES),
    regionCode: RegionCodeSchema.optional(),
    stationId: z.string().uuid().optional(),
  })
  .refine(
    (g) => Boolean(g.regionCode) !== Boolean(g.stationId),
    'give exactly one of regionCode or stationId',
  );

const AccountView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  status: z.string(),
  grants: z.array(
    z.object({ role: z.string(), regionCode: z.string(), stationId: z.string().nullable() }),
  ),
});

/** Administrators manage accounts inside their own scope. */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/accounts',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['accounts'],
        summary: 'Accounts with a grant inside the administrator’s scope',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(AccountView) },
      },
    },
    async (request) => {
      const prefixes = reachPrefixes(actorOf(request), ['admin']);
      const grants = await db
        .selectFrom('role_grants')
        .select(['account_id', 'role', 'region_code', 'station_id'])
        .where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))))
        .execute();
      const ids = [...new Set(grants.map((g) => g.account_id))];
      if (ids.length === 0) return [];
      const accounts = await db
        .selectFrom('accounts')
        .select(['id', 'username', 'display_name', 'status'])
        .where('id', 'in', ids)
        .orderBy('username')
        .limit(request.query.limit)
        .offset(request.query.offset)
        .execute();
      return accounts.map((a) => ({
        id: a.id,
        username: a.username,
        displayName: a.display_name,
        status: a.status,
        grants: grants
          .filter((g) => g.account_id === a.id)
          .map((g) => ({ role: g.role, regionCode: g.region_code, stationId: g.station_id })),
      }));
    },
  );

  app.post(
    '/accounts',
    {
      config: { access: { roles: ['admin'] }, idempotent: true },
      schema: {
        tags: ['accounts'],
        summary: 'Create an account with role grants inside the administrator’s scope',
        body: z.strictObject({
          username: z
            .string()
            .trim()
            .regex(/^[a-zA-Z0-9_.-]{3,50}$/),
          displayName: z.string().trim().min(1).max(50),
          password: z.string().min(1).max(200),
          grants: z.array(GrantInput).min(1).max(20),
        }),
        response: { 201: z.object({ id: z.string(), username: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      for (const g of request.body.grants) {
        let regionCode = g.regionCode;
        if (g.stationId) {
          const s = await db
            .selectFrom('stations')
            .select('region_code')
            .where('id', '=', g.stationId)
            .executeTakeFirst();
          if (!s) throw new AppError('UNKNOWN_STATION');
          regionCode = s.region_code;
        }
        authorize(actor, ['admin'], regionCode);
      }
      const created = await createAccount(db, {
        username: request.body.username,
        displayName: request.body.displayName,
        password: request.body.password,
        grants: request.body.grants,
        actor: auditActor(actor, authorize(actor, ['admin'])),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send({ id: created.id, username: created.username });
    },
  );
};
