import type { Kysely } from 'kysely';
import type { ActorCache } from '../modules/auth/actor-cache.ts';
import type { AppConfig } from '../config.ts';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';
import type { Role } from '../shared/roles.ts';
import type { PiiCipher } from '../shared/pii-crypto.ts';
import type { Locale } from '../shared/problem.ts';

/** Who may call a route: declared on every /api route; a route without it fails at start-up. */
export type Access = { public: true } | { roles: readonly Role[] };

export interface AppDeps {
  config: AppConfig;
  db: Db;
  pii: PiiCipher;
  /** The clock; tests inject one. */
  now: () => Date;
  /** Milliseconds on a monotonic clock for short-lived caches (default performance.now); tests inject one. */
  monotonic?: () => number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * Creating POSTs honour Idempotency-Key; 'secret-answer': honoured, but the answer (e.g. a
     * Bearer token) is never stored, so a repeat is a 409 instead of a replay.
     */
    idempotent?: boolean | 'secret-answer';
    /** reachable by an administrator who must still enrol a second factor (REQUIRE_ADMIN_2FA). */
    secondFactorSetup?: boolean;
    /** Issue #15 point 4: reachable by a session that must first change its one-time password. */
    passwordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionTokenHash: string | null;
    locale: Locale;
    idempotency: { accountId: string; key: string; claimId: string } | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
    kysely: Kysely<Database>;
    /** Issue #16: the read pool (replicas when DATABASE_READ_URL is set) for dashboards and exports. */
    reader: Kysely<Database>;
    /** Issue #16 point 5: the actors this node resolved a moment ago (auth.plugin.ts). */
    actorCache: ActorCache;
  }
}
