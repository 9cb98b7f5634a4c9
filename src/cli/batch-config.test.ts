import { describe, expect, it } from 'vitest';
import { BATCH_TIMEOUT_MS, batchConfig } from './batch-config.ts';
import { loadConfig } from '../config.ts';

const PG = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', DATA_DIR: 'data' };
const timeouts = (c: ReturnType<typeof loadConfig>) =>
  c.database.dialect === 'postgres' ? c.database.timeouts : undefined;

describe('batch commands run with batch-sized PostgreSQL timeouts (issue #16)', () => {
  it('an hour per statement and per read, where a request gets 15 s and 20 s', () => {
    expect(timeouts(batchConfig(PG))).toMatchObject({
      statementMs: BATCH_TIMEOUT_MS,
      queryMs: BATCH_TIMEOUT_MS,
    });
    expect(timeouts(loadConfig(PG))).toMatchObject({ statementMs: 15_000, queryMs: 20_000 });
  });
  it('unless the environment names its own', () => {
    const own = batchConfig({ ...PG, DATABASE_STATEMENT_TIMEOUT_MS: '600000' });
    expect(timeouts(own)).toMatchObject({ statementMs: 600_000, queryMs: BATCH_TIMEOUT_MS });
  });
});
