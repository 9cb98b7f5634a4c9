/**
 * CP-1: renaming a 小区 in the community's list. The list is replaced whole, so a rename is said
 * beside it (`from` → `to`); the children registered in `from` and the class catchments naming it
 * then follow, and nobody falls out of a class because a name was corrected. Pure.
 */

export interface Rename {
  from: string;
  to: string;
}

/**
 * Whether the renames fit the change from `before` to `after`: each `from` was listed and is no
 * longer, each `to` is listed now, and no name is renamed twice or into twice.
 */
export function renamesFit(before: string[], after: string[], renames: Rename[]): boolean {
  const froms = new Set(renames.map((r) => r.from));
  const tos = new Set(renames.map((r) => r.to));
  if (froms.size !== renames.length || tos.size !== renames.length) return false;
  return renames.every(
    (r) =>
      r.from !== r.to && before.includes(r.from) && !after.includes(r.from) && after.includes(r.to),
  );
}

/** A catchment list with the renamed names replaced (order kept, no name twice); null: unchanged. */
export function renamedCatchment(names: string[], renames: Rename[]): string[] | null {
  const to = new Map(renames.map((r) => [r.from, r.to]));
  if (!names.some((n) => to.has(n))) return null;
  return [...new Set(names.map((n) => to.get(n) ?? n))];
}
