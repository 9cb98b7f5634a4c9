import { describe, expect, it } from 'vitest';
import { createActionRunner, type ActionSink } from './action-runner';

function sink(alive = { value: true }) {
  const log: string[] = [];
  const s: ActionSink & { log: string[] } = {
    log,
    setBusy: (b) => log.push(`busy:${b}`),
    setError: (e) => log.push(`error:${e === null ? 'null' : String((e as Error).message)}`),
    alive: () => alive.value,
  };
  return s;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAction: one busy/error mechanism for user actions (#12)', () => {
  it('sets busy while running, clears the old error, returns the result', async () => {
    const s = sink();
    const r = createActionRunner(async (n: number) => n * 2, s);
    await expect(r.run(21)).resolves.toBe(42);
    expect(s.log).toEqual(['busy:true', 'error:null', 'busy:false']);
  });

  it('keeps the error of a failed run and resolves undefined', async () => {
    const s = sink();
    const r = createActionRunner(async () => {
      throw new Error('VS_FULL');
    }, s);
    await expect(r.run()).resolves.toBeUndefined();
    expect(s.log).toEqual(['busy:true', 'error:null', 'error:VS_FULL', 'busy:false']);
  });

  it('ignores a second run while the first is in flight (a double tap submits once)', async () => {
    const s = sink();
    const d = deferred<string>();
    let calls = 0;
    const r = createActionRunner(() => {
      calls += 1;
      return d.promise;
    }, s);
    const first = r.run();
    expect(r.running()).toBe(true);
    await expect(r.run()).resolves.toBeUndefined();
    d.resolve('done');
    await expect(first).resolves.toBe('done');
    expect(calls).toBe(1);
    expect(r.running()).toBe(false);
    // and runs again once the first has finished
    await r.run();
    expect(calls).toBe(2);
  });

  it('writes nothing back after the component is gone', async () => {
    const alive = { value: true };
    const s = sink(alive);
    const d = deferred<void>();
    const r = createActionRunner(() => d.promise, s);
    const p = r.run();
    alive.value = false;
    d.reject(new Error('late'));
    await p;
    expect(s.log).toEqual(['busy:true', 'error:null']);
  });
});
