/** Configuration from the environment: GS-8's yellow window. */
import { describe, expect, it } from 'vitest';
import { loadConfig, postgresTimeouts } from './config.ts';
import { assertServable } from './server/tls.ts';

describe('GS-8 DEADLINE_YELLOW_WORKING_DAYS', () => {
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

describe('X-9 fault injection and database timeouts (issue #10 points 14, 15)', () => {
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
    expect(loadConfig({}).actorCacheMs).toBe(2000);
    expect(loadConfig({ DOORSTEP_ACTOR_CACHE_MS: '0' }).actorCacheMs).toBe(0);
    expect(() => loadConfig({ DOORSTEP_ACTOR_CACHE_MS: '-1' })).toThrow(/DOORSTEP_ACTOR_CACHE_MS/);
    expect(() => loadConfig({ DOORSTEP_ACTOR_CACHE_MS: '2s' })).toThrow(/DOORSTEP_ACTOR_CACHE_MS/);
  });
});

describe('PUBLIC_URL and HTTPS (issue #11)', () => {
  it('warns once in development when PUBLIC_URL is unset; the default is localhost', () => {
    const dev = loadConfig({ DOORSTEP_ENV: 'development', PORT: '3100' });
    expect(dev.publicUrl).toBe('http://localhost:3100');
    expect(dev.publicUrlSet).toBe(false);
    expect(dev.startupWarnings.filter((w) => w.includes('PUBLIC_URL'))).toHaveLength(1);
    const set = loadConfig({
      DOORSTEP_ENV: 'development',
      PUBLIC_URL: 'http://192.168.1.10:3000/',
    });
    expect(set.publicUrl).toBe('http://192.168.1.10:3000');
    expect(set.startupWarnings.join()).not.toContain('PUBLIC_URL');
  });

  it('production without PUBLIC_URL is not servable; a malformed one is refused at once', () => {
    const prod = loadConfig({ NODE_ENV: 'production' });
    expect(prod.publicUrlSet).toBe(false);
    expect(() => assertServable(prod)).toThrow(/PUBLIC_URL is required in production/);
    expect(() =>
      assertServable(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://a.example' })),
    ).not.toThrow();
    expect(() => assertServable(loadConfig({ DOORSTEP_ENV: 'development' }))).not.toThrow();
    for (const bad of ['localhost:3000', 'ftp://a.example', 'not a url'])
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
  });

  it('HTTPS comes from configuration: an https PUBLIC_URL, built-in TLS, or HTTPS=on|off', () => {
    expect(loadConfig({}).https).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.10:3000' }).https).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://a.example' }).https).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://a.example', HTTPS: 'off' }).https).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://a.example', HTTPS: 'on' }).https).toBe(true);
    expect(loadConfig({ TLS_CERT_FILE: 'c.pem', TLS_KEY_FILE: 'k.pem' })).toMatchObject({
      https: true,
      tls: { certFile: 'c.pem', keyFile: 'k.pem' },
      publicUrl: 'https://localhost:3000',
    });
    expect(() => loadConfig({ TLS_CERT_FILE: 'c.pem' })).toThrow(/TLS_KEY_FILE/);
    expect(() => loadConfig({ HTTPS: 'maybe' })).toThrow(/HTTPS/);
    // A Secure cookie is never stored over plain HTTP: production's default follows HTTPS.
    expect(
      loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://a.example' }).secureCookies,
    ).toBe(true);
    expect(
      loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://10.0.0.2' }).secureCookies,
    ).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://10.0.0.2', SECURE_COOKIES: 'true' })
        .secureCookies,
    ).toBe(true);
  });
});

describe('X-8 the read pool for dashboards and exports (issue #16)', () => {
  it('DATABASE_READ_URL opens a separate read pool on PostgreSQL', () => {
    const database = loadConfig({
      DATABASE_URL: 'postgres://doorstep@127.0.0.1:6432/doorstep',
      DATABASE_READ_URL: 'postgres://doorstep@127.0.0.1:6432/doorstep_ro',
      DATABASE_READ_POOL_SIZE: '3',
    }).database;
    expect(database).toMatchObject({
      dialect: 'postgres',
      readUrl: 'postgres://doorstep@127.0.0.1:6432/doorstep_ro',
      readPoolSize: 3,
    });
  });

  it('without it, reads stay on DATABASE_URL; with SQLite or a bad value it refuses to start', () => {
    const database = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db' }).database;
    expect(database).not.toHaveProperty('readUrl');
    expect(() =>
      loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite', DATABASE_READ_URL: 'postgres://u@h/db' }),
    ).toThrow(/needs PostgreSQL/);
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATABASE_READ_URL: 'mysql://u@h/db' }),
    ).toThrow(/DATABASE_READ_URL/);
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://u@h/db',
        DATABASE_READ_URL: 'postgres://u@h/ro',
        DATABASE_READ_POOL_SIZE: '0',
      }),
    ).toThrow(/DATABASE_READ_POOL_SIZE/);
  });
});
