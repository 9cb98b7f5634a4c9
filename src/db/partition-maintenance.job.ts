import type { Kysely } from 'kysely';
import { ensurePartitions, type MaintenanceResult } from './partitions.ts';

/** Once an hour: partitions are made three months ahead, so a missed run or a busy lock is harmless. */
export const PARTITION_MAINTENANCE_INTERVAL_MS = 3_600_000;

/**
 * The partition maintenance of one node (issue #16 point 5, PostgreSQL): this China month's and
 * the next three months' partitions made ahead, rows that fell into DEFAULT moved into their own
 * month's partition. Every node may run it: the advisory lock in ensurePartitions makes each
 * partition once; the first run is soon after start, so a new deployment has its months at once.
 */
export function startPartitionMaintenance<DB>(
  db: Kysely<DB>,
  opts: {
    intervalMs?: number;
    now?: () => Date;
    onResult?: (r: MaintenanceResult) => void;
    onError?: (e: unknown) => void;
  } = {},
): () => void {
  const intervalMs = opts.intervalMs ?? PARTITION_MAINTENANCE_INTERVAL_MS;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    ensurePartitions(db, { now: (opts.now ?? (() => new Date()))() })
      .then((r) => opts.onResult?.(r))
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, Math.min(intervalMs, 10_000));
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
