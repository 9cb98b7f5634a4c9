/**
 * A region named in a cell of an import (teams' 所属区域, volunteers' 所在村（社区）): a 12-digit
 * code or a name (the committee suffix may be left off), of the levels the kind allows, inside the
 * importer's reach. A name is looked up inside the reach only, so a same-named village of another
 * town does not make it ambiguous. Pure.
 */
import type { RegionLevel } from '../../db/schema.ts';
import { scopePrefix } from '../../shared/region-code.ts';
import { villageShortName } from './resident-rows.rules.ts';

export interface RegionCellRef {
  code: string;
  name: string;
  level: string;
}

export interface RegionCellIndex {
  byCode: ReadonlyMap<string, RegionCellRef>;
  byName: ReadonlyMap<string, readonly RegionCellRef[]>;
  levels: readonly string[];
}

export type RegionCellProblem = 'missing' | 'unknown' | 'ambiguous' | 'level' | 'out_of_scope';

export function regionCellIndex(
  regions: readonly RegionCellRef[],
  levels: readonly RegionLevel[],
): RegionCellIndex {
  const byCode = new Map<string, RegionCellRef>();
  const byName = new Map<string, RegionCellRef[]>();
  for (const r of regions) {
    byCode.set(r.code, r);
    if (!(levels as readonly string[]).includes(r.level)) continue;
    for (const n of new Set([r.name, villageShortName(r.name)])) {
      const list = byName.get(n);
      if (list) list.push(r);
      else byName.set(n, [r]);
    }
  }
  return { byCode, byName, levels };
}

export function resolveRegionCell(
  raw: string,
  index: RegionCellIndex,
  reach: readonly string[],
): { ok: true; region: RegionCellRef } | { ok: false; problem: RegionCellProblem } {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: 'missing' };
  const inReach = (code: string) => reach.some((p) => code.startsWith(p));
  if (/^\d{12}(\d{3})?$/.test(text)) {
    const region = index.byCode.get(text);
    if (!region) return { ok: false, problem: 'unknown' };
    if (!index.levels.includes(region.level)) return { ok: false, problem: 'level' };
    if (!inReach(region.code)) return { ok: false, problem: 'out_of_scope' };
    return { ok: true, region };
  }
  const named = index.byName.get(text) ?? index.byName.get(villageShortName(text)) ?? [];
  const reachable = named.filter((r) => inReach(r.code));
  if (reachable.length === 1) return { ok: true, region: reachable[0]! };
  if (reachable.length > 1) return { ok: false, problem: 'ambiguous' };
  return { ok: false, problem: named.length > 0 ? 'out_of_scope' : 'unknown' };
}

/** Every code inside a region starts with this (a town: its 9 digits). */
export function regionPrefixOf(region: RegionCellRef): string {
  return scopePrefix(region.code, region.level as RegionLevel);
}
