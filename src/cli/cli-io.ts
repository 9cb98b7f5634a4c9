import fs from 'node:fs';
import type { Writable } from 'node:stream';

/**
 * Where a CLI command reads its environment and standard input and writes its lines. The real
 * command uses the process's; tests run commands in-process with their own (test/integration/cli.test.ts).
 */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  readStdin(): string;
  /** Where progress bars draw (standard error). */
  progress: Writable;
}

export const processIo: CliIo = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: () => fs.readFileSync(0, 'utf8'),
  progress: process.stderr,
};
