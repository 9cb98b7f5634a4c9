import { describe, expect, it } from 'vitest';
import {
  checkCode,
  checkInLink,
  codeFor,
  codeWindow,
  currentCode,
  STALE_WINDOWS,
} from './check-in-code.ts';

const secret = Buffer.alloc(32, 9);
const id = '6f1c1f8e-0000-4000-8000-000000000001';
const at = (s: number) => new Date(s * 1000);

describe('VS-6 rotating check-in code', () => {
  it('is six digits, stable within a window, different across windows and directions', () => {
    const a = codeFor(secret, id, 'in', 1000);
    expect(a).toMatch(/^\d{6}$/);
    expect(codeFor(secret, id, 'in', 1000)).toBe(a);
    const others = [
      codeFor(secret, id, 'in', 1001),
      codeFor(secret, id, 'out', 1000),
      codeFor(Buffer.alloc(32, 8), id, 'in', 1000),
      codeFor(secret, 'another', 'in', 1000),
    ];
    expect(others.filter((o) => o === a)).toHaveLength(0);
  });
  it('windows are floor(epoch seconds / period)', () => {
    expect(codeWindow(at(59), 30)).toBe(1);
    expect(codeWindow(at(60), 30)).toBe(2);
    expect(codeWindow(at(60), 60)).toBe(1);
  });
  it('current code says until when it is shown', () => {
    const c = currentCode(secret, id, 'in', at(65), 30);
    expect(c.window).toBe(2);
    expect(c.validUntil).toBe(at(90).toISOString());
    expect(c.code).toBe(codeFor(secret, id, 'in', 2));
  });
  it('accepts the current and the previous window', () => {
    const now = at(30 * 500 + 3);
    expect(checkCode(secret, id, 'in', codeFor(secret, id, 'in', 500), now)).toEqual({
      ok: true,
      window: 500,
    });
    expect(checkCode(secret, id, 'in', codeFor(secret, id, 'in', 499), now)).toEqual({
      ok: true,
      window: 499,
    });
  });
  it('refuses older windows as stale', () => {
    const now = at(30 * 500);
    expect(checkCode(secret, id, 'in', codeFor(secret, id, 'in', 498), now)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(
      checkCode(secret, id, 'in', codeFor(secret, id, 'in', 500 - 1 - STALE_WINDOWS), now).ok,
    ).toBe(false);
  });
  it('refuses a future window, the other direction and junk as wrong', () => {
    const now = at(30 * 500);
    const future = codeFor(secret, id, 'in', 501);
    // (a collision with a valid window is possible in principle; not for these fixed inputs)
    expect(checkCode(secret, id, 'in', future, now)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkCode(secret, id, 'in', codeFor(secret, id, 'out', 500), now).ok).toBe(false);
    for (const junk of ['', '12345', '1234567', 'abcdef', ' 12345']) {
      expect(checkCode(secret, id, 'in', junk, now)).toEqual({ ok: false, reason: 'wrong' });
    }
  });
  it('a period of 60 s keeps a code for 60 s', () => {
    const c = currentCode(secret, id, 'out', at(120), 60);
    expect(checkCode(secret, id, 'out', c.code, at(179), 60).ok).toBe(true);
    expect(checkCode(secret, id, 'out', c.code, at(239), 60).ok).toBe(true); // previous window
    expect(checkCode(secret, id, 'out', c.code, at(240), 60)).toEqual({
      ok: false,
      reason: 'stale',
    });
  });
  it('the QR link opens the check-in page with everything filled in', () => {
    expect(checkInLink('https://x.cn', id, 'in', '012345')).toBe(
      `https://x.cn/vs/check-in/${id}?direction=in&code=012345`,
    );
  });
});
