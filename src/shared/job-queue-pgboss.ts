/**
 * Issue #15 point 5: the job queue on PostgreSQL — pg-boss in its own schema `pgboss` of the app's
 * database (it creates and migrates the schema itself, under an advisory lock, so several nodes may
 * start at once). Every node sends and works; a job is fetched by one node (SKIP LOCKED).
 *
 * Queues use the `short` policy: one waiting job per singleton key (a second wake-up while one
 * waits is dropped; once it runs, a new one may wait). pg-boss does not retry: the work's own
 * table decides what is tried again (the outbox's backoff), the job only says "look now".
 */
import { createRequire } from 'node:module';
import type PgBoss from 'pg-boss';
import type { JobHandler, JobOptions, JobQueue } from './job-queue.ts';

/** pg-boss (and pg) load only on PostgreSQL: a town's SQLite server does not carry them. */
const requirePackage = createRequire(import.meta.url);

/** Jobs fetched at once by a worker (run one after another). */
const BATCH = 20;

export interface PgBossQueueOptions {
  connectionString: string;
  onError: (err: unknown) => void;
  /** How often an idle worker looks for jobs sent by other nodes (pg-boss: at least 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Connections of pg-boss's own pool. */
  max?: number;
  schema?: string;
}

export async function pgBossJobQueue(opts: PgBossQueueOptions): Promise<JobQueue> {
  const Boss = requirePackage('pg-boss') as typeof PgBoss;
  const boss = new Boss({
    connectionString: opts.connectionString,
    schema: opts.schema ?? 'pgboss',
    max: opts.max ?? 4,
    application_name: 'doorstep-jobs',
  });
  boss.on('error', opts.onError);
  await boss.start();
  const created = new Set<string>();
  const workers = new Map<string, string>(); // queue → this node's worker id
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name, { name, policy: 'short', retryLimit: 0 });
    created.add(name);
  };
  return {
    kind: 'pg-boss',
    async send(name, data, options: JobOptions = {}) {
      await ensureQueue(name);
      const id = await boss.send(name, data, {
        ...(options.singletonKey !== undefined && { singletonKey: options.singletonKey }),
        ...(options.startAfter && { startAfter: options.startAfter }),
        retryLimit: 0,
      });
      // A job due now is fetched at once by this node's worker (others poll).
      const worker = workers.get(name);
      if (id && worker && !options.startAfter) boss.notifyWorker(worker);
      return id;
    },
    async work<T extends object>(name: string, handler: JobHandler<T>) {
      await ensureQueue(name);
      const id = await boss.work<T>(
        name,
        { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: BATCH },
        async (jobs) => {
          for (const job of jobs) {
            try {
              await handler(job.data);
            } catch (err) {
              opts.onError(err); // the job is done either way: the sweep is the safety net
            }
          }
          // A full batch: more may wait — fetch again at once instead of after the interval.
          const self = workers.get(name);
          if (jobs.length >= BATCH && self) boss.notifyWorker(self);
        },
      );
      workers.set(name, id);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
