import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';
import { actorOf } from '../../shared/route-actor.ts';
import {
  createSubscriber,
  listSubscribers,
  revokeSubscriber,
  testSubscriber,
  WEBHOOK_MANAGERS,
} from './webhook-subscribers.ts';
import { SUBSCRIBABLE_EVENTS, WEBHOOK_EVENTS } from './webhooks.events.ts';
import { listDeliveries, pageDeliveries } from './webhook-deliveries.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';

const tags = ['webhooks'];
const Id = z.object({ id: z.string().uuid() });

export const NewWebhookSubscriber = z.strictObject({
  /** Who receives, e.g. "区政务数据平台". */
  name: freeText({ max: 100 }),
  /** The town (12-digit region code) whose events it receives. */
  regionCode: z.string().regex(/^\d{12}$/),
  /** https:// (http://localhost outside production). */
  url: z
    .string()
    .regex(/^https?:\/\/\S+$/)
    .max(500),
  events: z
    .array(z.enum(SUBSCRIBABLE_EVENTS as [string, ...string[]]))
    .min(1)
    .max(20),
});

export const WebhookSubscriberView = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  secretHint: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const WebhookDeliveryView = z.object({
  id: z.string(),
  event: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  errorKind: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string(),
});

/** X-9 webhook subscribers, managed by administrators, under /api/v1/webhooks. */
export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const access = { roles: WEBHOOK_MANAGERS };

  app.get(
    '/webhooks/events',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The events a webhook subscriber may choose',
        response: { 200: z.object({ events: z.array(z.string()), all: z.array(z.string()) }) },
      },
    },
    async () => ({ events: [...SUBSCRIBABLE_EVENTS], all: [...WEBHOOK_EVENTS] }),
  );

  app.post(
    '/webhooks/subscribers',
    {
      config: { access, idempotent: 'secret-answer' },
      schema: {
        tags,
        summary: 'Register a webhook subscriber (the signing secret is answered once)',
        body: NewWebhookSubscriber,
        response: { 201: WebhookSubscriberView.extend({ secret: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createSubscriber(db, {
          body: request.body as never,
          actor: actorOf(request),
          pii: app.deps.pii,
          production: app.deps.config.env === 'production',
          requestId: request.id,
          now: app.deps.now(),
        }),
      ),
  );

  app.get(
    '/webhooks/subscribers',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Webhook subscribers of the towns in my reach (secret hints only)',
        response: { 200: z.array(WebhookSubscriberView) },
      },
    },
    async (request) => listSubscribers(db, { actor: actorOf(request) }),
  );

  app.post(
    '/webhooks/subscribers/:id/revoke',
    {
      config: { access, idempotent: true },
      schema: {
        tags,
        summary: 'Revoke a webhook subscriber (final; queued deliveries then fail)',
        params: Id,
        response: { 200: WebhookSubscriberView },
      },
    },
    async (request) =>
      revokeSubscriber(db, {
        id: request.params.id,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.post(
    '/webhooks/subscribers/:id/test',
    {
      config: { access, idempotent: true },
      schema: {
        tags,
        summary: 'The test button: queue a signed `webhook.test` delivery now',
        params: Id,
        response: { 202: z.object({ messageId: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(
        await testSubscriber(db, {
          id: request.params.id,
          actor: actorOf(request),
          pii: app.deps.pii,
          now: app.deps.now(),
        }),
      ),
  );

  app.get(
    '/webhooks/subscribers/:id/deliveries',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The delivery log of a subscriber, newest first',
        params: Id,
        response: { 200: z.array(WebhookDeliveryView) },
      },
    },
    async (request) => listDeliveries(db, { id: request.params.id, actor: actorOf(request) }),
  );

  app.get(
    '/webhooks/subscribers/:id/deliveries/page',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'The whole delivery log paged by keyset (newest first): nextCursor for the next page, total exact or estimated (totalExact)',
        params: Id,
        querystring: z.strictObject({
          after: AfterCursor,
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: keysetPageSchema(WebhookDeliveryView) },
      },
    },
    async (request) =>
      pageDeliveries(db, { id: request.params.id, actor: actorOf(request), ...request.query }),
  );
};
