/**
 * The busy / error bookkeeping of one user action (a save, a submit, a confirm), kept apart from
 * React so it can be tested on its own: a second run while one is in flight is ignored (no double
 * submission from a double tap), the error of the last run is kept until the next run, and
 * nothing is written back after the component is gone.
 */
export interface ActionSink {
  setBusy: (busy: boolean) => void;
  setError: (error: unknown) => void;
  /** False once the component has unmounted. */
  alive: () => boolean;
}

export interface ActionRunner<A extends unknown[], R> {
  /** Resolves with the action's result, or `undefined` if it failed or was already running. */
  run: (...args: A) => Promise<R | undefined>;
  running: () => boolean;
}

export function createActionRunner<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  sink: ActionSink,
): ActionRunner<A, R> {
  let inFlight = false;
  return {
    running: () => inFlight,
    run: async (...args) => {
      if (inFlight) return undefined;
      inFlight = true;
      sink.setBusy(true);
      sink.setError(null);
      try {
        return await action(...args);
      } catch (error) {
        if (sink.alive()) sink.setError(error);
        return undefined;
      } finally {
        inFlight = false;
        if (sink.alive()) sink.setBusy(false);
      }
    },
  };
}

/** Where a keyed runner reports: the set of keys running now, and the last error. */
export interface KeyedActionSink {
  /** The keys whose action is in flight (a fresh set on every change). */
  setBusyKeys: (keys: ReadonlySet<string>) => void;
  setError: (error: unknown) => void;
  /** False once the component has unmounted. */
  alive: () => boolean;
}

export interface KeyedActionRunner<A extends unknown[], R> {
  /** Resolves with the action's result, or `undefined` if it failed or `key` was already running. */
  run: (key: string, ...args: A) => Promise<R | undefined>;
  running: (key: string) => boolean;
}

/**
 * The same bookkeeping for one action taken on many things (a table's rows, a list's items), each
 * under its own key (`accept:<id>`): a second run of a key in flight is ignored, other keys run
 * side by side, and only the row whose button was pressed shows busy. A new run clears the error.
 */
export function createKeyedActionRunner<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  sink: KeyedActionSink,
): KeyedActionRunner<A, R> {
  const inFlight = new Set<string>();
  const publish = () => {
    if (sink.alive()) sink.setBusyKeys(new Set(inFlight));
  };
  return {
    running: (key) => inFlight.has(key),
    run: async (key, ...args) => {
      if (inFlight.has(key)) return undefined;
      inFlight.add(key);
      publish();
      sink.setError(null);
      try {
        return await action(...args);
      } catch (error) {
        if (sink.alive()) sink.setError(error);
        return undefined;
      } finally {
        inFlight.delete(key);
        publish();
      }
    },
  };
}
