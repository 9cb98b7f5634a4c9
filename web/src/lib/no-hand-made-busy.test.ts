/**
 * Issue #12 point 8: one mechanism for "this action is running" — useAction / useKeyedAction
 * (lib/use-action.ts). This test reads every web source and fails when a hand-made busy state
 * comes back: a useState named like one (busy, busyId, pending, saving, submitting …), or an
 * "…ing" state (withdrawing, sending) reset in a `finally`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The one place allowed to keep a busy flag in React state. */
const MECHANISM = path.join('lib', 'use-action.ts');

/** Names that only ever mean "something is running". */
const BUSY_NAME =
  /^(busy|pending|inFlight|loading|saving|submitting|sending|working|running)(Id|Key|Row|Item)?$/i;
/** A progressive name (withdrawing, cancelling) is busy when a `finally` puts it back. */
const ING_NAME = /ing(Id|Key|Row|Item)?$/;
const STATE = /const\s*\[\s*(\w+)\s*,\s*(set\w+)\s*\]\s*=\s*useState\b/g;
const FINALLY = /\.finally\(|\bfinally\s*\{/g;
/** How far after `finally` a reset is looked for (a short callback or block). */
const FINALLY_REACH = 240;

/** The hand-made busy states in one source file (their state names). */
export function handMadeBusyStates(source: string): string[] {
  const finallyBodies = [...source.matchAll(FINALLY)].map((m) =>
    source.slice(m.index, m.index + FINALLY_REACH),
  );
  const found: string[] = [];
  for (const [, name, setter] of source.matchAll(STATE)) {
    if (!name || !setter) continue;
    const resetInFinally = finallyBodies.some((body) => new RegExp(`\\b${setter}\\(`).test(body));
    if (BUSY_NAME.test(name) || (ING_NAME.test(name) && resetInFinally)) found.push(name);
  }
  return found;
}

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourcesUnder(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('#12 one useAction for every busy state: the detector', () => {
  it('finds busy flags and per-row busy ids by their names', () => {
    expect(
      handMadeBusyStates(`
        const [busy, setBusy] = useState(false);
        const [busyId, setBusyId] = useState<string | null>(null);
        const [pendingKey, setPendingKey] = useState<string | null>(null);
        const [submitting, setSubmitting] = useState(false);`),
    ).toEqual(['busy', 'busyId', 'pendingKey', 'submitting']);
  });

  it('finds an "…ing" state a finally puts back, in a callback or a block', () => {
    expect(
      handMadeBusyStates(`
        const [withdrawing, setWithdrawing] = useState<string | null>(null);
        const [removing, setRemoving] = useState(false);
        withdrawJoin(id).then(done).finally(() => setWithdrawing(null));
        try { await remove(); } finally { setRemoving(false); }`),
    ).toEqual(['withdrawing', 'removing']);
  });

  it('leaves alone dialog flags, other states reset in a finally, and useAction itself', () => {
    expect(
      handMadeBusyStates(`
        const [cancelling, setCancelling] = useState(false);
        const [me, setMe] = useState<Me | null>(null);
        void logout().finally(() => { setMe(null); go('/r'); });
        const save = useAction(async () => { await put(); });
        const rows = useKeyedAction(async (id: string) => { await accept(id); });`),
    ).toEqual([]);
  });
});

describe('#12 one useAction for every busy state: the web sources', () => {
  it('have no hand-made busy state outside lib/use-action.ts', () => {
    const files = sourcesUnder(WEB_SRC);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files
      .filter((file) => path.relative(WEB_SRC, file) !== MECHANISM)
      .flatMap((file) =>
        handMadeBusyStates(fs.readFileSync(file, 'utf8')).map(
          (name) => `${path.relative(WEB_SRC, file)}: ${name}`,
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('would notice the mechanism itself (the scan reads real files)', () => {
    const mechanism = fs.readFileSync(path.join(WEB_SRC, MECHANISM), 'utf8');
    expect(handMadeBusyStates(mechanism)).toContain('busy');
  });
});
