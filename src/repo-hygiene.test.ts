/**
 * No machine's paths in the project (the brief's promise): git tracks no symbolic link (a helper
 * once committed `node_modules` as a link to its own checkout), and no tracked text file names an
 * absolute path of a machine's work folders.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

describe('repository hygiene', () => {
  it('tracks no symbolic link', () => {
    const links = git('ls-files', '-s')
      .split('\n')
      .filter((line) => line.startsWith('120000 '))
      .map((line) => line.split('\t')[1]);
    expect(links).toEqual([]);
  });

  it('names no absolute path of a work folder in a tracked text file', () => {
    const files = git('ls-files')
      .split('\n')
      .filter((f) => /\.(ts|tsx|mjs|cjs|js|json|md|sh)$/.test(f));
    const offenders = files.filter((f) => {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      return /(^|[\s'"`(])\/(work|home|Users)\/[\w.-]+\//m.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
