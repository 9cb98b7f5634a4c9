import path from 'node:path';
import { parseTrustProxy, type TrustProxy } from './server/trust-proxy.ts';

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | {
      dialect: 'postgres';
      url: string;
      poolSize: number;
      timeouts?: PostgresTimeouts;
      /**
       * Issue #16: a separate read pool for dashboards and Excel exports (DATABASE_READ_URL), e.g.
       * pgbouncer's `doorstep_ro` → HAProxy → the replicas. Its rows may be behind the leader by
       * what the replica route admits (deploy/: within 16 MB of WAL, in practice under a second);
       * unset, those reads go to DATABASE_URL.
       */
      readUrl?: string;
      /** Connections of the read pool (DATABASE_READ_POOL_SIZE, default 5). */
      readPoolSize?: number;
    };

/** Issue #10 point 15: a database that is down or stalled answers 503 quickly, never hangs. */
export interface PostgresTimeouts {
  /** Opening a connection (DATABASE_CONNECT_TIMEOUT_MS, default 5000). */
  connectMs: number;
  /**
   * Waiting for a free pooled connection while all are busy — a burst queues, it is not an outage
   * (DATABASE_POOL_WAIT_MS, default 30000).
   */
  poolWaitMs: number;
  /** Server-side statement_timeout (DATABASE_STATEMENT_TIMEOUT_MS, default 15000). */
  statementMs: number;
  /** Client-side wait for any query's answer, e.g. a stalled server (DATABASE_QUERY_TIMEOUT_MS, default 20000). */
  queryMs: number;
  /** idle_in_transaction_session_timeout (DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS, default 30000). */
  idleInTransactionMs: number;
}

