import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, SAMPLE_PARAMS } from './kinds.ts';
import { langOf, renderNotification } from './render.ts';

const CJK = /[\u4e00-\u9fff]/;

describe('X-5 X-6 notification renderer (issue #11)', () => {
  it.each(NOTIFICATION_KINDS.filter((k) => k !== 'legacy'))(
    '%s reads in Chinese and in English, with its parameters',
    (kind) => {
      const params = SAMPLE_PARAMS[kind] as Record<string, unknown>;
      const zh = renderNotification(kind, params, 'zh-CN');
      const en = renderNotification(kind, params, 'en');
      expect(zh.subject).not.toBe(kind); // a text exists
      expect(en.subject).not.toBe(kind);
      expect(zh.subject + zh.body).toMatch(CJK);
      expect(zh.subject).not.toContain(' / ');
      // English has no Chinese of its own: what remains are the parameters' values.
      let rest = en.subject + en.body;
      for (const v of Object.values(params)) rest = rest.split(String(v)).join('');
      expect(rest).not.toMatch(CJK);
      expect(`${zh.subject}${zh.body}${en.subject}${en.body}`).not.toMatch(/undefined|\[object/);
    },
  );

  it('an old bilingual row shows the half in the reader’s language', () => {
    const p = {
      subject: '办件 A 已归档 / Case A closed',
      body: '正文 / Body',
      kind: 'matter_closed',
    };
    expect(renderNotification('legacy', p, 'zh-CN')).toEqual({
      subject: '办件 A 已归档',
      body: '正文',
    });
    expect(renderNotification('legacy', p, 'en')).toEqual({
      subject: 'Case A closed',
      body: 'Body',
    });
  });

  it('picks the language from ?lang, then Accept-Language, Chinese by default', () => {
    expect(langOf('en', 'zh-CN')).toBe('en');
    expect(langOf(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(langOf(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(langOf(undefined, undefined)).toBe('zh-CN');
  });
});
