import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RESIDENT_READERS, RESIDENT_REGISTRARS } from '../../shared/roles.ts';
import {
  IdNumberInput,
  NewResident,
  PhoneInput,
  ResidentView,
  RevealRequest,
  RevealView,
} from './residents.schema.ts';
import {
  getResident,
  listResidents,
  lookupResident,
  registerResident,
  revealResident,
} from './residents.service.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { ACCOUNT_LINKERS, createResidentLogin } from './resident-account.ts';
import {
  linkResidentAccount,
  residentAccountView,
  unlinkResidentAccount,
} from './resident-account-link.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { residentListExport, ResidentFilters } from './resident-list.export.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';
import { pageResidents } from './resident-list-page.ts';

const ResidentLink = z.object({ residentId: z.string(), accountId: z.string().nullable() });

/** the resident registry. ID numbers travel only in bodies, never in URLs or logs. */
export const residentRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.kysely, pii: app.deps.pii };

  app.post(
    '/residents',
    {
      config: { access: { roles: RESIDENT_REGISTRARS }, idempotent: true },
      schema: {
        tags: ['residents'],
        summary: 'Register a resident',
        body: NewResident,
        response: { 201: ResidentView },
      },
    },
    async (request, reply) => {
      const created = await registerResident(deps, {
        resident: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/residents/lookup',
    {
      config: { access: { roles: RESIDENT_READERS } },
      schema: {
        tags: ['residents'],
        summary: 'Exact lookup by ID number (through a keyed hash)',
        body: z.strictObject({ idNumber: IdNumberInput }),
        response: { 200: ResidentView },
      },
    },
    async (request) =>
      lookupResident(deps, {
        idNumber: request.body.idNumber,
        actor: actorOf(request),
        now: app.deps.now(),
      }),
  );

  app.get(
    '/residents',
    {
      config: { access: { roles: RESIDENT_READERS } },
      schema: {
        tags: ['residents'],
        summary:
          'Residents in the caller’s scope, by name (or the last four digits of the phone) or region',
        querystring: ResidentFilters.extend({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(ResidentView) },
      },
    },
    async (request) =>
      listResidents(deps, { actor: actorOf(request), ...request.query, now: app.deps.now() }),
  );

  app.get(
    '/residents/page',
    {
      config: { access: { roles: RESIDENT_READERS } },
      schema: {
        tags: ['residents'],
        summary:
          'The same residents paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: ResidentFilters.extend({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          after: AfterCursor,
        }),
        response: { 200: keysetPageSchema(ResidentView) },
      },
    },
    async (request) =>
      pageResidents(deps, { actor: actorOf(request), ...request.query, now: app.deps.now() }),
  );

  app.get(
    '/residents/:id',
    {
      config: { access: { roles: RESIDENT_READERS } },
      schema: {
        tags: ['residents'],
        summary: 'One resident (masked)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: ResidentView },
      },
    },
    async (request) =>
      getResident(deps, { id: request.params.id, actor: actorOf(request), now: app.deps.now() }),
  );

  app.post(
    '/residents/:id/reveal',
    {
      config: { access: { roles: RESIDENT_REGISTRARS } },
      schema: {
        tags: ['residents'],
        summary: 'Show the full ID number and phone; needs a reason; audited',
        params: z.object({ id: z.string().uuid() }),
        body: RevealRequest,
        response: { 200: RevealView },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return revealResident(deps, {
        id: request.params.id,
        reason: request.body.reason,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
    },
  );

  app.post(
    '/residents/:id/login',
    {
      config: { access: { roles: ACCOUNT_LINKERS }, idempotent: true },
      schema: {
        tags: ['residents'],
        summary: 'Create the resident’s own phone login (SMS code), linked to their record (GS-10)',
        description:
          'At the window, for a resident who wants to file online (不打烊) and see their own cases. The phone must be a mainland mobile not used by another account; audited as account.created.',
        params: z.object({ id: z.string().uuid() }),
        body: z.strictObject({ phone: PhoneInput }),
        response: {
          201: z.object({ accountId: z.string(), residentId: z.string(), phoneMasked: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const created = await createResidentLogin(deps, {
        residentId: request.params.id,
        phone: request.body.phone,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/residents/:id/account',
    {
      config: { access: { roles: RESIDENT_READERS } },
      schema: {
        tags: ['residents'],
        summary:
          'The account linked to the resident record, or none, and what the caller may do (issue #15)',
        params: z.object({ id: z.string().uuid() }),
        response: {
          200: z.object({
            residentId: z.string(),
            account: z
              .object({
                id: z.string(),
                username: z.string(),
                displayName: z.string(),
                phoneMasked: z.string().nullable(),
                status: z.enum(['active', 'disabled']),
              })
              .nullable(),
            availableActions: z.array(z.enum(['create_login', 'link', 'unlink'])),
          }),
        },
      },
    },
    async (request) =>
      residentAccountView(app.kysely, {
        actor: actorOf(request),
        residentId: request.params.id,
        now: app.deps.now(),
      }),
  );

  app.post(
    '/residents/:id/account',
    {
      config: { access: { roles: ACCOUNT_LINKERS }, idempotent: true },
      schema: {
        tags: ['residents'],
        summary: 'Link an existing account to the resident record (issue #15)',
        params: z.object({ id: z.string().uuid() }),
        body: z.strictObject({ accountId: z.string().uuid() }),
        response: { 200: ResidentLink },
      },
    },
    async (request) => {
      await linkResidentAccount(app.kysely, {
        residentId: request.params.id,
        accountId: request.body.accountId,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return { residentId: request.params.id, accountId: request.body.accountId };
    },
  );

  app.post(
    '/residents/:id/account/unlink',
    {
      config: { access: { roles: ACCOUNT_LINKERS }, idempotent: true },
      schema: {
        tags: ['residents'],
        summary: 'Unlink the account of the resident record (issue #15)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: ResidentLink },
      },
    },
    async (request) => {
      await unlinkResidentAccount(app.kysely, {
        residentId: request.params.id,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return { residentId: request.params.id, accountId: null };
    },
  );

  registerListExport(app, residentListExport(app.deps.pii));
};
