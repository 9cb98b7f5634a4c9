/**
 * The configuration of a batch command — `generate`, `migrate`, `rollups rebuild`: its statements
 * (a COPY, a migration's backfill, a rollup's recomputation, a VACUUM) run for minutes at a district
 * or a city, past the request-sized PostgreSQL defaults (15 s statement, 20 s client read). An hour
 * each, unless the environment names its own.
 */
import { loadConfig, type AppConfig } from '../config.ts';

export const BATCH_TIMEOUT_MS = 3_600_000;

export function batchConfig(env: NodeJS.ProcessEnv): AppConfig {
  return loadConfig({
    DATABASE_STATEMENT_TIMEOUT_MS: String(BATCH_TIMEOUT_MS),
    DATABASE_QUERY_TIMEOUT_MS: String(BATCH_TIMEOUT_MS),
    ...env,
  });
}
