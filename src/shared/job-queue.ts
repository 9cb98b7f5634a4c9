/**
 * Issue #15 point 5: the small interface of a durable job queue that several nodes share. On
 * PostgreSQL it is pg-boss (job-queue-pgboss.ts, its own schema `pgboss`); on SQLite — one node —
 * an in-process timer (job-queue-local.ts): what it loses in a crash, the work's own table and its
 * periodic sweep still hold (the outbox's rows are the truth, a job only says "look now").
 *
 * A job may run more than once (a node died while working it, the same key sent again after the
 * first started): handlers are idempotent.
 */
export interface JobOptions {
  /** At most one job with this key waits at a time (a second send while one waits: none). */
  singletonKey?: string;
  /** Not before this instant. */
  startAfter?: Date;
}

export type JobHandler<T> = (data: T) => Promise<void>;

export interface JobQueue {
  readonly kind: 'pg-boss' | 'local';
  /** Queues a job; resolves with its id, or null when the singleton key already waits. */
  send<T extends object>(name: string, data: T, options?: JobOptions): Promise<string | null>;
  /** Runs `handler` for each job of `name` (on this node; any node takes any job). */
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  /** Stops taking jobs and waits for the running ones. */
  stop(): Promise<void>;
}
