import { describe, expect, it } from 'vitest';
import {
  checkCode,
  checkInLink,
  checkScannedCode,
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

describe('#11 a check-in queued during a network cut (checkScannedCode)', () => {
  const shownAt = new Date('2026-07-01T01:00:10.000Z');
  const code = currentCode(secret, id, 'in', shownAt).code;

  it('an ordinary online check-in is judged at now, whatever the phone claims within 90 s', () => {
    const r = checkScannedCode(
      secret,
      id,
      'in',
      code,
      shownAt,
      new Date(shownAt.getTime() - 60_000),
    );
    expect(r).toMatchObject({ ok: true, offline: false, at: shownAt });
  });

  it('sent two hours later, the code is judged at the claimed moment and recorded then', () => {
    const now = new Date(shownAt.getTime() + 2 * 3_600_000);
    expect(checkScannedCode(secret, id, 'in', code, now, undefined)).toEqual({
      ok: false,
      reason: 'wrong',
    }); // without the claim: a code from two hours ago is no code at all
    const r = checkScannedCode(secret, id, 'in', code, now, shownAt);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.offline).toBe(true);
    // Recorded at the middle of the code's window (server time), within 30 s of when it was shown.
    expect(Math.abs(r.at.getTime() - shownAt.getTime())).toBeLessThanOrEqual(30_000);
  });

  it('a phone clock two minutes off still finds the window; a made-up code does not', () => {
    const now = new Date(shownAt.getTime() + 3_600_000);
    const skewed = new Date(shownAt.getTime() + 110_000);
    expect(checkScannedCode(secret, id, 'in', code, now, skewed).ok).toBe(true);
    const wrong = code === '000000' ? '000001' : '000000';
    expect(checkScannedCode(secret, id, 'in', wrong, now, shownAt)).toEqual({
      ok: false,
      reason: 'wrong',
    });
    expect(checkScannedCode(secret, id, 'out', code, now, shownAt).ok).toBe(
      codeFor(secret, id, 'out', codeWindow(shownAt)) === code,
    );
  });

  it('claims older than 12 hours or from the future are refused', () => {
    const late = new Date(shownAt.getTime() + 13 * 3_600_000);
    expect(checkScannedCode(secret, id, 'in', code, late, shownAt)).toEqual({
      ok: false,
      reason: 'too_old',
    });
    const future = new Date(shownAt.getTime() + 10 * 60_000);
    expect(checkScannedCode(secret, id, 'in', code, shownAt, future)).toEqual({
      ok: false,
      reason: 'future',
    });
  });
});
