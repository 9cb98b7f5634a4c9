import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, SAMPLE_PARAMS } from '../../../src/modules/notifications/kinds';
import { resources } from '../i18n/index';
import { notificationText } from './notification-text';

const CJK = /[\u4e00-\u9fff]/;

describe('the bell renders every notification kind in both languages (issue #11)', () => {
  beforeAll(async () => {
    await i18next.init({ resources, lng: 'zh-CN', interpolation: { escapeValue: false } });
  });

  it.each(NOTIFICATION_KINDS.filter((k) => k !== 'legacy'))('%s', (kind) => {
    const params = SAMPLE_PARAMS[kind] as Record<string, unknown>;
    const n = {
      kind,
      params,
      text: { subject: 'SERVER', body: 'SERVER' },
      entityType: 'x',
      entityId: 'id-1',
    };
    const zh = notificationText(i18next.getFixedT('zh-CN'), 'zh-CN', n);
    const en = notificationText(i18next.getFixedT('en'), 'en', n);
    for (const r of [zh, en]) {
      expect(r.subject).not.toBe('SERVER'); // the web has its own text for the kind
      expect(r.subject).not.toContain('firstresponse.');
      expect(`${r.subject}${r.body}`).not.toMatch(/\{\{|undefined/);
      expect(r.link).not.toBeNull(); // each kind leads somewhere
    }
    expect(zh.subject + zh.body).toMatch(CJK);
    let rest = en.subject + en.body + (en.link?.label ?? '');
    for (const v of Object.values(params)) rest = rest.split(String(v)).join('');
    expect(rest).not.toMatch(CJK);
    // A raw order number is not the text: it is a link's label at most.
    if ('orderNumber' in params) expect(zh.subject + zh.body).not.toContain(params.orderNumber);
  });

  it('an old bilingual row shows the reader’s half; an unknown kind the server’s text', () => {
    const legacy = {
      kind: 'legacy',
      params: {
        subject: '志愿队伍已接单 PD-1 / A team took order PD-1',
        body: '甲 / A',
        kind: 'x',
      },
      text: { subject: '', body: '' },
      entityType: null,
      entityId: null,
    };
    expect(notificationText(i18next.getFixedT('en'), 'en', legacy).subject).toBe(
      'A team took order PD-1',
    );
    expect(notificationText(i18next.getFixedT('zh-CN'), 'zh-CN', legacy).subject).toBe(
      '志愿队伍已接单 PD-1',
    );
    const future = { ...legacy, kind: 'from_a_newer_server', text: { subject: 'S', body: 'B' } };
    expect(notificationText(i18next.getFixedT('en'), 'en', future)).toEqual({
      subject: 'S',
      body: 'B',
      link: null,
    });
  });
});
