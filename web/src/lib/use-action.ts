import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createActionRunner, createKeyedActionRunner } from './action-runner';

export interface ActionState<A extends unknown[], R> {
  /** Runs the action unless it is already running; resolves `undefined` when it failed. */
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  /** The last run's error (null while running and after a success). */
  error: unknown;
  clearError: () => void;
}

/** The newest `action` of every render, for a runner made once. */
function useLatest<T>(value: T) {
  const latest = useRef(value);
  useLayoutEffect(() => {
    latest.current = value;
  });
  return latest;
}

/** False once the component has unmounted: nothing is written back after that. */
function useAlive() {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
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
  const latest = useLatest(action);
  const mounted = useAlive();
  const runner = useMemo(
    () =>
      createActionRunner((...args: A) => latest.current(...args), {
        setBusy,
        setError,
        alive: () => mounted.current,
      }),
    [latest, mounted],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run: runner.run, busy, error, clearError };
}

export interface KeyedActionState<A extends unknown[], R> {
  /** Runs the action under `key` unless that key is already running. */
  run: (key: string, ...args: A) => Promise<R | undefined>;
  /** Whether the action is running under `key` (the row whose button spins). */
  isBusy: (key: string) => boolean;
  /** Whether it is running under any key. */
  busy: boolean;
  /** The last failed run's error (null while a run starts and after a success). */
  error: unknown;
  clearError: () => void;
}

/**
 * useAction for one action taken on many things, each under its own key (a table's rows: the
 * hand-made `busyId` states of issue #12). Only the row in flight shows busy.
 */
export function useKeyedAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
): KeyedActionState<A, R> {
  const [keys, setBusyKeys] = useState<ReadonlySet<string>>(() => new Set());
  const [error, setError] = useState<unknown>(null);
  const latest = useLatest(action);
  const mounted = useAlive();
  const runner = useMemo(
    () =>
      createKeyedActionRunner((...args: A) => latest.current(...args), {
        setBusyKeys,
        setError,
        alive: () => mounted.current,
      }),
    [latest, mounted],
  );
  const isBusy = useCallback((key: string) => keys.has(key), [keys]);
  const clearError = useCallback(() => setError(null), []);
  return { run: runner.run, isBusy, busy: keys.size > 0, error, clearError };
}
