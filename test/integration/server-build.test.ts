/**
 * Issue #10 point 17: the server runs compiled to plain JavaScript (dist/server), with no
 * TypeScript loader in the server or its PDF workers, and with the same V8 flag whether it is
 * started by `npm start` or by the `doorstep` command.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { buildServer, SERVER_ENTRY } from '../../scripts/build-server.mjs';

const run = promisify(execFile);
const WORKER = path.join(path.dirname(SERVER_ENTRY as string), 'pdf.worker.mjs');

describe('the compiled server', { timeout: 60_000 }, () => {
  it('builds the CLI and the PDF worker without a TypeScript loader', async () => {
    await (buildServer as () => Promise<void>)();
    for (const file of [SERVER_ENTRY as string, WORKER]) {
      const code = fs.readFileSync(file, 'utf8');
      expect(code).not.toMatch(/from ["']tsx/);
      expect(code).not.toMatch(/\.ts["']\)/);
    }
    const help = await run(process.execPath, [SERVER_ENTRY as string, '--help']);
    expect(help.stdout).toContain('doorstep');
    // The worker loads in a bare Node (no --import tsx) and exports the renderer piscina calls.
    const probe = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(new URL(`file://${WORKER}`).href)}); console.log(typeof m.default);`,
    ]);
    expect(probe.stdout.trim()).toBe('function');
  });

  it('`npm start` and the doorstep command start Node with the same flags', () => {
    const shebang = fs.readFileSync('bin/doorstep.mjs', 'utf8').split('\n')[0]!;
    const flags = shebang.split(/\s+/).filter((w) => w.startsWith('--'));
    expect(flags).toEqual(['--max-semi-space-size=4', '--expose-gc']);
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`node ${flags.join(' ')} scripts/start.mjs`);
  });
});
