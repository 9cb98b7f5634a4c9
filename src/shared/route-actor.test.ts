import fs from 'node:fs';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { SEED_CALLER, isSystemActor, personOf, type Actor } from './actor.ts';
import { actorOf } from './route-actor.ts';

const someone: Actor = {
  accountId: 'a1',
  username: 'clerk',
  displayName: '伊庄村专管员',
  residentId: null,
  grants: [],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('X-2 a route hands its handler a typed actor', () => {
  it('gives the logged-in actor and refuses an anonymous request', () => {
    expect(actorOf({ actor: someone } as FastifyRequest)).toBe(someone);
    expect(() => actorOf({ actor: null } as FastifyRequest)).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
  });

  it('keeps the system caller apart from people', () => {
    expect(isSystemActor(SEED_CALLER)).toBe(true);
    expect(isSystemActor(someone)).toBe(false);
    expect(personOf(someone)).toBe(someone);
    expect(() => personOf(SEED_CALLER)).toThrow(/seed/);
  });

  it('no module asserts an actor with `!` or passes a null one to a service', () => {
    const request = path.resolve('src/server/types.ts'); // where the request's own field is declared
    const offenders = sourceFiles(path.resolve('src')).filter((f) => {
      if (f === request) return /request\.actor!/.test(fs.readFileSync(f, 'utf8'));
      const text = fs.readFileSync(f, 'utf8');
      return /request\.actor!/.test(text) || /actor: Actor \| null/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
