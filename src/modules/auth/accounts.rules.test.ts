import { describe, expect, it } from 'vitest';
import {
  accountWithinReach,
  manageRefusal,
  oneTimePassword,
  revokeRefusal,
} from './accounts.rules.ts';

describe('X-2 an administrator manages accounts inside their own scope (issue #15 point 4)', () => {
  const town = ['110115110'];
  it('every grant must lie inside the reach', () => {
    expect(accountWithinReach(town, ['110115110207'])).toBe(true);
    expect(accountWithinReach(town, ['110115110207', '110115110222'])).toBe(true);
    expect(accountWithinReach(town, ['110115110207', '110115103201'])).toBe(false);
    expect(accountWithinReach(town, ['110115'])).toBe(false);
    expect(accountWithinReach(town, [])).toBe(false);
  });

  it('never oneself; never outside the reach', () => {
    const base = { accountId: 'b', reach: town, grantRegionCodes: ['110115110207'] };
    expect(manageRefusal({ ...base, actorAccountId: 'a' })).toBeNull();
    expect(manageRefusal({ ...base, actorAccountId: 'b' })).toBe('ACCOUNT_SELF_CHANGE');
    expect(
      manageRefusal({ ...base, actorAccountId: 'a', grantRegionCodes: ['110115000000'] }),
    ).toBe('ACCOUNT_OUT_OF_SCOPE');
  });

  it('the last grant stays', () => {
    expect(revokeRefusal({ grantCount: 1 })).toBe('ACCOUNT_LAST_GRANT');
    expect(revokeRefusal({ grantCount: 2 })).toBeNull();
  });

  it('a one-time password: 4 × 4 unambiguous characters, different each time', () => {
    const a = oneTimePassword();
    expect(a).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){3}$/);
    expect(oneTimePassword()).not.toBe(a);
    // A source of only rejected bytes is asked again, never looped forever on one buffer.
    let calls = 0;
    const pw = oneTimePassword((n) => Buffer.alloc(n, calls++ === 0 ? 255 : 0));
    expect(pw).toBe('AAAA-AAAA-AAAA-AAAA');
  });
});
