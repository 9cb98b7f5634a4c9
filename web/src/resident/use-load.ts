import { useEffect, useRef, useState } from 'react';

export interface Load<T> {
  data: T | null;
  error: unknown;
  reload: () => void;
}

/**
 * Reads once when the page opens (and again on reload); a page that closes cancels its read. The
 * latest `read` is kept in a ref, so a page may pass an inline closure without reading on every
 * render.
 */
export function useLoad<T>(read: (signal: AbortSignal) => Promise<T>): Load<T> {
  const latest = useRef(read);
  useEffect(() => {
    latest.current = read;
  });
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    latest
      .current(ctrl.signal)
      .then(setData)
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setError(e);
      });
    return () => ctrl.abort();
  }, [round]);
  return { data, error, reload: () => setRound((n) => n + 1) };
}
