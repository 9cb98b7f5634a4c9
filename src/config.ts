import path from 'node:path';
import { parseTrustProxy, type TrustProxy } from './server/trust-proxy.ts';

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
  /** Seconds between deadline sweeps on this node; 0 turns the sweep off (GS-8). */
  sweepIntervalSeconds: number;
  /** VS-6: most hours a volunteer is credited per China calendar day (VS_DAILY_HOURS_CAP, default 8). */
  vsDailyHoursCap: number;
  /** VS-6: seconds each rotating check-in code is shown (VS_CODE_PERIOD_SECONDS, default 30). */
  vsCodePeriodSeconds: number;
  /** VS-5: hours of a directed or open order's window before the sweep acts (VS_ORDER_WINDOW_HOURS, default 24). */
  vsOrderWindowHours: number;
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
  const proxy = parseTrustProxy(env.TRUST_PROXY);
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
    trustProxy: proxy.trustProxy,
    requireAdmin2fa: env.REQUIRE_ADMIN_2FA === 'true',
    apiDocs: env.API_DOCS ? env.API_DOCS === 'true' : mode !== 'production',
    startupWarnings: proxy.warning ? [proxy.warning] : [],
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, ''),
    sweepIntervalSeconds: Number(env.SWEEP_INTERVAL_SECONDS ?? 60),
    vsDailyHoursCap: Number(env.VS_DAILY_HOURS_CAP ?? 8),
    vsCodePeriodSeconds: Number(env.VS_CODE_PERIOD_SECONDS ?? 30),
    vsOrderWindowHours: Number(env.VS_ORDER_WINDOW_HOURS ?? 24),
  };
}
