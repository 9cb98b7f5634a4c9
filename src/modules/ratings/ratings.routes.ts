/**
 * GS-13 好差评 routes: the public rating pages (signed link, window device), the resident's own
 * rating, and the staff side (links, devices, ratings, tickets, appeals, metrics, export).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { rateByLink, viewLink, openRatingFor } from './rating-links.ts';
import {
  createDevice,
  deviceCurrent,
  listDevices,
  pairDevice,
  rateAtDevice,
  revokeDevice,
  skipAtDevice,
} from './rating-devices.ts';
import { rateMine } from './rate-mine.ts';
import { myRatings } from './ratings-mine.ts';
import { RATING_HANDLERS, RATING_RESIDENTS } from './ratings.access.ts';
import {
  DeviceBody,
  DeviceCreated,
  DeviceCurrent,
  DeviceHeaders,
  DeviceRateBody,
  DeviceView,
  IdParams,
  LinkBody,
  LinkCreated,
  LinkView,
  MineRatingBody,
  MyRatingsView,
  PairBody,
  Paired,
  RatingBody,
  RatingCreated,
  TokenParams,
} from './ratings.schema.ts';

const tags = ['ratings'];

export const ratingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/ratings/public/links/:token',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'What a rating link is about (no login)',
        params: TokenParams,
        response: { 200: LinkView },
      },
    },
    async (request) => viewLink(db, { token: request.params.token, now: app.deps.now() }),
  );

  app.post(
    '/ratings/public/links/:token',
    {
      config: { access: { public: true }, idempotent: true },
      schema: {
        tags,
        summary: 'Rate through a signed link: once, before it expires (no login)',
        params: TokenParams,
        body: RatingBody,
        response: { 201: RatingCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await rateByLink(db, {
          token: request.params.token,
          rating: request.body,
          now: app.deps.now(),
          requestId: request.id,
        }),
      ),
  );

  app.post(
    '/ratings/links',
    {
      config: { access: { roles: RATING_HANDLERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Create a rating link for a finished service: QR, or SMS to the applicant',
        body: LinkBody,
        response: { 201: LinkCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await openRatingFor(db, {
          ...request.body,
          actor: actorOf(request),
          pii: app.deps.pii,
          publicUrl: app.deps.config.publicUrl,
          now: app.deps.now(),
          requestId: request.id,
        }),
      ),
  );

  app.get(
    '/ratings/mine',
    {
      config: { access: { roles: RATING_RESIDENTS } },
      schema: {
        tags,
        summary: 'My finished services to rate, and my ratings with their rectification tickets',
        response: { 200: MyRatingsView },
      },
    },
    async (request) => myRatings(db, { actor: actorOf(request) }),
  );

  app.post(
    '/ratings/mine',
    {
      config: { access: { roles: RATING_RESIDENTS }, idempotent: true },
      schema: {
        tags,
        summary: 'A resident rates their own finished service (phone pages)',
        body: MineRatingBody,
        response: { 201: RatingCreated },
      },
    },
    async (request, reply) => {
      const { subjectType, subjectId, ...rating } = request.body;
      return reply.status(201).send(
        await rateMine(db, {
          actor: actorOf(request),
          subjectType,
          subjectId,
          rating,
          now: app.deps.now(),
          requestId: request.id,
        }),
      );
    },
  );

  app.post(
    '/ratings/devices',
    {
      config: { access: { roles: RATING_HANDLERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Register a window rating device for my station; answers its pairing code',
        body: DeviceBody,
        response: { 201: DeviceCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createDevice(db, {
          name: request.body.name,
          windowId: request.body.windowId ?? null,
          actor: actorOf(request),
          now: app.deps.now(),
          requestId: request.id,
        }),
      ),
  );

  app.get(
    '/ratings/devices',
    {
      config: { access: { roles: RATING_HANDLERS } },
      schema: {
        tags,
        summary: 'Rating devices in my reach',
        response: { 200: z.array(DeviceView) },
      },
    },
    async (request) => listDevices(db, { actor: actorOf(request) }),
  );

  app.post(
    '/ratings/devices/:id/revoke',
    {
      config: { access: { roles: RATING_HANDLERS }, idempotent: true },
      schema: {
        tags,
        summary: 'Revoke a rating device',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeDevice(db, {
        id: request.params.id,
        actor: actorOf(request),
        now: app.deps.now(),
        requestId: request.id,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/ratings/device/pair',
    {
      config: { access: { public: true }, idempotent: 'secret-answer' },
      schema: {
        tags,
        summary: 'The tablet trades its pairing code for a device token',
        body: PairBody,
        response: { 201: Paired },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await pairDevice(db, {
          code: request.body.code,
          now: app.deps.now(),
          requestId: request.id,
        }),
      ),
  );

  app.get(
    '/ratings/device/current',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'The rating device: the case its window just finished, or idle (X-Rating-Device token)',
        headers: DeviceHeaders,
        response: { 200: DeviceCurrent },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return deviceCurrent(db, { token: request.headers['x-rating-device'], now: app.deps.now() });
    },
  );

  app.post(
    '/ratings/device/ratings',
    {
      config: { access: { public: true }, idempotent: true },
      schema: {
        tags,
        summary: 'The rating device rates the case its window just finished',
        headers: DeviceHeaders,
        body: DeviceRateBody,
        response: { 201: RatingCreated },
      },
    },
    async (request, reply) => {
      const { caseId, ...rating } = request.body;
      return reply.status(201).send(
        await rateAtDevice(db, {
          token: request.headers['x-rating-device'],
          caseId,
          rating,
          now: app.deps.now(),
          requestId: request.id,
        }),
      );
    },
  );

  app.post(
    '/ratings/device/skip',
    {
      config: { access: { public: true }, idempotent: true },
      schema: {
        tags,
        summary: 'The rating device returns to idle without a rating',
        headers: DeviceHeaders,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await skipAtDevice(db, { token: request.headers['x-rating-device'], now: app.deps.now() });
      return reply.status(204).send(null);
    },
  );
};
