import { describe, expect, it } from 'vitest';
import { judgePassword } from './password-rules.ts';

describe('password rules (X-2)', () => {
  it('needs at least 12 characters', () => {
    expect(judgePassword('Xk3#pq9Lw2z')).toBe('too_short'); // 11
    expect(judgePassword('Xk3#pq9Lw2zR')).toBe('ok'); // 12
    expect(judgePassword('x'.repeat(201))).toBe('too_long');
  });

  it.each([
    'password1234',
    'Password1234!',
    'qwertyuiop12',
    '123456789012',
    'iloveyou1234',
    '1qaz2wsx3edc',
    'abcdefghijkl',
    'aaaaaaaaaaaa',
  ])('refuses the common or patterned password %s', (pw) => {
    expect(judgePassword(pw)).toBe('too_common');
  });

  it('counts the account’s own name as a known word', () => {
    expect(judgePassword('wangxiaoming2026')).toBe('ok');
    expect(judgePassword('wangxiaoming2026', ['wangxiaoming'])).toBe('too_common');
  });

  it('accepts long passphrases', () => {
    expect(judgePassword('Doorstep-demo-2026')).toBe('ok');
    expect(judgePassword('伊庄村的老槐树开花了')).toBe('too_short'); // 10 characters
    expect(judgePassword('伊庄村的老槐树今年又开花了')).toBe('ok');
  });
});
