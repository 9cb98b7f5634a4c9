/**
 * GS-10: a day's home visits batched into routes, one per village (a station's clerk or agent walks
 * one village at a time). Pure. Stops are ordered by request time (first asked, first visited),
 * stops already on the route keep their places and new ones follow; a manual order replaces it.
 */

export interface BatchCandidate {
  id: string;
  villageCode: string;
  requestedAt: string;
}

export interface VillageBatch {
  villageCode: string;
  /** Visit ids in stop order. */
  visitIds: string[];
}

/** Groups visits by village (villages in code order), each by request time then id. */
export function batchByVillage(visits: readonly BatchCandidate[]): VillageBatch[] {
  const byVillage = new Map<string, BatchCandidate[]>();
  for (const v of visits) {
    const list = byVillage.get(v.villageCode) ?? [];
    list.push(v);
    byVillage.set(v.villageCode, list);
  }
  return [...byVillage.keys()].sort().map((villageCode) => ({
    villageCode,
    visitIds: byVillage
      .get(villageCode)!
      .slice()
      .sort((a, b) =>
        a.requestedAt === b.requestedAt
          ? a.id.localeCompare(b.id)
          : a.requestedAt.localeCompare(b.requestedAt),
      )
      .map((v) => v.id),
  }));
}

/** Stop numbers (1-based) for visits appended after a route's current last stop. */
export function appendStops(
  lastStop: number,
  visitIds: readonly string[],
): { id: string; stop: number }[] {
  return visitIds.map((id, i) => ({ id, stop: lastStop + i + 1 }));
}

/**
 * A manual order must name every stop of the route exactly once; returns the reason it does not,
 * or null when it does.
 */
export function manualOrderProblem(
  current: readonly string[],
  proposed: readonly string[],
): 'duplicate' | 'missing' | 'unknown' | null {
  if (new Set(proposed).size !== proposed.length) return 'duplicate';
  const known = new Set(current);
  if (proposed.some((id) => !known.has(id))) return 'unknown';
  if (proposed.length !== current.length) return 'missing';
  return null;
}
