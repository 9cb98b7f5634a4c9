import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasAnyRole } from '../shared/actor.ts';
import { actorForToken, changesActors, hashToken } from '../modules/auth/session.service.ts';
import { ACTOR_TABLES, ActorCache } from '../modules/auth/actor-cache.ts';
import { secondFactorStatus } from '../modules/auth/totp.service.ts';
import { SESSION_COOKIE } from '../modules/auth/session-cookie.ts';
import { AppError, pickLocale } from '../shared/problem.ts';

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match ? match[1]! : null;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller (cookie session for the web, Bearer token for devices) and enforces each
 * route's declared access before the body is even validated. Deny by default: an /api route
 * without a declaration refuses to start.
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionTokenHash', null);
  app.decorateRequest('locale', 'zh-CN');

  // Issue #16 point 5: the actor for a token, kept briefly; any committed write on this node that
  // can change an actor empties it (actor-cache.ts says what another node's write waits for).
  const actors = new ActorCache({
    ttlMs: app.deps.config.actorCacheMs,
    clock: app.deps.monotonic ?? (() => performance.now()),
  });
  app.decorate('actorCache', actors);
  if (actors.enabled) {
    const stop = app.deps.db.inserts.onWrite(ACTOR_TABLES, (writes) => {
      if (writes.some((w) => changesActors(app.kysely, w))) actors.invalidate();
    });
    app.addHook('onClose', async () => stop());
  }

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access) {
      throw new Error(`route ${route.method.toString()} ${route.url} declares no access`);
    }
  });

  app.addHook('onRequest', async (request) => {
    request.locale = pickLocale(request.headers['accept-language']);
    const now = app.deps.now();
    const bearer = bearerToken(request);
    if (bearer) {
      request.actor = await actorForToken(app.kysely, bearer, 'bearer', now, actors);
      if (request.actor) request.sessionTokenHash = hashToken(bearer);
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        request.actor = await actorForToken(app.kysely, cookie, 'cookie', now, actors);
        if (request.actor) {
          request.sessionTokenHash = hashToken(cookie);
          // CSRF: the cookie is SameSite=Strict; also refuse a cross-origin write outright.
          if (UNSAFE.has(request.method) && !sameOrigin(request))
            throw new AppError('CROSS_SITE_REQUEST');
        }
      }
    }
    const access = request.routeOptions.config.access;
    if (!access) return; // static files and health: not under /api/v1
    if ('public' in access) return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED');
    // Issue #15 point 4: a one-time password must be changed before anything else.
    if (request.actor.mustChangePassword && !request.routeOptions.config.passwordChange)
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (!hasAnyRole(request.actor, access.roles)) throw new AppError('FORBIDDEN');
    if (
      app.deps.config.requireAdmin2fa &&
      !request.routeOptions.config.secondFactorSetup &&
      request.actor.grants.some((g) => g.role === 'admin') &&
      !(await secondFactorStatus(app.kysely, request.actor.accountId)).enabled
    )
      throw new AppError('TOTP_ENROLMENT_REQUIRED');
  });
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
