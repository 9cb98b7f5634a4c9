import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { sealClosedShards } from './audit-seal.ts';

/**
 * The periodic sealing job of one node (issue #16 point 3): seals the closed shard-days. Every node
 * may run it; the seal head's row lock makes each shard-day sealed exactly once.
 */
export function startAuditSeals(
  db: Kysely<Database>,
  opts: {
    intervalMs: number;
    now?: () => Date;
    onResult?: (r: { sealed: number }) => void;
    onError?: (e: unknown) => void;
  },
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    sealClosedShards(db, { now: (opts.now ?? (() => new Date()))() })
      .then((r) => opts.onResult?.(r))
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, Math.min(opts.intervalMs, 5_000));
  const timer = setInterval(tick, opts.intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
