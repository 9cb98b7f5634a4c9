import { describe, expect, it } from 'vitest';
import { pickLocale } from '../shared/problem.ts';
import type { IncomingMessage } from 'node:http';
import { requestIdFor, scrubIdNumbers } from './logging.ts';

describe('X-3 log scrubbing and locale', () => {
  it('masks anything shaped like an ID number', () => {
    expect(scrubIdNumbers('/x?id=11010519491231002X&y=1')).toBe('/x?id=110105********002X&y=1');
    expect(scrubIdNumbers('no numbers here 12345')).toBe('no numbers here 12345');
  });
  it('decodes URL-encoded queries before scrubbing, and masks mobiles too', () => {
    const url = '/api/v1/residents?q=%E7%A8%8B%20110115194803120019&x=1';
    const out = scrubIdNumbers(url);
    expect(out).not.toContain('194803120');
    expect(out).toContain('110115********0019');
    expect(scrubIdNumbers('/x?phone=138%200013%208000')).toBe('/x?phone=138****8000');
    expect(scrubIdNumbers('/x?phone=%2B86+13800138000')).toBe('/x?phone=138****8000');
    expect(
      scrubIdNumbers(
        '/x?q=%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%90%EF%BC%90%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%90%EF%BC%90%EF%BC%90',
      ),
    ).toBe('/x?q=138****8000');
    expect(scrubIdNumbers('/x?bad=%E0%A4%A')).toBe('/x?bad=%E0%A4%A');
  });
  it('hides the tracking code of a /track URL, like a password', () => {
    expect(scrubIdNumbers('/api/v1/track?number=20261204-00001&code=31415926')).toBe(
      '/api/v1/track?number=20261204-00001&code=****',
    );
    expect(scrubIdNumbers('/api/v1/catalog/items?code=DX-SB-001')).toBe(
      '/api/v1/catalog/items?code=DX-SB-001',
    );
  });

  it('takes a client request id only when it matches a strict pattern', () => {
    const req = (id: string | undefined) =>
      ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as unknown as IncomingMessage;
    expect(requestIdFor(req('abc-123_4.5'))).toBe('abc-123_4.5');
    for (const bad of [
      undefined,
      'short',
      'x'.repeat(65),
      'evil\nforged line',
      '110115194803120019',
      '<script>',
    ])
      expect(requestIdFor(req(bad))).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('picks zh-CN by default and en when asked', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
  });
});
