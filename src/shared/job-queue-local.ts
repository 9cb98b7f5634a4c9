/**
 * Issue #15 point 5: the portable job queue for SQLite (one node): jobs wait in memory on a timer
 * and run on this process. Not durable by itself — what a crash loses, the work's own table and
 * its sweep still hold (the outbox sweep sends a message whose wake-up was lost).
 */
import crypto from 'node:crypto';
import type { JobHandler, JobOptions, JobQueue } from './job-queue.ts';

export function localJobQueue(opts: { onError: (err: unknown) => void }): JobQueue {
  const handlers = new Map<string, JobHandler<object>>();
  const waiting = new Map<string, NodeJS.Timeout>(); // `${name}\0${singletonKey}` → timer
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  // Due jobs run one after another (like one pg-boss worker), not all at once.
  const ready: { name: string; data: object }[] = [];
  let draining: Promise<void> | null = null;
  const drain = async () => {
    for (let job = ready.shift(); job && !stopped; job = ready.shift()) {
      const handler = handlers.get(job.name);
      if (handler) await handler(job.data).catch(opts.onError);
    }
    draining = null;
  };
  const run = (name: string, data: object) => {
    if (stopped) return;
    ready.push({ name, data });
    draining ??= drain();
  };

  return {
    kind: 'local',
    send(name, data, options: JobOptions = {}) {
      if (stopped) return Promise.reject(new Error('job queue stopped'));
      const key = options.singletonKey === undefined ? null : `${name}\0${options.singletonKey}`;
      if (key && waiting.has(key)) return Promise.resolve(null);
      const id = crypto.randomUUID();
      const delay = Math.max(0, (options.startAfter?.getTime() ?? 0) - Date.now());
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (key) waiting.delete(key);
        run(name, data);
      }, delay);
      timer.unref();
      timers.add(timer);
      if (key) waiting.set(key, timer);
      return Promise.resolve(id);
    },
    work(name, handler) {
      handlers.set(name, handler as JobHandler<object>);
      return Promise.resolve();
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      waiting.clear();
      ready.length = 0;
      await draining;
    },
  };
}
