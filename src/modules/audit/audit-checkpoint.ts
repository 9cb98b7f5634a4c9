import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Signed checkpoints of the audit chain, kept OUTSIDE the database (issue #10 point 16): an
 * append-only file of JSON lines `{ v, seq, hash, at, legacyThrough, sig }`, `sig` being
 * HMAC-SHA256 with the checkpoint key over the other fields. Someone who rewrites the database
 * (cuts the tail and rewinds the head, or re-chains after an edit) cannot make it agree with
 * checkpoints written before, nor sign new ones without the key.
 *
 * Since migration 0048 (issue #16 point 3) a line signs the head of the SEAL chain (`v: 2`,
 * `chain: "seals"`): every sealed shard-day is covered through its seal. Lines written before
 * (`v: 1`) signed the global chain, which is now the legacy chain, and are still checked against it.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  /** Last seq of the unkeyed legacy prefix when the checkpoint was written. */
  legacyThrough: number;
  /** What `seq`/`hash` are the head of: the legacy global chain (v1 lines) or the seal chain. */
  chain: 'legacy' | 'seals';
}

export type CheckpointLine =
  | { ok: true; line: number; checkpoint: Checkpoint }
  | { ok: false; line: number; seq: number | null };

function signature(key: Buffer, c: Checkpoint): string {
  const text =
    c.chain === 'legacy'
      ? JSON.stringify([1, c.seq, c.hash, c.at, c.legacyThrough])
      : JSON.stringify([2, c.seq, c.hash, c.at, c.legacyThrough, c.chain]);
  return crypto.createHmac('sha256', key).update(text).digest('hex');
}

export function formatCheckpoint(key: Buffer, c: Checkpoint): string {
  const { chain, ...rest } = c;
  const line =
    chain === 'legacy'
      ? { v: 1, ...rest, sig: signature(key, c) }
      : { v: 2, ...rest, chain, sig: signature(key, c) };
  return `${JSON.stringify(line)}\n`;
}

/** Parses one line; a wrong signature or shape is reported, never trusted. */
export function parseCheckpoint(key: Buffer, text: string, line: number): CheckpointLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, line, seq: null };
  }
  const r = raw as Partial<
    Record<'v' | 'seq' | 'hash' | 'at' | 'legacyThrough' | 'chain' | 'sig', unknown>
  >;
  const seq = typeof r.seq === 'number' && Number.isSafeInteger(r.seq) ? r.seq : null;
  const chain = r.v === 1 ? 'legacy' : r.v === 2 && r.chain === 'seals' ? 'seals' : null;
  if (
    chain === null ||
    seq === null ||
    typeof r.hash !== 'string' ||
    typeof r.at !== 'string' ||
    typeof r.legacyThrough !== 'number' ||
    typeof r.sig !== 'string'
  )
    return { ok: false, line, seq };
  const checkpoint: Checkpoint = {
    seq,
    hash: r.hash,
    at: r.at,
    legacyThrough: r.legacyThrough,
    chain,
  };
  const expected = Buffer.from(signature(key, checkpoint), 'hex');
  const given = Buffer.from(r.sig, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { ok: false, line, seq };
  return { ok: true, line, checkpoint };
}

/**
 * Every line of the file (none if it does not exist). A last line without its newline is a write
 * torn by a crash and is skipped.
 */
export function readCheckpoints(file: string, key: Buffer): CheckpointLine[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a torn line
  return lines
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.trim() !== '')
    .map(({ l, i }) => parseCheckpoint(key, l, i + 1));
}

/** The newest valid checkpoint, reading only the end of the file. */
export function lastCheckpoint(file: string, key: Buffer): Checkpoint | null {
  if (!fs.existsSync(file)) return null;
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 8192);
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, size - length);
    const lines = buf.toString('utf8').split('\n');
    lines.pop();
    for (let i = lines.length - 1; i >= 0; i--) {
      const parsed = parseCheckpoint(key, lines[i]!, 0);
      if (parsed.ok) return parsed.checkpoint;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Appends one signed line (O_APPEND: lines from several writers never interleave). */
export function appendCheckpoint(file: string, key: Buffer, c: Checkpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, formatCheckpoint(key, c), { mode: 0o600 });
}
