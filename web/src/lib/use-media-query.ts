import { useCallback, useSyncExternalStore } from 'react';

/** True while the media query matches; correct on the first render (no layout flash). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** The breakpoint between the phone layout (bottom tabs) and the desktop one (side menu). */
export const useIsWide = () => useMediaQuery('(min-width: 768px)');
