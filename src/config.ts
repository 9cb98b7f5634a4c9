import path from 'node:path';

export type DatabaseConfig =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; poolSize: number };

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
  trustProxy: boolean;
  /** Where residents reach this site: printed QR codes link to `${publicUrl}/track` (GS-9). */
  publicUrl: string;
  /** Seconds between deadline sweeps on this node; 0 turns the sweep off (GS-8). */
  sweepIntervalSeconds: number;
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
  /** PDFs are drawn in worker threads: how many (PDF_WORKERS, default 1), heap cap each (PDF_WORKER_HEAP_MB, default 64), queue (PDF_QUEUE, default 64). */
  pdfPool: { threads: number; heapMb: number; queue: number };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = env.DOORSTEP_ENV ?? (env.NODE_ENV === 'production' ? 'production' : 'development');
  if (mode !== 'development' && mode !== 'production' && mode !== 'test') {
    throw new Error(`DOORSTEP_ENV must be development, production or test (got ${mode})`);
  }
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const url = env.DATABASE_URL;
  let database: DatabaseConfig;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    database = { dialect: 'postgres', url, poolSize: Number(env.DATABASE_POOL_SIZE ?? 10) };
  } else if (url && url.startsWith('sqlite:')) {
    database = { dialect: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  } else if (url) {
    throw new Error('DATABASE_URL must start with postgres:// or sqlite:');
  } else {
    database = { dialect: 'sqlite', file: path.join(dataDir, 'doorstep.sqlite') };
  }
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
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : mode === 'production',
    trustProxy: env.TRUST_PROXY === 'true',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, ''),
    sweepIntervalSeconds: Number(env.SWEEP_INTERVAL_SECONDS ?? 60),
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
      heapMb: Number(env.PDF_WORKER_HEAP_MB ?? 64),
      queue: Number(env.PDF_QUEUE ?? 64),
    },
  };
}
