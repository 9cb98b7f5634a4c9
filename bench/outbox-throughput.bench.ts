/**
 * Issue #15 point 5: outbox throughput — messages per second through the sender (claim by
 * conditional update, decrypt recipient and params, the log provider with a silent logger, record
 * `delivered`) on SQLite and PostgreSQL, as a ratio to a floor measured in the same run: the same
 * rows moved through the same two UPDATEs per message with the same driver, without decryption,
 * parsing, the policy checks or the provider. Prints the machine's load. Nothing is asserted.
 * Also the job-queue path (issue #15 p5): one wake-up job per message, as a commit sends it, worked
 * by the queue of the dialect (pg-boss on PostgreSQL, the in-process queue on SQLite).
 *
 *   node --import tsx bench/outbox-throughput.bench.ts [--messages 2000] [--dialect sqlite|postgres|both]
 *     [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { enqueueMessage } from '../src/modules/notifications/outbox.ts';
import { logChannelProvider, sendDueMessages } from '../src/modules/notifications/outbox.sender.ts';
import { wakeOutbox, workOutboxJobs } from '../src/modules/notifications/outbox-queue.ts';
import type { JobQueue } from '../src/shared/job-queue.ts';
import { localJobQueue } from '../src/shared/job-queue-local.ts';
import { pgBossJobQueue } from '../src/shared/job-queue-pgboss.ts';
import { createPiiCipher } from '../src/shared/pii-crypto.ts';
import { machine } from './lib/report.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg('messages', '2000'));
const DIALECT = arg('dialect', 'both');
const PG_BASE = arg('postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
const pii = createPiiCipher(crypto.randomBytes(32));
const silent = { info: () => undefined };

async function fill(db: Db, now: Date) {
  const batch = 200;
  for (let i = 0; i < N; i += batch)
    await db.kysely.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(N, i + batch); j++)
        await enqueueMessage(trx, pii, {
          channel: 'sms',
          to: `139${String(10_000_000 + j).slice(-8)}`,
          template: 'appt_reminder',
          params: { station: '伊庄村便民服务站', date: '2026-03-03', time: '09:00' },
          now,
        });
    });
}

async function requeue(db: Db) {
  await sql`update outbox_messages set status = 'queued', attempts = 0, claimed_by = null, claimed_at = null, sent_at = null, delivered_at = null`.execute(
    db.kysely,
  );
}

/** The app: the sender until the outbox is empty. */
async function app(db: Db, now: Date): Promise<number> {
  const providers = { sms: logChannelProvider('sms', silent) };
  const t0 = performance.now();
  let sent = 0;
  for (;;) {
    const r = await sendDueMessages(db.kysely, {
      pii,
      providers,
      nodeId: 'bench',
      now,
      limit: 200,
    });
    sent += r.sent;
    if (r.sent === 0) break;
  }
  if (sent !== N) throw new Error(`sent ${sent} of ${N}`);
  return N / ((performance.now() - t0) / 1000);
}

/** The queue: one `outbox.send` job per message (the after-commit wake-up), until all are sent. */
async function queued(db: Db, config: DatabaseConfig, now: Date): Promise<number> {
  const onError = (err: unknown) => console.error(err);
  const queue: JobQueue =
    config.dialect === 'postgres'
      ? await pgBossJobQueue({ connectionString: config.url, onError, pollingIntervalSeconds: 0.5 })
      : localJobQueue({ onError });
  try {
    let sent = 0;
    await workOutboxJobs(db.kysely, queue, {
      pii,
      providers: { sms: logChannelProvider('sms', silent) },
      nodeId: 'bench',
      onError,
      now: () => now,
      onResult: (r) => (sent += r.sent),
    });
    const ids = await db.kysely.selectFrom('outbox_messages').select('id').execute();
    const t0 = performance.now();
    for (const { id } of ids) await wakeOutbox(queue, id, null, onError, now);
    while (sent < N) await new Promise((r) => setTimeout(r, 5));
    return N / ((performance.now() - t0) / 1000);
  } finally {
    await queue.stop();
  }
}

/** The floor: the same select of due ids and two UPDATEs per message, nothing else. */
async function floor(db: Db, now: Date): Promise<number> {
  const iso = now.toISOString();
  const t0 = performance.now();
  let moved = 0;
  for (;;) {
    const due = await sql<{
      id: string;
    }>`select id from outbox_messages where status = 'queued' and next_attempt_at <= ${iso} order by next_attempt_at limit 200`.execute(
      db.kysely,
    );
    if (due.rows.length === 0) break;
    for (const d of due.rows) {
      await sql`update outbox_messages set status = 'sending', claimed_by = 'floor', claimed_at = ${iso} where id = ${d.id} and status = 'queued'`.execute(
        db.kysely,
      );
      await sql`update outbox_messages set status = 'delivered', attempts = 1, sent_at = ${iso}, delivered_at = ${iso} where id = ${d.id} and claimed_by = 'floor'`.execute(
        db.kysely,
      );
      moved++;
    }
  }
  if (moved !== N) throw new Error(`moved ${moved} of ${N}`);
  return N / ((performance.now() - t0) / 1000);
}

async function run(config: DatabaseConfig, label: string) {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const now = new Date('2026-03-02T02:00:00Z'); // 10:00 China time: no quiet hours
    await fill(db, now);
    const floorRate = await floor(db, now);
    await requeue(db);
    const appRate = await app(db, now);
    await requeue(db);
    const queueRate = await queued(db, config, now);
    const rate = (r: number) => `${r.toFixed(0).padStart(6)} msg/s`;
    console.log(
      `${label.padEnd(10)} sweep ${rate(appRate)} (ratio ${(appRate / floorRate).toFixed(2)})   ` +
        `queue ${rate(queueRate)} (ratio ${(queueRate / floorRate).toFixed(2)})   floor ${rate(floorRate)}`,
    );
  } finally {
    await db.close();
  }
}

async function main() {
  const m = machine();
  console.log(
    `outbox throughput (issue #15 point 5): ${N} SMS through the sender to the log provider`,
  );
  console.log(
    `machine: ${m.cores} cores, ${m.cpu}, node ${m.node}, load ${m.loadAverage.join(' ')}`,
  );
  if (DIALECT === 'sqlite' || DIALECT === 'both') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-outbox-bench-'));
    try {
      await run({ dialect: 'sqlite', file: path.join(dir, 'bench.sqlite') }, 'sqlite');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (DIALECT === 'postgres' || DIALECT === 'both') {
    const name = `doorstep_outbox_bench_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_BASE });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(PG_BASE);
      url.pathname = `/${name}`;
      await run({ dialect: 'postgres', url: url.toString(), poolSize: 4 }, 'postgres');
    } finally {
      await admin.query(`drop database ${name}`);
      await admin.end();
    }
  }
  console.log(
    `load after: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
}

await main();
