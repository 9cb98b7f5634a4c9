import { defineConfig } from 'vitest/config';

/**
 * Four tiers: pure unit tests beside the code; integration tests against a real database
 * (DOORSTEP_TEST_DB=sqlite|postgres, a fresh database per test file); browser journeys; a real cluster (test/cluster, issue #16).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/demo-template.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          // beforeAll starts a server that migrates and seeds (test/helpers/e2e.ts waits 180 s).
          hookTimeout: 240_000,
          // A page under load can take seconds to answer: every expect.poll in a journey waits up
          // to 20 s (vitest's default, 1 s, made the records journey flaky on a busy machine).
          expect: { poll: { timeout: 20_000 } },
          pool: 'forks',
          // Two journeys at a time (each its own server, database and Chromium): a journey waits on
          // its browser most of the time, so two share the two cores; the suite stays near 15 min.
          maxWorkers: 2,
        },
      },
      {
        // Issue #16: a real cluster (deploy/local-cluster: Patroni ×3, HAProxy, pgbouncer, app
        // nodes) — one file at a time, minutes not seconds; its own tier in scripts/test.mjs.
        test: {
          name: 'cluster',
          sequence: { groupOrder: 3 },
          include: ['test/cluster/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 400_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
