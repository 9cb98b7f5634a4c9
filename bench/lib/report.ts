import os from 'node:os';
import path from 'node:path';
import type { BenchArgs, BenchDialect } from './args.ts';
import type { Figures } from './load.ts';

export interface ScenarioResult {
  /** A scenario of the bench that ran it (e.g. 'lookup', 'file'). */
  scenario: string;
  app: Figures;
  floor: Figures;
  /** app req/s ÷ floor req/s. */
  ratio: number;
}

export type DialectResult =
  | { dialect: BenchDialect; skipped: false; scenarios: ScenarioResult[] }
  | { dialect: BenchDialect; skipped: true; reason: string };

export function commandLine(): string {
  const script = path.relative(process.cwd(), process.argv[1] ?? '');
  return ['node', ...process.execArgv, script, ...process.argv.slice(2)].join(' ');
}

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
  };
}

export function header(
  args: BenchArgs,
  title = 'resident registration and lookup over HTTP',
): string {
  const m = machine();
  return [
    `Doorstep bench: ${title}, app vs. floor (same run)`,
    `command: ${commandLine()}`,
    `machine: ${m.cores} cores (${m.cpu}), node ${m.node}, ${m.platform}, load average ${m.loadAverage.join(' ')}`,
    `load:    autocannon in this process, ${args.connections} connections, ${args.duration} s per run after ${args.warmup} s warm-up; 127.0.0.1 only`,
    'servers: app (Fastify) and floor (node:http) each in a child process, each on its own fresh copy of the same seeded database',
  ].join('\n');
}

const fixed = (n: number, digits: number) => n.toFixed(digits);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))))
    .map((r) => r.join('  ').trimEnd())
    .join('\n');
}

function codes(f: Figures): string {
  const other = Object.entries(f.statusCodes).filter(([code]) => !code.startsWith('2'));
  return other.length === 0 ? '' : other.map(([code, n]) => `${code}×${n}`).join(' ');
}

/** `explain`: lines printed under the ratio's definition (what a bench's scenarios count). */
/** `explain`: lines printed under the ratio's definition (what a bench's scenarios count). */
export function render(results: DialectResult[], explain: readonly string[] = []): string {
  const withCpu = results.some(
    (d) => !d.skipped && d.scenarios.some((s) => s.app.cpuMsPerRequest !== undefined),
  );
  const rows: string[][] = [
    [
      'dialect',
      'scenario',
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'errors',
      'ratio',
      ...(withCpu ? ['cpu ms/req'] : []),
    ],
  ];
  const notes: string[] = [];
  for (const d of results) {
    if (d.skipped) {
      notes.push(`!!! ${d.dialect.toUpperCase()} SKIPPED: ${d.reason}`);
      continue;
    }
    for (const s of d.scenarios) {
      for (const target of ['app', 'floor'] as const) {
        const f = s[target];
        rows.push([
          d.dialect,
          s.scenario,
          target,
          fixed(f.requestsPerSecond, 0),
          fixed(f.p50, 1),
          fixed(f.p99, 1),
          String(f.non2xx),
          String(f.errors),
          target === 'app' ? fixed(s.ratio, 2) : '',
          ...(withCpu
            ? [f.cpuMsPerRequest === undefined ? 'n/a' : fixed(f.cpuMsPerRequest, 2)]
            : []),
        ]);
        if (f.non2xx > 0 || f.errors > 0) {
          notes.push(
            `!!! ${d.dialect} ${s.scenario} ${target}: ${f.non2xx} non-2xx ${codes(f)}, ${f.errors} errors — its ratio is not comparable`,
          );
        }
      }
    }
  }
  return [
    table(rows),
    '',
    'ratio = app req/s ÷ floor req/s in this run (1.00 = as fast as bare node:http doing the same database work).',
    ...(withCpu
      ? [
          "cpu ms/req = the server process's CPU time (user + system) during the run ÷ requests completed.",
        ]
      : []),
    ...explain,
    ...notes,
  ].join('\n');
}
