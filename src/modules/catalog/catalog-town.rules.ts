/**
 * Issue #15 point 9: a catalog per town ("47+N"), pure rules. The shared items (town null: the
 * deployment's 47 and its extras) are filed everywhere; a town's own items (its "+N") carry the
 * town's region code and are filed only at a station serving that town — a station inside the town
 * or a centre of the district (or city) above it. 通办 is "any station of a town handles any item of
 * the town's 47+N". GS-2 still holds: a town item is one definition for every station that files it.
 */
import { isRegionCode, LEVEL_ORDER, levelOfCode, scopePrefix } from '../../shared/region-code.ts';
import type { Role } from '../../shared/roles.ts';

/** Who changes the shared list: an administrator covering every station (issue #10 point 9). */
export const SHARED_CATALOG_WRITERS = ['admin'] as const satisfies readonly Role[];
/** Who changes a town's own items: an administrator or town officer whose scope covers the town. */
export const TOWN_CATALOG_WRITERS = ['admin', 'town_officer'] as const satisfies readonly Role[];

/** A town's code (12 digits ending in 000 below the town digits): what a town item carries. */
export function isTownCode(code: string): boolean {
  return isRegionCode(code) && levelOfCode(code) === 'town';
}

/** The prefix of a code's town (a town or anything above it: its own prefix). */
export function townPrefixOf(code: string): string {
  const level = levelOfCode(code);
  if (level === null) return code;
  return LEVEL_ORDER.indexOf(level) <= LEVEL_ORDER.indexOf('town')
    ? scopePrefix(code, level)
    : scopePrefix(code, 'town');
}

/** A station inside the home's town (or inside the home region, when that is a town or above),
 * or a centre of a district, city or province the home lies in. */
export function stationServesTown(stationRegion: string, home: string): boolean {
  if (stationRegion.startsWith(townPrefixOf(home))) return true;
  const level = levelOfCode(stationRegion);
  return (
    level !== null &&
    LEVEL_ORDER.indexOf(level) < LEVEL_ORDER.indexOf('town') &&
    home.startsWith(scopePrefix(stationRegion, level))
  );
}

/** Whether a station (by its region code) may file an item of this town (null: a shared item). */
export function stationFilesItem(stationRegion: string, itemTown: string | null): boolean {
  return itemTown === null || stationServesTown(stationRegion, itemTown);
}

/**
 * The town items a set of regions sees besides the shared ones: those whose town code starts with
 * one of these prefixes. A village or town (a station's, a resident's home) sees its town's; a
 * district or city sees every town inside it. Deduplicated, wider prefixes absorb narrower ones.
 */
export function visibleTownPrefixes(regionCodes: readonly string[]): string[] {
  const prefixes = [...new Set(regionCodes.filter(isRegionCode).map(townPrefixOf))].sort(
    (a, b) => a.length - b.length,
  );
  const kept: string[] = [];
  for (const p of prefixes) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

export type ImportRowDecision =
  | { kind: 'create' }
  | { kind: 'version' }
  | { kind: 'unchanged' }
  | {
      kind: 'refused';
      reason: 'shared_item' | 'other_town' | 'town_item';
      ownerTown: string | null;
    };

/**
 * One row of a catalog import written into `target` (a town's code, or null for the shared list),
 * given the stored item with that code (undefined: none yet) and whether the definitions are equal.
 * A town's 实施清单 carries the shared items too: re-importing them unchanged is fine, changing them
 * is for the shared list's writers; an item never moves between towns or into or out of the shared
 * list.
 */
export function decideImportRow(
  target: string | null,
  existing: { town: string | null } | undefined,
  same: boolean,
): ImportRowDecision {
  if (!existing) return { kind: 'create' };
  if (same) return { kind: 'unchanged' };
  if (existing.town === target) return { kind: 'version' };
  if (existing.town === null) return { kind: 'refused', reason: 'shared_item', ownerTown: null };
  return {
    kind: 'refused',
    reason: target === null ? 'town_item' : 'other_town',
    ownerTown: existing.town,
  };
}

/** The message of a refused import row (the import lists it beside the sheet and row). */
export function importRefusalMessage(
  d: Extract<ImportRowDecision, { kind: 'refused' }>,
  code: string,
): string {
  switch (d.reason) {
    case 'shared_item':
      return `${code} is a shared item (the 47); change it in the shared catalog, not a town's list`;
    case 'other_town':
      return `${code} belongs to town ${d.ownerTown}; import it with that town`;
    case 'town_item':
      return `${code} is town ${d.ownerTown}'s own item; import it with town=${d.ownerTown}`;
  }
}
