import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../shared/problem.ts';
import { RegionCodeSchema } from '../../shared/region-code.ts';
import { auditActor, authorize } from '../../shared/actor.ts';
import { createAccount } from './account.service.ts';
import {
  grantAccountRole,
  resetAccountPassword,
  revokeAccountGrant,
  setAccountStatus,
} from './accounts-admin.service.ts';
import { getAccount, listAccounts } from './accounts-view.ts';
import { pageAccounts } from './accounts-page.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';
import { ROLES, type Role } from '../../shared/roles.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { LINK_CAPABILITY, linkCandidates, linkReachOf } from './account-links.ts';
import { ACCOUNT_LINK_ACTIONS } from './account-links.rules.ts';
import type { CapabilityResolver } from './capability-names.ts';

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

const GrantView = z.object({
  id: z.string(),
  role: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
});

export const AccountView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  phoneMasked: z.string().nullable(),
  residentId: z.string().nullable(),
  createdAt: z.string(),
  grants: z.array(GrantView),
  availableActions: z.array(z.enum(['disable', 'enable', 'reset_password', 'grant', 'revoke'])),
  resident: z
    .object({ id: z.string(), fullName: z.string(), homeRegionCode: z.string() })
    .nullable(),
  volunteer: z
    .object({
      id: z.string(),
      fullName: z.string(),
      volunteerNumber: z.string(),
      homeRegionCode: z.string(),
    })
    .nullable(),
  /** Issue #15 point 4: which links the caller may change (the records' own routes change them). */
  linkActions: z.array(z.enum(ACCOUNT_LINK_ACTIONS)),
});

const LinkCandidateView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  linked: z.boolean(),
});

const AccountParams = z.object({ id: z.string().uuid() });

/** The account list's filters (both the offset and the keyset list). */
const AccountFilters = z.strictObject({
  q: z.string().trim().min(1).max(50).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  regionCode: RegionCodeSchema.optional(),
});

/** Administrators manage accounts inside their own scope (X-2, issue #15 point 4). */
export const accountRoutes: FastifyPluginAsyncZod<{ capabilities: CapabilityResolver }> = async (
  app,
  opts,
) => {
  const db = app.kysely;
  const admin = { access: { roles: ['admin'] as Role[] } };
  const linkReach = (request: Parameters<typeof actorOf>[0]) =>
    linkReachOf(actorOf(request), opts.capabilities);
  // Who links records to accounts: the roles whose grants give a link capability (the composition
  // root decides which; auth does not import residents or volunteers).
  const linkCapabilities: string[] = Object.values(LINK_CAPABILITY);
  const linkers = ROLES.filter((role) =>
    [null, 'station'].some((stationId) =>
      opts.capabilities.ofGrant({ role, stationId }).some((c) => linkCapabilities.includes(c)),
    ),
  );

  app.get(
    '/accounts/link-candidates',
    {
      config: { access: { roles: linkers } },
      schema: {
        tags: ['accounts'],
        summary:
          'Accounts to link a resident or volunteer record to (issue #15): by name, username or full mobile number, inside the linker’s scope',
        querystring: z.strictObject({
          for: z.enum(['resident', 'volunteer']),
          q: z.string().trim().min(1).max(50),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: { 200: z.array(LinkCandidateView) },
      },
    },
    async (request) =>
      linkCandidates(
        { db, pii: app.deps.pii },
        {
          reach: linkReach(request),
          kind: request.query.for,
          q: request.query.q,
          limit: request.query.limit,
        },
      ),
  );

  app.get(
    '/accounts',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Accounts with a grant inside the administrator’s scope, filtered',
        querystring: AccountFilters.extend({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(AccountView) },
      },
    },
    async (request) => {
      const { limit, offset, q, role, status, regionCode } = request.query;
      return listAccounts(db, {
        actor: actorOf(request),
        filter: { limit, offset, q, role, status, regionCode },
        linkReach: linkReach(request),
      });
    },
  );

  app.get(
    '/accounts/page',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary:
          'The same accounts paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: AccountFilters.extend({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          after: AfterCursor,
        }),
        response: { 200: keysetPageSchema(AccountView) },
      },
    },
    async (request) =>
      pageAccounts(db, {
        actor: actorOf(request),
        filter: request.query,
        linkReach: linkReach(request),
      }),
  );

  app.get(
    '/accounts/:id',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'One account, as the administrator sees it',
        params: AccountParams,
        response: { 200: AccountView },
      },
    },
    async (request) =>
      getAccount(db, {
        actor: actorOf(request),
        accountId: request.params.id,
        linkReach: linkReach(request),
      }),
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/accounts/:id/${action}`,
      {
        config: { ...admin, idempotent: true },
        schema: {
          tags: ['accounts'],
          summary:
            action === 'disable'
              ? 'Disable an account (its sessions end at once)'
              : 'Enable a disabled account',
          params: AccountParams,
          response: { 200: AccountView },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await setAccountStatus(db, {
          actor,
          accountId: request.params.id,
          action,
          requestId: request.id,
          now: app.deps.now(),
        });
        return getAccount(db, {
          actor,
          accountId: request.params.id,
          linkReach: linkReach(request),
        });
      },
    );
  }

  app.post(
    '/accounts/:id/password-reset',
    {
      // The one-time password is answered once and never stored for a replay.
      config: { ...admin, idempotent: 'secret-answer' },
      schema: {
        tags: ['accounts'],
        summary: 'Reset the password to a one-time password, answered once; sessions end',
        params: AccountParams,
        response: { 200: z.object({ password: z.string() }) },
      },
    },
    async (request) =>
      resetAccountPassword(db, {
        actor: actorOf(request),
        accountId: request.params.id,
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.post(
    '/accounts/:id/grants',
    {
      config: { ...admin, idempotent: true },
      schema: {
        tags: ['accounts'],
        summary: 'Grant a role over a region or a station inside the administrator’s scope',
        params: AccountParams,
        body: GrantInput,
        response: { 201: GrantView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await grantAccountRole(db, {
          actor: actorOf(request),
          accountId: request.params.id,
          role: request.body.role,
          regionCode: request.body.regionCode,
          stationId: request.body.stationId,
          requestId: request.id,
          now: app.deps.now(),
        }),
      ),
  );

  app.post(
    '/accounts/:id/grants/:grantId/revoke',
    {
      config: { ...admin, idempotent: true },
      schema: {
        tags: ['accounts'],
        summary: 'Revoke one role grant (never the account’s last)',
        params: z.object({ id: z.string().uuid(), grantId: z.string().uuid() }),
        response: { 200: AccountView },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await revokeAccountGrant(db, {
        actor,
        accountId: request.params.id,
        grantId: request.params.grantId,
        requestId: request.id,
        now: app.deps.now(),
      });
      return getAccount(db, { actor, accountId: request.params.id, linkReach: linkReach(request) });
    },
  );

  app.post(
    '/accounts',
    {
      config: { ...admin, idempotent: true },
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
