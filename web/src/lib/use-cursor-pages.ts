import { useCallback, useState } from 'react';

/**
 * Issue #16 p5: paging a keyset list. The server answers a page and the cursor of the next one;
 * the stack keeps the cursor each page started after, so "上一页" goes back without counting
 * rows. Give the list a React `key` of its filters: a new filter starts again at page one.
 */
export function useCursorPages() {
  // starts[i] is the cursor page i + 1 starts after (undefined: the first page).
  const [starts, setStarts] = useState<(string | undefined)[]>([undefined]);
  const next = useCallback(
    (cursor: string) => setStarts((s) => (s.includes(cursor) ? s : [...s, cursor])),
    [],
  );
  const previous = useCallback(() => setStarts((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  return {
    page: starts.length,
    after: starts[starts.length - 1],
    next,
    previous,
  };
}
