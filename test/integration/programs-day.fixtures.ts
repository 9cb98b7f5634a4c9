/** Fixtures of the CP-3/CP-4 program-day tests: a season covering the test clock, guardian calls. */
import type { TestApp } from '../helpers/test-app.ts';
import type { BulkGuardian } from './programs.fixtures.ts';

/** A season around the test clock (START is Monday 2026-03-02). */
export const MARCH = { seasonStartsOn: '2026-03-02', seasonEndsOn: '2026-03-31' };

/** A request as a bulk guardian (Bearer token). */
export function asGuardian(
  t: TestApp,
  who: BulkGuardian,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
) {
  return t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${who.token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}
