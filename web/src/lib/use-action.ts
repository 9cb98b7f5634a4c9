import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createActionRunner } from './action-runner';

export interface ActionState<A extends unknown[], R> {
  /** Runs the action unless it is already running; resolves `undefined` when it failed. */
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  /** The last run's error (null while running and after a success). */
  error: unknown;
  clearError: () => void;
}

/**
 * One hook for every user action's busy flag and error (issue #12 point 8), instead of a
 * hand-made `busy` / `error` pair per page. `action` may change every render; the newest one runs.
 */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
): ActionState<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(action);
  useLayoutEffect(() => {
    latest.current = action;
  });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const runner = useMemo(
    () =>
      createActionRunner((...args: A) => latest.current(...args), {
        setBusy,
        setError,
        alive: () => mounted.current,
      }),
    [],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run: runner.run, busy, error, clearError };
}
