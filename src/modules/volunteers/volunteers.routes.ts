import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../../shared/roles.ts';
import {
  MyVolunteerView,
  SelfRegistration,
  StaffRegistration,
  VolunteerPageQuery,
  VolunteerQuery,
  VolunteerUpdate,
  VolunteerView,
} from './volunteers.schema.ts';
import {
  getVolunteer,
  listVolunteers,
  myVolunteer,
  updateVolunteer,
} from './volunteers.service.ts';
import { registerVolunteer } from './volunteer-registration.ts';
import {
  claimVolunteerRecord,
  linkVolunteerAccount,
  unlinkVolunteerAccount,
  volunteerAccountView,
} from './volunteer-account-link.ts';

const VolunteerLink = z.object({ volunteerId: z.string(), accountId: z.string().nullable() });
import { VOLUNTEER_VIEWERS, VS_STAFF } from './vs.scope.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { volunteerListExport } from './volunteers.exports.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { pageVolunteers } from './volunteer-list-page.ts';

const AGE_RULES =
  'The ID number is validated as for residents (GB 11643) and stored encrypted; responses show it masked. Age is counted on the China date: under 14 is refused (VOLUNTEER_TOO_YOUNG); 14–17 needs `guardianConsent` (VOLUNTEER_GUARDIAN_CONSENT_REQUIRED). A second registration of the same ID number or account is 409 VOLUNTEER_ALREADY_REGISTERED.';

/** VS-1 volunteers: real-name registration and the registry. */
export const volunteerRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.kysely, pii: app.deps.pii };

  app.post(
    '/volunteers/me',
    {
      config: { access: { roles: ALL_ROLES }, idempotent: true },
      schema: {
        tags: ['volunteers'],
        summary: 'Register myself as a volunteer (my account gains the volunteer role)',
        description: AGE_RULES,
        body: SelfRegistration,
        response: { 201: VolunteerView },
      },
    },
    async (request, reply) => {
      const created = await registerVolunteer(deps, {
        body: request.body,
        mode: 'self',
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/volunteers/me/claim',
    {
      config: { access: { roles: ALL_ROLES }, idempotent: true },
      schema: {
        tags: ['volunteers'],
        summary: 'Claim my volunteer record (registered by staff) by my verified phone',
        description:
          'The account’s phone, verified by SMS-code login, must match exactly one volunteer record without an account (VOLUNTEER_CLAIM_NONE otherwise). The account gains the volunteer role in the home town.',
        response: { 200: MyVolunteerView },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await claimVolunteerRecord(deps, { actor, requestId: request.id, now: app.deps.now() });
      return myVolunteer(deps, { actor, now: app.deps.now() });
    },
  );

  app.get(
    '/volunteers/:id/account',
    {
      config: { access: { roles: VS_STAFF } },
      schema: {
        tags: ['volunteers'],
        summary:
          'The account linked to a volunteer record, or none, and what the caller may do (issue #15)',
        params: z.object({ id: z.string().uuid() }),
        response: {
          200: z.object({
            volunteerId: z.string(),
            account: z
              .object({
                id: z.string(),
                username: z.string(),
                displayName: z.string(),
                phoneMasked: z.string().nullable(),
                status: z.enum(['active', 'disabled']),
              })
              .nullable(),
            availableActions: z.array(z.enum(['link', 'unlink'])),
          }),
        },
      },
    },
    async (request) =>
      volunteerAccountView(app.kysely, { actor: actorOf(request), volunteerId: request.params.id }),
  );

  app.post(
    '/volunteers/:id/account',
    {
      config: { access: { roles: VS_STAFF }, idempotent: true },
      schema: {
        tags: ['volunteers'],
        summary: 'Link an account to a volunteer record (staff, home region in scope)',
        params: z.object({ id: z.string().uuid() }),
        body: z.strictObject({ accountId: z.string().uuid() }),
        response: { 200: VolunteerLink },
      },
    },
    async (request) => {
      await linkVolunteerAccount(app.kysely, {
        volunteerId: request.params.id,
        accountId: request.body.accountId,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return { volunteerId: request.params.id, accountId: request.body.accountId };
    },
  );

  app.post(
    '/volunteers/:id/account/unlink',
    {
      config: { access: { roles: VS_STAFF }, idempotent: true },
      schema: {
        tags: ['volunteers'],
        summary: 'Unlink the account of a volunteer record (staff, home region in scope)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: VolunteerLink },
      },
    },
    async (request) => {
      await unlinkVolunteerAccount(app.kysely, {
        volunteerId: request.params.id,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return { volunteerId: request.params.id, accountId: null };
    },
  );

  app.get(
    '/volunteers/me',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['volunteers'],
        summary: 'My volunteer record and team memberships (volunteer: null when not registered)',
        response: { 200: MyVolunteerView },
      },
    },
    async (request) => myVolunteer(deps, { actor: actorOf(request), now: app.deps.now() }),
  );

  app.post(
    '/volunteers',
    {
      config: { access: { roles: VS_STAFF }, idempotent: true },
      schema: {
        tags: ['volunteers'],
        summary: 'Register a volunteer on their behalf (centre staff, home region in scope)',
        description: AGE_RULES,
        body: StaffRegistration,
        response: { 201: VolunteerView },
      },
    },
    async (request, reply) => {
      const created = await registerVolunteer(deps, {
        body: request.body,
        mode: 'staff',
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/volunteers',
    {
      config: { access: { roles: VS_STAFF } },
      schema: {
        tags: ['volunteers'],
        summary: 'The volunteer registry in my scope (masked), by name/number, region, skill',
        querystring: VolunteerQuery,
        response: { 200: z.array(VolunteerView) },
      },
    },
    async (request) =>
      listVolunteers(deps, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/volunteers/page',
    {
      config: { access: { roles: VS_STAFF } },
      schema: {
        tags: ['volunteers'],
        summary:
          'The same volunteer registry paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: VolunteerPageQuery,
        response: { 200: keysetPageSchema(VolunteerView) },
      },
    },
    async (request) =>
      pageVolunteers(deps, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/volunteers/:id',
    {
      config: { access: { roles: VOLUNTEER_VIEWERS } },
      schema: {
        tags: ['volunteers'],
        summary: 'One volunteer: staff in scope, a leader of one of their teams, or themselves',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: VolunteerView },
      },
    },
    async (request) =>
      getVolunteer(deps, { id: request.params.id, actor: actorOf(request), now: app.deps.now() }),
  );

  app.patch(
    '/volunteers/:id',
    {
      config: { access: { roles: ['admin', 'volunteer_staff', 'volunteer'] } },
      schema: {
        tags: ['volunteers'],
        summary: 'Change skills, areas, availability, phone (self or staff); status (staff only)',
        params: z.object({ id: z.string().uuid() }),
        body: VolunteerUpdate,
        response: { 200: VolunteerView },
      },
    },
    async (request) =>
      updateVolunteer(deps, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  registerListExport(app, volunteerListExport(app.deps.pii));
};
