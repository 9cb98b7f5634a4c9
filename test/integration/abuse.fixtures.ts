/**
 * Shared fixtures of the X-2 abuse tests (abuse-*.test.ts): another node on the same database with
 * its own environment, and a login from a chosen address.
 */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';
import type { TestApp } from '../helpers/test-app.ts';

export const LI = '110115194803120019'; // 李长福

/**
 * The helpers of one suite: `s` reads the suite's app once `beforeAll` has set it; the extra nodes
 * go to `extra`, which the suite closes in `afterAll`.
 */
export function abuseHelpers(s: () => TestApp, extra: FastifyInstance[]) {
  /** Another node on the same database with its own environment (TRUST_PROXY, REQUIRE_ADMIN_2FA…). */
  async function node(
    env: Record<string, string>,
    setup?: (app: FastifyInstance) => void,
  ): Promise<FastifyInstance> {
    const config = loadConfig({
      DOORSTEP_ENV: 'test',
      LOG_LEVEL: 'silent',
      WEB_DIST: 'no-web-in-tests',
      ...env,
    });
    const app = await buildApp({
      config,
      db: s().testDb.db,
      pii: s().pii,
      now: () => s().clock.now,
    });
    setup?.(app);
    await app.ready();
    extra.push(app);
    return app;
  }

  const login = (
    app: FastifyInstance,
    body: Record<string, string>,
    opts: { ip?: string; headers?: Record<string, string> } = {},
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: body,
      remoteAddress: opts.ip ?? '127.0.0.1',
      ...(opts.headers ? { headers: opts.headers } : {}),
    });

  return { node, login };
}
