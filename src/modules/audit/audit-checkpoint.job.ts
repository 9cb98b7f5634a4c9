import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { writeAuditCheckpoint, type CheckpointResult } from './audit.service.ts';

/**
 * The periodic checkpoint job of one node: signs the verified head into its checkpoint file
 * (first run soon after start, then every `intervalMs`). A refused checkpoint (the chain does
 * not verify) is reported through `onResult`, never written.
 */
export function startAuditCheckpoints(
  db: Kysely<Database>,
  opts: {
    file: string;
    intervalMs: number;
    now?: () => Date;
    onResult?: (r: CheckpointResult) => void;
    onError?: (e: unknown) => void;
  },
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    writeAuditCheckpoint(db, { file: opts.file, now: (opts.now ?? (() => new Date()))() })
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
