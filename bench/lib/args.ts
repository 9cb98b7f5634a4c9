import { parseArgs } from 'node:util';

export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchArgs {
  dialects: BenchDialect[];
  /** Seconds each measured run lasts. */
  duration: number;
  /** Seconds of unrecorded load before each measured run (JIT, caches, pool). */
  warmup: number;
  connections: number;
  /** Residents registered before measuring; the lookup scenario cycles over them. */
  preRegistered: number;
  postgresUrl: string;
  json: boolean;
}

/** What differs between the benches: the script named in the usage text and the default load. */
export interface BenchDefaults {
  script: string;
  connections: number;
}

const RESIDENTS_DEFAULTS: BenchDefaults = { script: 'bench/residents.bench.ts', connections: 16 };

export function usage(defaults: BenchDefaults = RESIDENTS_DEFAULTS): string {
  return `usage: node --import tsx ${defaults.script} [options]
  --db sqlite|postgres|both   dialects to measure (default both)
  --duration <s>              seconds per measured run (default 10, max 120)
  --warmup <s>                unrecorded seconds before each run (default 2, max 30)
  --connections <n>           concurrent connections (default ${defaults.connections}, max 256)
  --residents <n>             residents registered before measuring (default 2000)
  --pg-url <url>              PostgreSQL server, 127.0.0.1 only (default postgres://postgres@127.0.0.1:5432)
  --json                      also print the figures as JSON on stdout
  --help`;
}

const USAGE = usage();

function bounded(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max} (got ${raw})`);
  }
  return n;
}

export function parseBenchArgs(
  argv: string[],
  defaults: BenchDefaults = RESIDENTS_DEFAULTS,
): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: String(defaults.connections) },
      residents: { type: 'string', default: '2000' },
      'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const db = values.db;
  if (db !== 'sqlite' && db !== 'postgres' && db !== 'both') {
    throw new Error(`--db must be sqlite, postgres or both (got ${db})`);
  }
  const postgresUrl = new URL(values['pg-url']);
  if (postgresUrl.hostname !== '127.0.0.1' && postgresUrl.hostname !== 'localhost') {
    throw new Error('--pg-url must point at 127.0.0.1: the bench never leaves this machine');
  }
  return {
    dialects: db === 'both' ? ['sqlite', 'postgres'] : [db],
    duration: bounded('duration', values.duration, 1, 120),
    warmup: bounded('warmup', values.warmup, 0, 30),
    connections: bounded('connections', values.connections, 1, 256),
    preRegistered: bounded('residents', values.residents, 1, 50_000),
    postgresUrl: postgresUrl.toString().replace(/\/$/, ''),
    json: values.json,
  };
}

export { USAGE };
