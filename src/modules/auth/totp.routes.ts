import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor } from '../../shared/actor.ts';
import { ALL_ROLES } from '../../shared/roles.ts';
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment } from './totp.service.ts';
import { actorOf } from '../../shared/route-actor.ts';

/** A 6-digit code from the app, or a one-time recovery code (letters, digits, hyphens). */
const Code = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{6,20}$/),
});

/** /auth/totp: enrol, confirm and turn off the second factor of one's own account. */
export const totpRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = { db: app.kysely, pii: app.deps.pii };
  const own = { access: { roles: ALL_ROLES }, secondFactorSetup: true } as const;

  app.post(
    '/auth/totp/enrolment',
    {
      // Its answer is the new secret: honoured, never stored, so a repeat is a 409, not a replay.
      config: { ...own, idempotent: 'secret-answer' },
      schema: {
        tags: ['auth'],
        summary: 'Start two-step verification: a new secret, shown once (otpauth URI and QR code)',
        response: {
          200: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }),
        },
      },
    },
    async (request) =>
      startTotpEnrolment(ctx, { accountId: actorOf(request).accountId, now: app.deps.now() }),
  );

  app.post(
    '/auth/totp/confirmation',
    {
      // Its answer is the recovery codes: honoured, never stored (a repeat is a 409).
      config: { ...own, idempotent: 'secret-answer' },
      schema: {
        tags: ['auth'],
        summary:
          'Confirm with a code from the app; answers ten one-time recovery codes, shown once',
        body: Code,
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
      },
    },
    async (request) =>
      confirmTotpEnrolment(ctx, {
        accountId: actorOf(request).accountId,
        code: request.body.code,
        actor: auditActor(actorOf(request)),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.post(
    '/auth/totp/removal',
    {
      config: { ...own, idempotent: true },
      schema: {
        tags: ['auth'],
        summary:
          'Turn two-step verification off (a current or recovery code); refused for administrators when it is required',
        body: Code,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await disableTotp(ctx, {
        accountId: actor.accountId,
        code: request.body.code,
        required: app.deps.config.requireAdmin2fa && actor.grants.some((g) => g.role === 'admin'),
        actor: auditActor(actor),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(204).send(null);
    },
  );
};
