import { describe, expect, it } from 'vitest';
import { localJobQueue } from './job-queue-local.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the in-process job queue (SQLite fallback, issue #15 point 5)', () => {
  it('runs jobs one after another; a waiting singleton key is queued once', async () => {
    const q = localJobQueue({ onError: (e) => expect.fail(String(e)) });
    const ran: string[] = [];
    let running = 0;
    await q.work<{ id: string }>('j', async ({ id }) => {
      running++;
      expect(running).toBe(1);
      await tick();
      ran.push(id);
      running--;
    });
    expect(await q.send('j', { id: 'a' }, { singletonKey: 'a' })).toBeTruthy();
    expect(await q.send('j', { id: 'a' }, { singletonKey: 'a' })).toBeNull();
    await q.send('j', { id: 'b' });
    await q.send('j', { id: 'c' }, { startAfter: new Date(Date.now() + 60_000) });
    while (ran.length < 2) await tick();
    expect(ran).toEqual(['a', 'b']);
    await q.stop(); // the delayed job never runs
    await expect(q.send('j', { id: 'd' })).rejects.toThrow('stopped');
    expect(ran).toEqual(['a', 'b']);
  });

  it('a failing handler is reported, the next job still runs', async () => {
    const errors: unknown[] = [];
    const q = localJobQueue({ onError: (e) => errors.push(e) });
    const ran: string[] = [];
    await q.work<{ id: string }>('j', async ({ id }) => {
      if (id === 'bad') throw new Error('boom');
      ran.push(id);
    });
    await q.send('j', { id: 'bad' });
    await q.send('j', { id: 'ok' });
    while (ran.length < 1) await tick();
    expect([errors.length, ran]).toEqual([1, ['ok']]);
    await q.stop();
  });
});
