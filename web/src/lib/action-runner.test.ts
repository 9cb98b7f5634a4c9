import { describe, expect, it } from 'vitest';
import {
  createActionRunner,
  createKeyedActionRunner,
  type ActionSink,
  type KeyedActionSink,
} from './action-runner';

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

function keyedSink(alive = { value: true }) {
  const log: string[] = [];
  const s: KeyedActionSink & { log: string[] } = {
    log,
    setBusyKeys: (keys) => log.push(`busy:[${[...keys].join(',')}]`),
    setError: (e) => log.push(`error:${e === null ? 'null' : String((e as Error).message)}`),
    alive: () => alive.value,
  };
  return s;
}

describe('useKeyedAction: one busy row at a time per key, instead of hand-made busyId states (#12)', () => {
  it('marks only the running key busy and returns the result', async () => {
    const s = keyedSink();
    const r = createKeyedActionRunner(async (n: number) => n + 1, s);
    await expect(r.run('accept:a', 1)).resolves.toBe(2);
    expect(s.log).toEqual(['busy:[accept:a]', 'error:null', 'busy:[]']);
  });

  it('ignores a second run of a key in flight, but runs other keys side by side', async () => {
    const s = keyedSink();
    const gates = new Map<string, ReturnType<typeof deferred<string>>>();
    const calls: string[] = [];
    const r = createKeyedActionRunner((id: string) => {
      calls.push(id);
      const d = deferred<string>();
      gates.set(id, d);
      return d.promise;
    }, s);
    const a = r.run('row:a', 'a');
    const b = r.run('row:b', 'b');
    await expect(r.run('row:a', 'a')).resolves.toBeUndefined();
    expect(calls).toEqual(['a', 'b']);
    expect([r.running('row:a'), r.running('row:b'), r.running('row:c')]).toEqual([
      true,
      true,
      false,
    ]);
    gates.get('b')!.resolve('B');
    await expect(b).resolves.toBe('B');
    expect(r.running('row:a')).toBe(true);
    expect(s.log.at(-1)).toBe('busy:[row:a]');
    gates.get('a')!.resolve('A');
    await expect(a).resolves.toBe('A');
    expect(s.log.at(-1)).toBe('busy:[]');
    // the key is free again
    void r.run('row:a', 'a');
    expect(calls).toEqual(['a', 'b', 'a']);
  });

  it('keeps the error of a failed run and frees its key', async () => {
    const s = keyedSink();
    const r = createKeyedActionRunner(async (_id: string) => {
      throw new Error('VS_ORDER_TAKEN');
    }, s);
    await expect(r.run('grab:1', '1')).resolves.toBeUndefined();
    expect(s.log).toEqual(['busy:[grab:1]', 'error:null', 'error:VS_ORDER_TAKEN', 'busy:[]']);
    expect(r.running('grab:1')).toBe(false);
  });

  it('writes nothing back after the component is gone', async () => {
    const alive = { value: true };
    const s = keyedSink(alive);
    const d = deferred<void>();
    const r = createKeyedActionRunner(() => d.promise, s);
    const p = r.run('k');
    alive.value = false;
    d.reject(new Error('late'));
    await p;
    expect(s.log).toEqual(['busy:[k]', 'error:null']);
  });
});
