/** What the catalog pages pass each other in history state (react-router `state`). */
export interface CatalogNavState {
  /** The list's query string, so "Back to the catalog" returns to the same search. */
  listSearch?: string;
  /** Set by the editor after a save: which version the item page now shows. */
  saved?: { version: number; outcome: 'created' | 'versioned' | 'unchanged' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function readNavState(state: unknown): CatalogNavState {
  if (!isRecord(state)) return {};
  const out: CatalogNavState = {};
  if (typeof state.listSearch === 'string') out.listSearch = state.listSearch;
  const saved = state.saved;
  if (
    isRecord(saved) &&
    typeof saved.version === 'number' &&
    (saved.outcome === 'created' || saved.outcome === 'versioned' || saved.outcome === 'unchanged')
  )
    out.saved = { version: saved.version, outcome: saved.outcome };
  return out;
}