export function postgresTimeouts(env: NodeJS.ProcessEnv = {}): PostgresTimeouts {
  const ms = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive integer`);
    return value;
  };
  return {
    connectMs: ms('DATABASE_CONNECT_TIMEOUT_MS', 5000),
    poolWaitMs: ms('DATABASE_POOL_WAIT_MS', 30_000),
    statementMs: ms('DATABASE_STATEMENT_TIMEOUT_MS', 15_000),
    queryMs: ms('DATABASE_QUERY_TIMEOUT_MS', 20_000),
    idleInTransactionMs: ms('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30_000),
  };
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  /** Base64 master key for personal-data encryption and lookup hashes. */
  dataKey: string | undefined;
  bodyLimitBytes: number;
  logLevel: string;
  /** Serve the built web UI from this folder when it exists. */
  webDist: string;
  /** Cookie `Secure` flag: on in production unless explicitly disabled behind plain HTTP. */
  secureCookies: boolean;
  /** which proxy hops may set X-Forwarded-For (TRUST_PROXY: a hop count or addresses/CIDRs). */
  trustProxy: TrustProxy;
  /** administrators must enrol a second factor (TOTP) before doing anything else (REQUIRE_ADMIN_2FA). */
  requireAdmin2fa: boolean;
  /** Serve the interactive API docs at /api/docs (API_DOCS; off in production unless set to true). */
  apiDocs: boolean;
  /** Things an operator should fix, logged once at start-up. */
  startupWarnings: string[];
  /** Where residents reach this site: printed QR codes link to `${publicUrl}/track` (GS-9). */
  publicUrl: string;
  /** Issue #11: PUBLIC_URL was set; `doorstep serve` refuses to start in production without it. */
  publicUrlSet: boolean;
  /**
   * Issue #11: the deployment is served over HTTPS (HTTPS=on|off; else PUBLIC_URL starting with
   * https:// or the built-in TLS). Only then are HSTS and `upgrade-insecure-requests` sent, so a
   * station's LAN over plain HTTP keeps working.
   */
  https: boolean;
  /** Issue #11: built-in TLS (TLS_CERT_FILE + TLS_KEY_FILE, PEM); else plain HTTP, e.g. behind a proxy. */
  tls: { certFile: string; keyFile: string } | null;
  /** Seconds between deadline sweeps on this node; 0 turns the sweep off (GS-8). */
  sweepIntervalSeconds: number;
  /** GS-8: a case is yellow when at most this many working days are left (DEADLINE_YELLOW_WORKING_DAYS, default 1). */
  deadlineYellowWorkingDays: number;
  /** VS-6: most hours a volunteer is credited per China calendar day (VS_DAILY_HOURS_CAP, default 8). */
  vsDailyHoursCap: number;
  /** VS-6: seconds each rotating check-in code is shown (VS_CODE_PERIOD_SECONDS, default 30). */
  vsCodePeriodSeconds: number;
  /** VS-5: hours of a directed or open order's window before the sweep acts (VS_ORDER_WINDOW_HOURS, default 24). */
  vsOrderWindowHours: number;
  /** Optional separate root key of the audit chain (base64, 32 bytes); else derived from the data key. */
  auditKey: string | undefined;
  /** Signed audit checkpoints, outside the database (AUDIT_CHECKPOINT_FILE, default <data>/audit-checkpoints.log). */
  auditCheckpointFile: string;
  /** Seconds between audit checkpoints on this node; 0 turns them off (AUDIT_CHECKPOINT_INTERVAL_SECONDS, default 300). */
  auditCheckpointIntervalSeconds: number;
  /** PDFs are drawn in worker threads: how many (PDF_WORKERS, default 1), heap cap each (PDF_WORKER_HEAP_MB, default 40), queue (PDF_QUEUE, default 64). */
  pdfPool: { threads: number; heapMb: number; queue: number };
  /**
   * Issue #16 point 5: milliseconds a node keeps the actor it resolved for a token
   * (DOORSTEP_ACTOR_CACHE_MS, default 2000, 0 = off) — how long another node's logout, revoked
   * grant or disabled account can go unseen here; this node's own are seen at once.
   */
  actorCacheMs: number;
  /** Seconds before a pending (uncommitted) Idempotency-Key is released (IDEMPOTENCY_STALE_SECONDS, 120). */
  idempotencyStaleSeconds: number;
  /**
   * Test-only fault injection (DOORSTEP_FAULT), refused in production: 'after-commit' throws
   * between an idempotent write's commit and its answer; 'slow-answer' waits 100 ms there (widens
   * the crash window for the crash run in bench/).
   */
  fault: 'after-commit' | 'slow-answer' | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // NODE_ENV=production always wins: no single variable may talk production into demo data.
  const mode = env.NODE_ENV === 'production' ? 'production' : (env.DOORSTEP_ENV ?? 'development');
  if (mode !== 'development' && mode !== 'production' && mode !== 'test') {
    throw new Error(`DOORSTEP_ENV must be development, production or test (got ${mode})`);
  }
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const url = env.DATABASE_URL;
  let database: DatabaseConfig;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    database = {
      dialect: 'postgres',
      url,
      poolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
      timeouts: postgresTimeouts(env),
      ...readPool(env),
    };
  } else if (url && url.startsWith('sqlite:')) {
    if (env.DATABASE_READ_URL?.trim())
      throw new Error('DATABASE_READ_URL needs PostgreSQL (DATABASE_URL is SQLite)');
    database = { dialect: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  } else if (url) {
    throw new Error('DATABASE_URL must start with postgres:// or sqlite:');
  } else {
    database = { dialect: 'sqlite', file: path.join(dataDir, 'doorstep.sqlite') };
  }
  const proxy = parseTrustProxy(env.TRUST_PROXY);
  const site = publicSite(env, mode);
  return {
    env: mode,
    host: env.HOST ?? '0.0.0.0',
    port: Number(env.PORT ?? 3000),
    dataDir,
    database,
    dataKey: env.DOORSTEP_DATA_KEY,
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 1_048_576),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    webDist: path.resolve(env.WEB_DIST ?? 'web/dist'),
    // A Secure cookie is never stored over plain HTTP: on by default in production over HTTPS.
    secureCookies: env.SECURE_COOKIES
      ? env.SECURE_COOKIES === 'true'
      : mode === 'production' && site.https,
    trustProxy: proxy.trustProxy,
    requireAdmin2fa: env.REQUIRE_ADMIN_2FA === 'true',
    apiDocs: env.API_DOCS ? env.API_DOCS === 'true' : mode !== 'production',
    startupWarnings: [...(proxy.warning ? [proxy.warning] : []), ...site.warnings],
    publicUrl: site.publicUrl,
    publicUrlSet: site.publicUrlSet,
    https: site.https,
    tls: site.tls,
    sweepIntervalSeconds: Number(env.SWEEP_INTERVAL_SECONDS ?? 60),
    deadlineYellowWorkingDays: wholeNumber(
      'DEADLINE_YELLOW_WORKING_DAYS',
      env.DEADLINE_YELLOW_WORKING_DAYS ?? '1',
      30,
    ),
    vsDailyHoursCap: Number(env.VS_DAILY_HOURS_CAP ?? 8),
    vsCodePeriodSeconds: Number(env.VS_CODE_PERIOD_SECONDS ?? 30),
    vsOrderWindowHours: Number(env.VS_ORDER_WINDOW_HOURS ?? 24),
    auditKey: env.DOORSTEP_AUDIT_KEY,
    auditCheckpointFile: path.resolve(
      env.AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit-checkpoints.log'),
    ),
    auditCheckpointIntervalSeconds: Number(env.AUDIT_CHECKPOINT_INTERVAL_SECONDS ?? 300),
    pdfPool: {
      threads: Math.max(1, Number(env.PDF_WORKERS ?? 1)),
      heapMb: Number(env.PDF_WORKER_HEAP_MB ?? 40),
      queue: Number(env.PDF_QUEUE ?? 64),
    },
    idempotencyStaleSeconds: Number(env.IDEMPOTENCY_STALE_SECONDS ?? 120),
    actorCacheMs: wholeNumber(
      'DOORSTEP_ACTOR_CACHE_MS',
      env.DOORSTEP_ACTOR_CACHE_MS ?? '2000',
      60_000,
    ),
    fault: faultOf(env.DOORSTEP_FAULT, mode),
  };
}

/** Issue #16: DATABASE_READ_URL (PostgreSQL only) and its pool size. */
function readPool(env: NodeJS.ProcessEnv): { readUrl?: string; readPoolSize?: number } {
  const readUrl = env.DATABASE_READ_URL?.trim();
  if (!readUrl) return {};
  if (!/^postgres(ql)?:\/\//.test(readUrl))
    throw new Error('DATABASE_READ_URL must start with postgres:// (a read pool needs PostgreSQL)');
  const readPoolSize = Number(env.DATABASE_READ_POOL_SIZE ?? 5);
  if (!Number.isInteger(readPoolSize) || readPoolSize <= 0)
    throw new Error('DATABASE_READ_POOL_SIZE must be a positive integer');
  return { readUrl, readPoolSize };
}

/** Issue #11: one public address for every link, and whether the site is served over HTTPS. */
function publicSite(env: NodeJS.ProcessEnv, mode: AppConfig['env']) {
  const raw = env.PUBLIC_URL?.trim();
  const warnings: string[] = [];
  if (raw) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Error(`PUBLIC_URL must be an absolute http:// or https:// address (got ${raw})`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`PUBLIC_URL must be an absolute http:// or https:// address (got ${raw})`);
  } else if (mode === 'development') {
    warnings.push(
      `PUBLIC_URL is not set: printed QR codes and links point to http://localhost:${env.PORT ?? 3000}, which no phone can open. Set PUBLIC_URL to the address residents and stations use (e.g. http://192.168.1.10:3000 or https://doorstep.example.gov.cn).`,
    );
  }
  const certFile = env.TLS_CERT_FILE?.trim();
  const keyFile = env.TLS_KEY_FILE?.trim();
  if (Boolean(certFile) !== Boolean(keyFile))
    throw new Error('TLS_CERT_FILE and TLS_KEY_FILE must be set together (PEM files)');
  const tls = certFile && keyFile ? { certFile, keyFile } : null;
  const flag = env.HTTPS?.trim().toLowerCase();
  if (flag && !['on', 'off', 'true', 'false'].includes(flag))
    throw new Error(`HTTPS must be on or off (got ${env.HTTPS})`);
  const https =
    flag === 'on' || flag === 'true'
      ? true
      : flag === 'off' || flag === 'false'
        ? false
        : tls !== null || (raw ?? '').toLowerCase().startsWith('https://');
  const fallback = `${tls ? 'https' : 'http'}://localhost:${env.PORT ?? 3000}`;
  return {
    publicUrl: (raw || fallback).replace(/\/+$/, ''),
    publicUrlSet: Boolean(raw),
    https,
    tls,
    warnings,
  };
}

/** A whole number 0..max from the environment, or a clear start-up error naming the variable. */
function wholeNumber(name: string, raw: string, max: number): number {
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0 || n > max)
    throw new Error(`${name} must be a whole number from 0 to ${max} (got ${raw})`);
  return n;
}

function faultOf(value: string | undefined, mode: AppConfig['env']): AppConfig['fault'] {
  if (!value) return null;
  if (mode === 'production')
    throw new Error('DOORSTEP_FAULT is for tests only; unset it in production');
  if (value !== 'after-commit' && value !== 'slow-answer')
    throw new Error(`DOORSTEP_FAULT must be after-commit or slow-answer (got ${value})`);
  return value;
}
