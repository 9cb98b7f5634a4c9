/**
 * Issue #15 point 5: sending after commit through the job queue. Each outbox message committed by
 * a business transaction (seen by the database layer's committed-inserts hook, so the modules that
 * queue messages do not know the queue) wakes the sender with a job `outbox.send` carrying the
 * message's id, singleton by that id. The worker — on whichever node takes the job — runs the
 * sender's claim for that one message: the outbox row stays the single source of truth, so a job
 * delivered twice, or one racing the sweep or another node, sends once. A message put back (a
 * transient failure's backoff, quiet hours, a rate limit) is woken again at its next attempt.
 *
 * The business transaction never waits: the wake-up is sent after its commit returned, without
 * being awaited, and a queue failure is only logged. What a lost wake-up (a crash between commit
 * and send, the queue down) leaves queued, the periodic sweep (startOutboxSender) still sends.
 */
import type { Kysely } from 'kysely';
import type { CommittedInserts, InsertedRow } from '../../db/committed-inserts.ts';
import type { Database } from '../../db/schema.ts';
import type { JobQueue } from '../../shared/job-queue.ts';
import { sendOneMessage, type OutboxRunResult, type SenderDeps } from './outbox.sender.ts';

export const OUTBOX_SEND_JOB = 'outbox.send';

export interface OutboxSendJob {
  id: string;
}

/** Asks the queue to send message `id` at `at` (now when due); never throws (logs). */
export function wakeOutbox(
  queue: JobQueue,
  id: string,
  at: Date | null,
  onError: (err: unknown) => void,
  now = new Date(),
): Promise<void> {
  const later = at && at.getTime() > now.getTime() ? at : undefined;
  return queue
    .send<OutboxSendJob>(
      OUTBOX_SEND_JOB,
      { id },
      { singletonKey: later ? `${id}@${later.toISOString()}` : id, startAfter: later },
    )
    .then(
      () => undefined,
      (err: unknown) => onError(err),
    );
}

/** The committed rows worth a wake-up: queued ones (a demo's suppressed message never is). */
export function rowsToWake(rows: InsertedRow[]): { id: string; at: Date | null }[] {
  return rows
    .filter((r) => typeof r.id === 'string' && r.status === 'queued')
    .map((r) => ({
      id: r.id as string,
      at: typeof r.next_attempt_at === 'string' ? new Date(r.next_attempt_at) : null,
    }));
}

export interface OutboxQueueDeps extends Omit<SenderDeps, 'now'> {
  onError: (err: unknown) => void;
  onResult?: (r: OutboxRunResult) => void;
  /** The clock (tests); default the real one. */
  now?: () => Date;
}

/** The worker of `outbox.send` on this node. */
export async function workOutboxJobs(
  db: Kysely<Database>,
  queue: JobQueue,
  deps: OutboxQueueDeps,
): Promise<void> {
  const clock = deps.now ?? (() => new Date());
  await queue.work<OutboxSendJob>(OUTBOX_SEND_JOB, async ({ id }) => {
    const r = await sendOneMessage(db, { ...deps, now: clock() }, id);
    deps.onResult?.(r);
    if (r.retried + r.held === 0) return;
    const again = await db
      .selectFrom('outbox_messages')
      .select(['status', 'next_attempt_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (again?.status === 'queued')
      await wakeOutbox(queue, id, new Date(String(again.next_attempt_at)), deps.onError, clock());
  });
}

/** Wakes the sender for every message committed on `inserts`; returns "stop listening". */
export function wakeOnCommit(
  inserts: CommittedInserts,
  queue: JobQueue,
  onError: (err: unknown) => void,
  clock: () => Date = () => new Date(),
): () => void {
  return inserts.on('outbox_messages', (rows) => {
    for (const r of rowsToWake(rows)) void wakeOutbox(queue, r.id, r.at, onError, clock());
  });
}
