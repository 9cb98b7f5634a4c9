import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from './session-cookie.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ALL_ROLES, ROLE_LABELS } from '../../shared/roles.ts';
import { auditActor } from '../../shared/actor.ts';
import type { CapabilityResolver } from './capability-names.ts';
import { changePassword, parsePreferences, updatePreferences } from './account.service.ts';
import { authenticate } from './login.service.ts';
import { totpRoutes } from './totp.routes.ts';
import { Credentials, MeView } from './auth.schema.ts';
import { normaliseMobile } from './account-phone.ts';
import { SMS_SESSION_SLIDING_HOURS, requestSmsCode, verifySmsCode } from './sms-login.service.ts';
import { secondFactorStatus } from './totp.service.ts';
import {
  COOKIE_SESSION_HOURS,
  createSession,
  loadGrants,
  revokeSession,
} from './session.service.ts';
import { freeText } from '../../shared/free-text.ts';
import { actorOf } from '../../shared/route-actor.ts';

export interface AuthRoutesOptions {
  /** What each grant may do (the composition root knows every module's role groups). */
  capabilities: CapabilityResolver;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  const db = app.kysely;
  await app.register(totpRoutes);

  async function me(accountId: string) {
    const grants = await loadGrants(db, accountId);
    const row = await db
      .selectFrom('accounts')
      .select([
        'id',
        'username',
        'display_name',
        'resident_id',
        'preferences',
        'must_change_password',
      ])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      residentId: row.resident_id,
      grants: grants.map((g) => ({
        role: g.role,
        roleLabel: ROLE_LABELS[g.role],
        regionCode: g.regionCode,
        regionName: g.regionName,
        stationId: g.stationId,
        stationName: g.stationName,
        reachPrefix: g.reachPrefix,
        capabilities: opts.capabilities.ofGrant(g),
      })),
      capabilities: opts.capabilities.ofGrants(grants),
      preferences: parsePreferences(row.preferences),
      secondFactor: {
        enabled: (await secondFactorStatus(db, accountId)).enabled,
        required: app.deps.config.requireAdmin2fa && grants.some((g) => g.role === 'admin'),
      },
      mustChangePassword: row.must_change_password === 1,
    };
  }

  app.post(
    '/auth/login',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Log in (web): sets an httpOnly session cookie',
        body: Credentials,
        response: { 200: MeView },
      },
    },
    async (request, reply) => {
      const now = app.deps.now();
      const account = await authenticate(db, {
        ...request.body,
        ip: request.ip,
        now,
        pii: app.deps.pii,
        requestId: request.id,
      });
      const session = await createSession(db, { accountId: account.id, kind: 'cookie', now });
      await db.transaction().execute((trx) =>
        recordAudit(trx, {
          actor: { accountId: account.id, role: null, stationId: null },
          action: 'account.logged_in',
          entityType: 'account',
          entityId: account.id,
          requestId: request.id,
          now,
        }),
      );
      void reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: app.deps.config.secureCookies,
        path: '/',
        maxAge: COOKIE_SESSION_HOURS * 3600,
      });
      return me(account.id);
    },
  );

  /** Issue #11: a mainland mobile, however written; normalised to 11 digits. */
  const Mobile = z
    .string()
    .max(30)
    // Digits and the separators people type (+86 138-0000-0001): a number, not free text.
    .regex(/^[0-9+\-\s()]+$/)
    .transform((v, ctx) => {
      const m = normaliseMobile(v);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'a mainland mobile number (11 digits)' });
        return z.NEVER;
      }
      return m;
    });

  app.post(
    '/auth/sms-code',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary:
          'Send a login code by SMS (residents, volunteers, guardians); the same answer for every phone',
        body: z.strictObject({ phone: Mobile }),
        response: {
          202: z.object({ cooldownSeconds: z.number(), expiresInSeconds: z.number() }),
        },
      },
    },
    async (request, reply) => {
      const r = await requestSmsCode(db, app.deps.pii, {
        phone: request.body.phone,
        ip: request.ip,
        now: app.deps.now(),
      });
      return reply.status(202).send(r);
    },
  );

  app.post(
    '/auth/sms-login',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Log in with phone + SMS code: a long, sliding session cookie (30 days)',
        body: z.strictObject({
          phone: Mobile,
          code: z
            .string()
            .trim()
            .regex(/^[0-9]{6}$/),
        }),
        response: { 200: MeView },
      },
    },
    async (request, reply) => {
      const now = app.deps.now();
      const account = await verifySmsCode(db, app.deps.pii, {
        phone: request.body.phone,
        code: request.body.code,
        ip: request.ip,
        now,
      });
      const session = await createSession(db, {
        accountId: account.id,
        kind: 'cookie',
        now,
        slidingHours: SMS_SESSION_SLIDING_HOURS,
      });
      await db.transaction().execute((trx) =>
        recordAudit(trx, {
          actor: { accountId: account.id, role: null, stationId: null },
          action: 'account.logged_in',
          entityType: 'account',
          entityId: account.id,
          after: { method: 'sms' },
          requestId: request.id,
          now,
        }),
      );
      void reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: app.deps.config.secureCookies,
        path: '/',
        maxAge: SMS_SESSION_SLIDING_HOURS * 3600,
      });
      return me(account.id);
    },
  );

  app.post(
    '/auth/tokens',
    {
      config: { access: { public: true }, idempotent: 'secret-answer' },
      schema: {
        tags: ['auth'],
        summary: 'Issue a Bearer token for a device or integration',
        body: Credentials.extend({ label: freeText({ max: 100 }) }),
        response: {
          201: z.object({
            token: z.string(),
            expiresAt: z.string(),
            tokenType: z.literal('Bearer'),
          }),
        },
      },
    },
    async (request, reply) => {
      const now = app.deps.now();
      const account = await authenticate(db, {
        username: request.body.username,
        password: request.body.password,
        otp: request.body.otp,
        ip: request.ip,
        now,
        pii: app.deps.pii,
        requestId: request.id,
      });
      // The session and its audit event commit together (and so does the Idempotency-Key).
      const session = await db.transaction().execute(async (trx) => {
        const issued = await createSession(trx, {
          accountId: account.id,
          kind: 'bearer',
          label: request.body.label,
          now,
        });
        await recordAudit(trx, {
          actor: { accountId: account.id, role: null, stationId: null },
          action: 'account.token_issued',
          entityType: 'account',
          entityId: account.id,
          after: { label: request.body.label, expiresAt: issued.expiresAt },
          requestId: request.id,
          now,
        });
        return issued;
      });
      return reply
        .status(201)
        .send({ token: session.token, expiresAt: session.expiresAt, tokenType: 'Bearer' as const });
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'End this session (cookie or Bearer)',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const now = app.deps.now();
      const token =
        request.cookies[SESSION_COOKIE] ??
        /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      const actor = request.actor; // public route: a logged-out caller has nothing to end
      if (token && actor) {
        await revokeSession(db, token, now);
        await db.transaction().execute((trx) =>
          recordAudit(trx, {
            actor: auditActor(actor),
            action: 'account.logged_out',
            entityType: 'account',
            entityId: actorOf(request).accountId,
            requestId: request.id,
            now,
          }),
        );
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: { roles: ALL_ROLES }, secondFactorSetup: true, passwordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'The logged-in account, its role grants and preferences',
        response: { 200: MeView },
      },
    },
    async (request) => me(actorOf(request).accountId),
  );

  app.post(
    '/auth/password',
    {
      config: {
        access: { roles: ALL_ROLES },
        idempotent: true,
        secondFactorSetup: true,
        passwordChange: true,
      },
      schema: {
        tags: ['auth'],
        summary: 'Change password; other sessions of the account end',
        body: z.strictObject({
          currentPassword: z.string().min(1).max(200),
          newPassword: z.string().min(1).max(200),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changePassword(db, {
        accountId: actorOf(request).accountId,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        keepSessionId: request.sessionTokenHash,
        actor: auditActor(actorOf(request)),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/auth/preferences',
    {
      config: { access: { roles: ALL_ROLES }, secondFactorSetup: true },
      schema: {
        tags: ['auth'],
        summary: 'Change per-user preferences (elderly mode, language)',
        body: z
          .strictObject({
            elderlyMode: z.boolean().optional(),
            locale: z.enum(['zh-CN', 'en']).optional(),
          })
          .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
        response: { 200: MeView.shape.preferences },
      },
    },
    async (request) => {
      const changes = Object.fromEntries(
        Object.entries(request.body).filter(([, v]) => v !== undefined),
      );
      return updatePreferences(db, {
        accountId: actorOf(request).accountId,
        changes,
        actor: auditActor(actorOf(request)),
        requestId: request.id,
        now: app.deps.now(),
      });
    },
  );
};
