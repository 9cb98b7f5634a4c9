/**
 * Issue #16 point 5: the actor for a token, cached briefly in the node that resolved it, so the
 * few requests a page makes at once cost one round trip each instead of two.
 *
 * What keeps it safe:
 * - **Every committed write on this node** into a table the actor is read from (sessions, accounts,
 *   role_grants, stations, regions — whichever module or raw SQL made it) empties the cache and
 *   moves its generation on (`invalidate`, wired to the database layer's committed writes). A
 *   resolution that started before that commit carries the old generation and is not kept, so a
 *   logout, a revoked grant or a disabled account is seen by this node's very next request.
 * - **Another node's write** is seen here within `ttlMs` at most (DOORSTEP_ACTOR_CACHE_MS, default
 *   2000; 0 turns the cache off), the stated staleness of a multi-node deployment.
 * - **Expiry** is checked against the request's clock on every hit; only a resolved actor is kept
 *   (an unknown or refused token always goes to the database), and at most `capacity` of them.
 *
 * Pure: the monotonic clock is passed in (tests move it; the app uses performance.now).
 */
import type { Actor } from '../../shared/actor.ts';

/** The tables the actor query reads: a committed write into any of them invalidates. */
export const ACTOR_TABLES = ['sessions', 'accounts', 'role_grants', 'stations', 'regions'] as const;

const DEFAULT_CAPACITY = 10_000;

interface Entry {
  actor: Actor;
  /** The session's expiry (ISO-8601 UTC), checked against the request's clock on every hit. */
  expiresAt: string;
  storedAt: number;
}

export interface ActorCacheOptions {
  ttlMs: number;
  /** Milliseconds on a monotonic clock. */
  clock: () => number;
  capacity?: number;
}

export class ActorCache {
  private readonly entries = new Map<string, Entry>();
  private generationNow = 0;
  private readonly capacity: number;

  constructor(private readonly options: ActorCacheOptions) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Read before resolving a token in the database; hand it back to `keep`. */
  generation(): number {
    return this.generationNow;
  }

  /** The cached actor of `key`, or undefined (unknown, too old, expired at `now`). */
  find(key: string, now: Date): Actor | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (
      this.options.clock() - entry.storedAt >= this.options.ttlMs ||
      entry.expiresAt <= now.toISOString()
    ) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.actor;
  }

  /** Keeps a resolved actor, unless a write committed since `generation` was read. */
  keep(key: string, generation: number, actor: Actor, expiresAt: string): void {
    if (!this.enabled || generation !== this.generationNow) return;
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.delete(key); // re-inserted last: Map order is the eviction order
    this.entries.set(key, { actor: freezeActor(actor), expiresAt, storedAt: this.options.clock() });
  }

  invalidate(): void {
    this.generationNow += 1;
    this.entries.clear();
  }
}

/** One object shared by concurrent requests: nobody may change it in place. */
function freezeActor(actor: Actor): Actor {
  for (const g of actor.grants) Object.freeze(g);
  Object.freeze(actor.grants);
  return Object.freeze(actor);
}
