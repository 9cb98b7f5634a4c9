import { describe, expect, it } from 'vitest';
import { availableAccountActions, canTransition, statusAfter } from './account.workflow.ts';

describe('X-2 account status transitions (issue #15 point 4)', () => {
  it('an active account can be disabled and its password reset; a disabled one enabled', () => {
    expect(canTransition('active', 'disable')).toBe(true);
    expect(canTransition('active', 'enable')).toBe(false);
    expect(canTransition('disabled', 'enable')).toBe(true);
    expect(canTransition('disabled', 'disable')).toBe(false);
    expect(canTransition('disabled', 'reset_password')).toBe(false);
    expect(statusAfter('active', 'disable')).toBe('disabled');
    expect(statusAfter('disabled', 'enable')).toBe('active');
    expect(statusAfter('active', 'grant')).toBe('active');
  });

  it('an account out of the administrator’s hands offers nothing', () => {
    expect(availableAccountActions('active', false)).toEqual([]);
    expect(availableAccountActions('disabled', true)).toEqual(['enable', 'grant', 'revoke']);
  });
});
