import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendCheckpoint,
  formatCheckpoint,
  lastCheckpoint,
  parseCheckpoint,
  readCheckpoints,
} from './audit-checkpoint.ts';

const KEY = Buffer.alloc(32, 4);
const c = {
  seq: 12,
  hash: 'a'.repeat(64),
  at: '2026-03-02T01:00:00.000Z',
  legacyThrough: 3,
  chain: 'seals' as const,
};
const dirs: string[] = [];
const tmpFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-'));
  dirs.push(dir);
  return path.join(dir, 'sub', 'audit-checkpoints.log');
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('X-4 audit checkpoints', () => {
  it('a signed line reads back', () => {
    expect(parseCheckpoint(KEY, formatCheckpoint(KEY, c).trim(), 1)).toEqual({
      ok: true,
      line: 1,
      checkpoint: c,
    });
  });
  it('a line of the legacy chain (v1, before the seals) still reads back as before', () => {
    const legacy = { ...c, chain: 'legacy' as const };
    const text = formatCheckpoint(KEY, legacy).trim();
    expect(JSON.parse(text)).not.toHaveProperty('chain');
    expect(JSON.parse(text)).toMatchObject({ v: 1 });
    expect(parseCheckpoint(KEY, text, 1)).toEqual({ ok: true, line: 1, checkpoint: legacy });
    // moving a v1 line onto the seal chain breaks its signature
    const moved = text.replace('"v":1', '"v":2').replace('"sig"', '"chain":"seals","sig"');
    expect(parseCheckpoint(KEY, moved, 1).ok).toBe(false);
  });
  it('an edited line or another key does not verify', () => {
    const line = formatCheckpoint(KEY, c).trim().replace('"seq":12', '"seq":11');
    expect(parseCheckpoint(KEY, line, 2)).toEqual({ ok: false, line: 2, seq: 11 });
    expect(parseCheckpoint(Buffer.alloc(32, 5), formatCheckpoint(KEY, c).trim(), 1).ok).toBe(false);
    expect(parseCheckpoint(KEY, 'not json', 3)).toEqual({ ok: false, line: 3, seq: null });
  });
  it('appends lines, skips a torn last line and finds the newest', () => {
    const file = tmpFile();
    expect(readCheckpoints(file, KEY)).toEqual([]);
    expect(lastCheckpoint(file, KEY)).toBeNull();
    appendCheckpoint(file, KEY, c);
    appendCheckpoint(file, KEY, { ...c, seq: 20, hash: 'b'.repeat(64) });
    fs.appendFileSync(file, '{"v":1,"seq":2'); // a crash mid-write
    expect(readCheckpoints(file, KEY).map((l) => l.ok)).toEqual([true, true]);
    expect(lastCheckpoint(file, KEY)).toMatchObject({ seq: 20 });
  });
});
