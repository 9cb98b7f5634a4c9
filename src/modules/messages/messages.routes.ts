import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RESIDENT_READERS } from '../../shared/roles.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { CASE_STAFF } from '../cases/case.routes.ts';
import { listMessages, resendMessage } from './messages.service.ts';

const tags = ['messages'];

export const MessageView = z.object({
  id: z.string(),
  channel: z.string(),
  template: z.string(),
  /** The message's text (as the log provider prints it); null for a login code or a rating link. */
  text: z.string().nullable(),
  recipient: z.string(),
  status: z.string(),
  attempts: z.number(),
  errorKind: z.string().nullable(),
  lastError: z.string().nullable(),
  provider: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string(),
  fallbackOf: z.string().nullable(),
  resentOf: z.string().nullable(),
  demo: z.boolean(),
  resendable: z.boolean(),
});

const Ids = z.object({ id: z.string().uuid(), messageId: z.string().uuid() });

/** X-5 (issue #15 point 5): a case's and a person's messages with their states; resend. */
export const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  for (const [kind, roles, path] of [
    ['case', CASE_STAFF, '/cases/:id/messages'],
    ['resident', RESIDENT_READERS, '/residents/:id/messages'],
  ] as const) {
    app.get(
      path,
      {
        config: { access: { roles } },
        schema: {
          tags,
          summary: `The messages of a ${kind} (every channel), newest first, with their states`,
          params: z.object({ id: z.string().uuid() }),
          response: { 200: z.array(MessageView) },
        },
      },
      async (request) =>
        listMessages(db, {
          target: { kind, id: request.params.id },
          actor: actorOf(request),
          pii: app.deps.pii,
          now: app.deps.now(),
        }),
    );
    app.post(
      `${path}/:messageId/resend`,
      {
        config: { access: { roles }, idempotent: true },
        schema: {
          tags,
          summary: `Resend a finished message of a ${kind} (a new message; the original stays)`,
          params: Ids,
          response: { 201: MessageView },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await resendMessage(db, {
            target: { kind, id: request.params.id },
            messageId: request.params.messageId,
            actor: actorOf(request),
            pii: app.deps.pii,
            requestId: request.id,
            now: app.deps.now(),
          }),
        ),
    );
  }
};
