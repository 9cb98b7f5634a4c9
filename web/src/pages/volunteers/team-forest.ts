/**
 * The team tree of one page of teams (issue #16 p5): each team under its parent when the parent
 * is on the same page; a team whose parent is on another page (or that has none) is a root, so
 * no team of the page is ever hidden. Page order is kept among roots and among siblings.
 */
export interface TreeTeam {
  id: string;
  parentId: string | null;
}

export function teamForest<T extends TreeTeam>(teams: readonly T[]) {
  const ids = new Set(teams.map((x) => x.id));
  const childrenOf = new Map<string, T[]>();
  const roots: T[] = [];
  for (const x of teams) {
    if (x.parentId !== null && x.parentId !== x.id && ids.has(x.parentId)) {
      const siblings = childrenOf.get(x.parentId);
      if (siblings) siblings.push(x);
      else childrenOf.set(x.parentId, [x]);
    } else roots.push(x);
  }
  return { roots, childrenOf };
}
