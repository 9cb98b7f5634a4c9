/**
 * Issue #16: drives deploy/local-cluster for the cluster test and bench/failover.bench.ts — its own
 * directory and loopback ports (below 32768, so no e2e server's random port collides; apart from the
 * defaults an operator uses by hand). Seeding: seed.ts; HTTP load with retries: load.ts.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../../src/db/connection.ts';

export const SCRIPT = fileURLToPath(new URL('../../deploy/local-cluster', import.meta.url));

/** Ports of the test's cluster (deploy/cluster.env names). */
export const TEST_PORTS = {
  ETCD_PORT: '23791',
  ETCD_PEER_PORT: '23801',
  PG_PORT_BASE: '5450',
  REST_PORT_BASE: '8450',
  HAPROXY_PRIMARY_PORT: '5450',
  HAPROXY_REPLICA_PORT: '5449',
  HAPROXY_APP_PORT: '3450',
  HAPROXY_STATS_PORT: '7450',
  PGBOUNCER_PORT: '6442',
  APP_PORT_BASE: '3450',
};

export interface Cluster {
  dir: string;
  env: NodeJS.ProcessEnv;
  key: string;
  appNodes: number;
  /** The load balancer in front of the app nodes. */
  lb: string;
  /** App node i (1-based), directly. */
  node(i: number): string;
  /** Through pgbouncer to the leader. */
  dbUrl: string;
}

/** Debian packages deploy/local-cluster needs that this machine lacks. */
export function missingPackages(): string[] {
  const r = spawnSync(SCRIPT, ['missing'], { encoding: 'utf8' });
  if (r.status !== 0) return ['(deploy/local-cluster missing failed: ' + r.stderr.trim() + ')'];
  return r.stdout.trim().split(/\s+/).filter(Boolean);
}

function run(env: NodeJS.ProcessEnv, args: string[], timeoutMs: number) {
  const r = spawnSync(SCRIPT, args, { env, encoding: 'utf8', timeout: timeoutMs });
  if (r.status !== 0)
    throw new Error(
      `deploy/local-cluster ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr}\n${r.stdout}`,
    );
  return r;
}

export function clusterUp(opts: { appNodes: number; env?: Record<string, string> }): Cluster {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-cluster-test-'));
  fs.rmSync(dir, { recursive: true }); // the script creates it (and refuses an existing cluster)
  const key = crypto.randomBytes(32).toString('base64');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...TEST_PORTS,
    CLUSTER_DIR: dir,
    APP_NODES: String(opts.appNodes),
    DOORSTEP_DATA_KEY: key,
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const cluster: Cluster = {
    dir,
    env,
    key,
    appNodes: opts.appNodes,
    lb: `http://127.0.0.1:${TEST_PORTS.HAPROXY_APP_PORT}`,
    node: (i) => `http://127.0.0.1:${Number(TEST_PORTS.APP_PORT_BASE) + i}`,
    dbUrl: `postgres://doorstep@127.0.0.1:${TEST_PORTS.PGBOUNCER_PORT}/doorstep`,
  };
  // A run interrupted (Ctrl-C, a killed worker) still takes its cluster down.
  const interrupted = (signal: NodeJS.Signals) => {
    clusterDown(cluster);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    run(env, ['up'], 300_000);
  } catch (err) {
    clusterDown(cluster);
    throw err;
  }
  return cluster;
}

/** Stops everything and removes the directory; never throws (it runs in afterAll). */
export function clusterDown(cluster: Pick<Cluster, 'env' | 'dir'>): void {
  // The logs outlive the cluster, for a failed run (overwritten by the next run).
  const logs = path.join(os.tmpdir(), 'doorstep-cluster-last-logs');
  try {
    fs.rmSync(logs, { recursive: true, force: true });
    fs.cpSync(path.join(cluster.dir, 'log'), logs, { recursive: true });
  } catch {
    // no logs (the cluster never started)
  }
  const r = spawnSync(SCRIPT, ['down'], { env: cluster.env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) console.error(`deploy/local-cluster down: ${r.stderr}`);
}

/** SIGKILL to the leader's Patroni and PostgreSQL; returns the killed instance's number. */
export function killLeader(cluster: Cluster): number {
  return Number(run(cluster.env, ['kill-leader'], 30_000).stdout.trim());
}

export function clusterStatus(cluster: Cluster): string {
  return spawnSync(SCRIPT, ['status'], { env: cluster.env, encoding: 'utf8' }).stdout;
}

export function openClusterDb(cluster: Cluster): Db {
  return openDatabase({ dialect: 'postgres', url: cluster.dbUrl, poolSize: 4 });
}
