/**
 * VS-9 stars (星级志愿者): a star level from confirmed cumulative hours by a rule pack. Packs are
 * data (vs_star_packs: thresholds in hours for 1★ … 5★). Pure.
 */

export interface StarPack {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Hours for 1★ … 5★, strictly ascending. */
  thresholds: number[];
  /** Regions with this code prefix use the pack unless an assignment covers them ('' = all). */
  defaultPrefix: string | null;
}

export interface StarLevel {
  stars: number;
  hours: number;
  /** Hours needed for the next star, or null at the top. */
  nextThreshold: number | null;
  hoursToNext: number | null;
  /** 0 … 1 progress from this level's threshold to the next (1 at the top). */
  progress: number;
}

export function isValidThresholds(t: readonly number[]): boolean {
  if (t.length === 0 || t.length > 10) return false;
  return t.every((h, i) => Number.isFinite(h) && h > 0 && (i === 0 || h > t[i - 1]!));
}

/** Stars for cumulative hours: the number of thresholds reached (≥). */
export function starLevel(halfHours: number, thresholds: readonly number[]): StarLevel {
  const hours = Math.max(0, halfHours) / 2;
  let stars = 0;
  for (const t of thresholds) if (hours >= t) stars += 1;
  const next = thresholds[stars] ?? null;
  const base = stars === 0 ? 0 : thresholds[stars - 1]!;
  return {
    stars,
    hours,
    nextThreshold: next,
    hoursToNext: next === null ? null : next - hours,
    progress: next === null ? 1 : Math.min(1, Math.max(0, (hours - base) / (next - base))),
  };
}

/** Every prefix of a region code from the region itself up to its province (longest first). */
export function ancestorCodes(code: string): string[] {
  const out = [code];
  if (code.length === 15) out.push(code.slice(0, 12));
  const c = code.slice(0, 12);
  for (const keep of [9, 6, 4, 2]) out.push(c.slice(0, keep).padEnd(12, '0'));
  return [...new Set(out)];
}

/**
 * The pack a region uses: the assignment on the region or its nearest ancestor; otherwise the pack
 * whose default prefix is the longest prefix of the code; otherwise the first pack given.
 */
export function resolvePack(
  regionCode: string,
  packs: readonly StarPack[],
  assignments: ReadonlyMap<string, string>,
): { pack: StarPack; source: 'assigned' | 'default'; regionCode: string | null } {
  if (packs.length === 0) throw new Error('no star packs');
  for (const code of ancestorCodes(regionCode)) {
    const packCode = assignments.get(code);
    const pack = packCode ? packs.find((p) => p.code === packCode) : undefined;
    if (pack) return { pack, source: 'assigned', regionCode: code };
  }
  const byPrefix = packs
    .filter((p) => p.defaultPrefix !== null && regionCode.startsWith(p.defaultPrefix))
    .sort((a, b) => b.defaultPrefix!.length - a.defaultPrefix!.length);
  return { pack: byPrefix[0] ?? packs[0]!, source: 'default', regionCode: null };
}
