import { describe, expect, it } from 'vitest';
import { createIdempotencyKeeper, randomUuid } from './idempotency';

describe('idempotency keys', () => {
  it('reuses the key for a retry of the same body and renews it for a changed body', () => {
    let n = 0;
    const keeper = createIdempotencyKeeper(() => `k${++n}`);
    expect(keeper.keyFor({ a: 1 })).toBe('k1');
    expect(keeper.keyFor({ a: 1 })).toBe('k1');
    expect(keeper.keyFor({ a: 2 })).toBe('k2');
    keeper.reset();
    expect(keeper.keyFor({ a: 2 })).toBe('k3');
  });

  it('makes v4 UUIDs', () => {
    expect(randomUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
