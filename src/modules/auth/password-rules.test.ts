import { describe, expect, it } from 'vitest';
import { judgePassword } from './password-rules.ts';

describe('password rules (X-2)', () => {
  it('needs at least 12 characters', async () => {
    await expect(judgePassword('Xk3#pq9Lw2z')).resolves.toBe('too_short'); // 11
    await expect(judgePassword('Xk3#pq9Lw2zR')).resolves.toBe('ok'); // 12
    await expect(judgePassword('x'.repeat(201))).resolves.toBe('too_long');
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
  ])('refuses the common or patterned password %s', async (pw) => {
    await expect(judgePassword(pw)).resolves.toBe('too_common');
  });

  it('counts the account’s own name as a known word', async () => {
    await expect(judgePassword('wangxiaoming2026')).resolves.toBe('ok');
    await expect(judgePassword('wangxiaoming2026', ['wangxiaoming'])).resolves.toBe('too_common');
  });

  it('accepts long passphrases', async () => {
    await expect(judgePassword('Doorstep-demo-2026')).resolves.toBe('ok');
    await expect(judgePassword('伊庄村的老槐树开花了')).resolves.toBe('too_short'); // 10 characters
    await expect(judgePassword('伊庄村的老槐树今年又开花了')).resolves.toBe('ok');
  });
});
