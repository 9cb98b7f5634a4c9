import os from 'node:os';
import pino from 'pino';
import { startOutboxSender } from '../modules/notifications/outbox.sender.ts';
import { wakeOnCommit, workOutboxJobs } from '../modules/notifications/outbox-queue.ts';
import { channelProvidersFromEnv } from '../modules/notifications/outbox-providers-env.ts';
import { outboxPolicyFromEnv } from '../modules/notifications/outbox.policy.ts';
import { webhookProvider } from '../modules/webhooks/webhook.provider.ts';
import { startSweeper } from '../modules/escalations/escalation.sweep.ts';
import { startAppointmentSweeps } from '../modules/appointments/appointments.sweep.ts';
import { startAuditCheckpoints } from '../modules/audit/audit-checkpoint.job.ts';
import { startAuditSeals } from '../modules/audit/audit-seal.job.ts';
import { startPartitionMaintenance } from '../db/partition-maintenance.job.ts';
import { warmPdfPool } from '../modules/documents/pdf-pool.ts';
import { deriveAuditKeys, installAuditKeys } from '../modules/audit/audit-key.ts';
import { loadConfig, type AppConfig } from '../config.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { isDatabaseEmpty, seedDemo } from '../modules/demo/seed-demo.ts';
import { readSetupState } from '../modules/setup/setup-status.ts';
import { setupLink } from '../modules/setup/setup-token.ts';
import { createPiiCipher } from '../shared/pii-crypto.ts';
import type { JobQueue } from '../shared/job-queue.ts';
import { localJobQueue } from '../shared/job-queue-local.ts';
import { pgBossJobQueue } from '../shared/job-queue-pgboss.ts';
import { buildApp } from './app.ts';
import { logOptions } from './logging.ts';
import { checkDataKey, resolveDataKey } from './secrets.ts';
import { assertServable } from './tls.ts';

export function bootLogger(config: AppConfig) {
  return pino(logOptions(config.logLevel));
}

