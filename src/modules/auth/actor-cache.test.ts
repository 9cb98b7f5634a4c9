import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/actor.ts';
import { ActorCache } from './actor-cache.ts';

const NOW = new Date('2027-03-01T02:00:00.000Z');
const LATER = '2027-03-01T14:00:00.000Z';

function actor(name: string): Actor {
  return {
    accountId: `id-${name}`,
    username: name,
    displayName: name,
    residentId: null,
    grants: [
      {
        role: 'clerk',
        regionCode: '110115110001',
        regionLevel: 'village',
        regionName: '村',
        stationId: null,
        stationName: null,
        stationKind: null,
        reachPrefix: '110115110',
      },
    ],
  };
}

function cache(ttlMs = 2000, capacity?: number) {
  let t = 1_000;
  const c = new ActorCache({ ttlMs, clock: () => t, ...(capacity ? { capacity } : {}) });
  return { c, advance: (ms: number) => (t += ms) };
}

describe('the actor cache (issue #16 point 5)', () => {
  it('answers a kept actor until its time is up, then forgets it', () => {
    const { c, advance } = cache();
    c.keep('k', c.generation(), actor('clerk'), LATER);
    expect(c.find('k', NOW)?.username).toBe('clerk');
    advance(1999);
    expect(c.find('k', NOW)?.username).toBe('clerk');
    advance(1);
    expect(c.find('k', NOW)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('never answers a session past its expiry on the request’s clock', () => {
    const { c } = cache();
    c.keep('k', c.generation(), actor('clerk'), '2027-03-01T02:00:01.000Z');
    expect(c.find('k', NOW)).toBeDefined();
    expect(c.find('k', new Date('2027-03-01T02:00:01.000Z'))).toBeUndefined();
  });

  it('invalidate empties it, and a resolution begun before it is not kept', () => {
    const { c } = cache();
    c.keep('a', c.generation(), actor('a'), LATER);
    const before = c.generation();
    c.invalidate();
    expect(c.find('a', NOW)).toBeUndefined();
    c.keep('b', before, actor('b'), LATER); // read the database before the write committed
    expect(c.find('b', NOW)).toBeUndefined();
    c.keep('b', c.generation(), actor('b'), LATER);
    expect(c.find('b', NOW)?.username).toBe('b');
  });

  it('keeps nothing when its time is 0 (DOORSTEP_ACTOR_CACHE_MS=0)', () => {
    const { c } = cache(0);
    expect(c.enabled).toBe(false);
    c.keep('k', c.generation(), actor('clerk'), LATER);
    expect(c.find('k', NOW)).toBeUndefined();
  });

  it('holds at most its capacity, dropping the longest kept', () => {
    const { c } = cache(2000, 2);
    c.keep('a', 0, actor('a'), LATER);
    c.keep('b', 0, actor('b'), LATER);
    c.keep('a', 0, actor('a'), LATER); // kept again: now the newest
    c.keep('c', 0, actor('c'), LATER);
    expect(c.size).toBe(2);
    expect(c.find('b', NOW)).toBeUndefined();
    expect(c.find('a', NOW)?.username).toBe('a');
    expect(c.find('c', NOW)?.username).toBe('c');
  });

  it('hands out an actor nobody can change in place (requests share it)', () => {
    const { c } = cache();
    c.keep('k', 0, actor('clerk'), LATER);
    const found = c.find('k', NOW)!;
    expect(() => {
      (found as { username: string }).username = 'admin';
    }).toThrow(TypeError);
    expect(() => {
      (found.grants as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      (found.grants[0] as { reachPrefix: string }).reachPrefix = '11';
    }).toThrow(TypeError);
  });
});
