import { describe, expect, it } from 'vitest';
import { teamForest } from './team-forest';

const team = (id: string, parentId: string | null = null) => ({ id, parentId });

describe('the team tree of one page of teams (#16 p5)', () => {
  it('puts each team under its parent on the page, in page order', () => {
    const corps = team('corps');
    const a = team('a', 'corps');
    const b = team('b', 'corps');
    const sub = team('sub', 'a');
    const { roots, childrenOf } = teamForest([corps, a, sub, b]);
    expect(roots).toEqual([corps]);
    expect(childrenOf.get('corps')).toEqual([a, b]);
    expect(childrenOf.get('a')).toEqual([sub]);
    expect(childrenOf.has('b')).toBe(false);
  });

  it('makes a team whose parent is on another page a root, so nothing on the page is hidden', () => {
    const orphan = team('x', 'on-page-one');
    const child = team('y', 'x');
    const { roots, childrenOf } = teamForest([orphan, child, team('z')]);
    expect(roots.map((r) => r.id)).toEqual(['x', 'z']);
    expect(childrenOf.get('x')).toEqual([child]);
  });

  it('a team given as its own parent is a root, not lost', () => {
    expect(teamForest([team('self', 'self')]).roots.map((r) => r.id)).toEqual(['self']);
  });

  it('an empty page is an empty tree', () => {
    const { roots, childrenOf } = teamForest([]);
    expect(roots).toEqual([]);
    expect(childrenOf.size).toBe(0);
  });
});