/** Opens the database, migrates, and (development only, empty database) loads the demo data. */
export async function prepare(config: AppConfig, opts: { demo: boolean }) {
  const log = bootLogger(config);
  const db: Db = openDatabase(config.database);
  const applied = await migrateToLatest(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const dataKey = resolveDataKey(config, log);
  try {
    await checkDataKey(db.kysely, dataKey, new Date()); // never run with another key
  } catch (err) {
    await db.close();
    throw err;
  }
  const pii = createPiiCipher(dataKey);
  installAuditKeys(deriveAuditKeys({ dataKey, auditKey: config.auditKey }));
  if (opts.demo && config.env !== 'production' && (await isDatabaseEmpty(db.kysely))) {
    log.info('empty database: loading demo data (development only)');
    const summary = await seedDemo({
      db: db.kysely,
      pii,
      now: new Date(),
      publicUrl: config.publicUrl,
    });
    log.info(summary, 'demo data loaded');
  }
  return { db, pii, log, dataKey };
}

export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  assertServable(config); // issue #11: no production server whose QR codes open localhost
  const { db, pii, log } = await prepare(config, { demo: env.DOORSTEP_DEMO !== 'false' });
  // Issue #11: refuse to start with a provider that cannot deliver (e.g. `log` in production).
  // Issue #15: every channel's provider; a configured channel with a missing setting stops here.
  const providers = {
    ...channelProvidersFromEnv(env, config.env, log),
    webhook: webhookProvider(db.kysely, { pii, now: () => new Date() }),
  };
  const policy = outboxPolicyFromEnv(env);
  const app = await buildApp({ config, db, pii, now: () => new Date() });
  const stopSweeper =
    config.sweepIntervalSeconds > 0
      ? startSweeper(db.kysely, {
          intervalMs: config.sweepIntervalSeconds * 1000,
          orderWindowHours: config.vsOrderWindowHours,
          nodeId: `${os.hostname()}:${process.pid}`,
          onResult: (r) => {
            if (r.cases.escalated + r.handoffs.escalated + r.orders.opened + r.orders.escalated > 0)
              log.info(r, 'deadline sweep escalated');
          },
          onError: (err) => log.error({ err }, 'deadline sweep failed'),
        })
      : () => undefined;
  // GS-10: appointment no-shows and the day-before reminders (exactly once each, any number of nodes).
  const stopAppointments =
    config.sweepIntervalSeconds > 0
      ? startAppointmentSweeps(db.kysely, {
          pii,
          intervalMs: config.sweepIntervalSeconds * 1000,
          onError: (err) => log.error({ err }, 'appointment sweep failed'),
        })
      : () => undefined;
  // Issue #11: the outbox (login codes) is swept every OUTBOX_INTERVAL_SECONDS (default 2; 0: no
  // sending at all). Issue #15: each message committed wakes the sender at once through the job
  // queue (pg-boss on PostgreSQL, shared by the nodes; in-process on SQLite); the sweep is the
  // safety net for a wake-up that was lost.
  const outboxSeconds = Number(env.OUTBOX_INTERVAL_SECONDS ?? 2);
  const nodeId = `${os.hostname()}:${process.pid}`;
  const onOutboxError = (err: unknown) => log.error({ err }, 'outbox sender failed');
  const queue = outboxSeconds > 0 ? await openJobQueue(config, db, log) : null;
  let stopWake = () => undefined as void;
  if (queue) {
    await workOutboxJobs(db.kysely, queue, {
      pii,
      providers,
      ...policy,
      nodeId,
      onError: onOutboxError,
    });
    stopWake = wakeOnCommit(db.inserts, queue, (err) =>
      log.warn({ err }, 'outbox wake-up not queued (the sweep sends it)'),
    );
  }
  const stopOutbox =
    outboxSeconds > 0
      ? startOutboxSender(db.kysely, {
          pii,
          providers,
          ...policy,
          nodeId,
          intervalMs: outboxSeconds * 1000,
          onError: onOutboxError,
        })
      : () => undefined;
  const stopCheckpoints =
    config.auditCheckpointIntervalSeconds > 0
      ? startAuditCheckpoints(db.kysely, {
          file: config.auditCheckpointFile,
          intervalMs: config.auditCheckpointIntervalSeconds * 1000,
          onResult: (r) => {
            if (!r.written && !r.unchanged)
              log.error(r.problem, 'audit chain does not verify: checkpoint refused');
          },
          onError: (err) => log.error({ err }, 'audit checkpoint failed'),
        })
      : () => undefined;
  // #16: every node may seal; the seal head's row lock seals each closed shard-day once.
  const stopSeals =
    config.sweepIntervalSeconds > 0
      ? startAuditSeals(db.kysely, {
          intervalMs: config.sweepIntervalSeconds * 1000,
          onResult: (r) => {
            if (r.sealed > 0) log.info(r, 'audit shard-days sealed');
          },
          onError: (err) => log.error({ err }, 'audit sealing failed'),
        })
      : () => undefined;
  // #16 p5: the partitions of the audit events and the hour records, made months ahead (PostgreSQL;
  // every node may run it, each partition is made once).
  const stopPartitions =
    db.dialect === 'postgres' && config.sweepIntervalSeconds > 0
      ? startPartitionMaintenance(db.kysely, {
          onResult: (r) => {
            if (r.created.length > 0) log.info(r, 'partitions made');
          },
          onError: (err) => log.error({ err }, 'partition maintenance failed'),
        })
      : () => undefined;
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    stopPartitions();
    stopSeals();
    stopSweeper();
    stopAppointments();
    stopOutbox();
    stopWake();
    stopCheckpoints();
    await queue?.stop().catch((err: unknown) => log.error({ err }, 'job queue stop failed'));
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  warmPdfPool();
  log.info(
    {
      url: `${config.tls ? 'https' : 'http'}://localhost:${config.port}`,
      publicUrl: config.publicUrl,
      database: db.dialect,
    },
    'Doorstep is serving',
  );
  await announceSetup(db.kysely, pii, config.publicUrl, log);
}

/**
 * Issue #15 point 5: the job queue — pg-boss in the schema `pgboss` of DATABASE_URL on PostgreSQL;
 * in-process on SQLite. A pg-boss that cannot start is logged and replaced by the in-process queue
 * (this node still wakes its own sender; the sweep covers the rest): the server still serves.
 */
async function openJobQueue(config: AppConfig, db: Db, log: pino.Logger): Promise<JobQueue> {
  const onError = (err: unknown) => log.error({ err }, 'job queue failed');
  if (config.database.dialect !== 'postgres' || db.dialect !== 'postgres')
    return localJobQueue({ onError });
  try {
    return await pgBossJobQueue({ connectionString: config.database.url, onError });
  } catch (err) {
    log.error({ err }, 'pg-boss did not start: using the in-process job queue');
    return localJobQueue({ onError });
  }
}

/** Issue #15: while no administrator exists, the log carries the first-run setup's link. */
async function announceSetup(
  kysely: Parameters<typeof readSetupState>[0],
  pii: Parameters<typeof setupLink>[1],
  publicUrl: string,
  log: { warn(obj: object, msg: string): void },
) {
  const { state } = await readSetupState(kysely);
  if (state.open)
    log.warn(
      { setup: setupLink(publicUrl, pii), next: state.next },
      'no administrator yet: open the first-run setup at this link (or run `doorstep setup`)',
    );
}
