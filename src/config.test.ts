/** Configuration from the environment: GS-8's yellow window. */
import { describe, expect, it } from 'vitest';
import { loadConfig, postgresTimeouts } from './config.ts';

describe('DEADLINE_YELLOW_WORKING_DAYS', () => {
  it('defaults to 1 working day (GS-8) and takes a whole number', () => {
    expect(loadConfig({}).deadlineYellowWorkingDays).toBe(1);
    expect(loadConfig({ DEADLINE_YELLOW_WORKING_DAYS: '3' }).deadlineYellowWorkingDays).toBe(3);
    expect(loadConfig({ DEADLINE_YELLOW_WORKING_DAYS: '0' }).deadlineYellowWorkingDays).toBe(0);
  });

  it('refuses to start on nonsense, naming the variable', () => {
    for (const bad of ['', 'two', '-1', '1.5', '31'])
      expect(() => loadConfig({ DEADLINE_YELLOW_WORKING_DAYS: bad })).toThrow(
        /DEADLINE_YELLOW_WORKING_DAYS/,
      );
  });
});

describe('fault injection and database timeouts (issue #10 points 14, 15)', () => {
  it('accepts DOORSTEP_FAULT only outside production', () => {
    expect(loadConfig({ DOORSTEP_ENV: 'test', DOORSTEP_FAULT: 'after-commit' }).fault).toBe(
      'after-commit',
    );
    expect(loadConfig({ DOORSTEP_ENV: 'test' }).fault).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'production', DOORSTEP_FAULT: 'after-commit' })).toThrow(
      /tests only/,
    );
    expect(() => loadConfig({ DOORSTEP_ENV: 'test', DOORSTEP_FAULT: 'explode' })).toThrow();
  });

  it('reads PostgreSQL timeouts with defaults, refusing nonsense', () => {
    expect(postgresTimeouts({})).toEqual({
      connectMs: 5000,
      poolWaitMs: 30_000,
      statementMs: 15_000,
      queryMs: 20_000,
      idleInTransactionMs: 30_000,
    });
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1/db',
      DATABASE_QUERY_TIMEOUT_MS: '900',
    });
    expect(config.database).toMatchObject({ timeouts: { queryMs: 900 } });
    expect(() => postgresTimeouts({ DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrow();
    expect(loadConfig({ IDEMPOTENCY_STALE_SECONDS: '5' }).idempotencyStaleSeconds).toBe(5);
  });
});
