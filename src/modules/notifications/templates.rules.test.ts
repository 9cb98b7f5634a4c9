import { describe, expect, it } from 'vitest';
import {
  aliyunRequest,
  bodyVars,
  charCount,
  checkSignature,
  checkVar,
  checkWechatValue,
  fitVar,
  MAX_VAR_CHARS,
  signName,
  smsFullText,
  smsSegments,
  TEMPLATES,
  tencentBody,
  tencentParams,
  tencentRequest,
  validateSms,
  validateWechat,
  wechatData,
  wechatKeyType,
  type TemplateKey,
} from './templates.rules.ts';

const SIG = '【家门口】';

/** Sample values for every template (kept valid for SMS and WeChat). */
const SAMPLES: { [K in TemplateKey]: Record<keyof (typeof TEMPLATES)[K]['vars'], string> } = {
  login_code: { code: '123456', minutes: '5' },
  rating_invite: { number: '20260302-00001', url: 'https://doorstep.example/r/rate/abc' },
  appt_reminder: { station: '伊庄村便民服务站', date: '2026-03-03', time: '09:00' },
  home_visit_scheduled: {
    station: '伊庄村便民服务站',
    date: '2026-03-04',
    from: '09:00',
    to: '12:00',
  },
  home_visit_done: { station: '伊庄村便民服务站', date: '2026-03-04' },
  case_filed: {
    number: '20260302-00001',
    item: '高龄津贴申请',
    url: 'https://doorstep.example/track?number=20260302-00001&code=12345678',
  },
  case_supplement: { number: '20260302-00001', item: '高龄津贴申请', materials: '户口簿、照片' },
  case_decided: { number: '20260302-00001', item: '高龄津贴申请', outcome: '办结' },
  case_pickup_ready: { number: '20260302-00001', station: '伊庄村便民服务站' },
  enrolment_offer: { child: '李小明', className: '一年级托管班', until: '2026-03-05 18:00' },
  order_update: { orderNumber: 'PD-20260302-0001', title: '陪同买菜', state: '已接单' },
  activity_update: { title: '重阳节敬老义诊', change: '已取消' },
  staff_welcome: { username: '13800138000', password: 'ABCD-EFGH-JKMN-PQRS' },
};

describe('X-5 message templates (issue #15 point 5)', () => {
  it.each(Object.keys(TEMPLATES) as TemplateKey[])('%s: sample passes SMS validation', (k) => {
    expect(validateSms(SIG, k, SAMPLES[k])).toEqual([]);
  });

  it.each((Object.keys(TEMPLATES) as TemplateKey[]).filter((k) => 'wechat' in TEMPLATES[k]))(
    '%s: sample passes WeChat validation',
    (k) => {
      expect(validateWechat(k, SAMPLES[k])).toEqual([]);
    },
  );

  it('every body names exactly its declared variables', () => {
    for (const def of Object.values(TEMPLATES))
      expect(bodyVars(def.body).sort()).toEqual(Object.keys(def.vars).sort());
  });

  it('login codes are urgent, nothing else is', () => {
    const urgent = Object.entries(TEMPLATES)
      .filter(([, d]) => 'urgent' in d && d.urgent)
      .map(([k]) => k);
    expect(urgent).toEqual(['login_code']);
  });

  it('unknown template, missing, unknown and non-text variables are refused', () => {
    expect(validateSms(SIG, 'nope', {})).toEqual([{ code: 'TEMPLATE_UNKNOWN', template: 'nope' }]);
    expect(validateSms(SIG, 'login_code', { code: '1' })).toEqual([
      { code: 'VAR_MISSING', name: 'minutes' },
    ]);
    expect(validateSms(SIG, 'login_code', { code: '1', minutes: 5, extra: 'x' })).toEqual([
      { code: 'VAR_UNKNOWN', name: 'extra' },
    ]);
    expect(validateSms(SIG, 'login_code', { code: { a: 1 }, minutes: 5 })).toEqual([
      { code: 'VAR_NOT_TEXT', name: 'code' },
    ]);
    expect(validateSms(SIG, 'login_code', { code: '', minutes: 5 })).toEqual([
      { code: 'VAR_MISSING', name: 'code' },
    ]);
  });

  it('a variable of 35 characters passes, 36 does not (CJK counted as one)', () => {
    const ok = '站'.repeat(MAX_VAR_CHARS);
    expect(checkVar('station', 'text', ok)).toEqual([]);
    expect(checkVar('station', 'text', `${ok}站`)).toEqual([
      { code: 'VAR_TOO_LONG', name: 'station', max: 35 },
    ]);
    expect(charCount('😀站')).toBe(2);
  });

  it('a variable may not forge a signature, break a line or carry a link', () => {
    for (const v of ['【假】', 'a\nb', 'see http://x'])
      expect(checkVar('x', 'text', v)).toEqual([{ code: 'VAR_FORBIDDEN_CHARS', name: 'x' }]);
  });

  it('fitVar makes any text a valid variable: forbidden characters out, long text cut with …', () => {
    expect(fitVar('高龄津贴申请')).toBe('高龄津贴申请');
    for (const v of ['【假】签名', 'a\nb', 'see http://x', '站'.repeat(50), ' 😀'.repeat(40)])
      expect(checkVar('x', 'text', fitVar(v))).toEqual([]);
    expect(fitVar('站'.repeat(50))).toBe(`${'站'.repeat(MAX_VAR_CHARS - 1)}…`);
    expect(fitVar('a\r\nb')).toBe('a b');
  });

  it('a url variable must be http(s) and at most 200 characters', () => {
    expect(checkVar('url', 'url', 'https://a.example/r')).toEqual([]);
    expect(checkVar('url', 'url', 'javascript:alert(1)')).toEqual([
      { code: 'URL_INVALID', name: 'url' },
    ]);
    expect(checkVar('url', 'url', `https://a.example/${'x'.repeat(200)}`)[0]?.code).toBe(
      'VAR_TOO_LONG',
    );
  });

  it('segments: 70 characters are one SMS, 71 are two of 67, 135 are three', () => {
    expect(smsSegments('')).toBe(0);
    expect(smsSegments('字'.repeat(70))).toBe(1);
    expect(smsSegments('字'.repeat(71))).toBe(2);
    expect(smsSegments('字'.repeat(134))).toBe(2);
    expect(smsSegments('字'.repeat(135))).toBe(3);
  });

  it('the signature counts towards the segments', () => {
    const text = smsFullText(SIG, 'login_code', { code: '123456', minutes: '5' });
    expect(text.startsWith(SIG)).toBe(true);
    expect(smsSegments(text)).toBe(1);
  });

  it('a message beyond three segments is refused', () => {
    // 5 + 19 + 20 + 118 = 162 characters: three segments.
    const p = validateSms(SIG, 'rating_invite', {
      number: '1'.repeat(20),
      url: `https://a.example/${'x'.repeat(100)}`,
    });
    expect(p).toEqual([]);
    // 14 + 19 + 35 + 200 = 268 characters: four segments of 67.
    const q = validateSms('【家门口便民服务中心平台】', 'rating_invite', {
      number: '1'.repeat(35),
      url: `https://a.example/${'x'.repeat(182)}`,
    });
    expect(q).toEqual([{ code: 'TOO_MANY_SEGMENTS', segments: 4 }]);
  });

  it('【签名】: 2–12 characters in full-width brackets', () => {
    expect(checkSignature('【家门口】')).toBe(true);
    expect(checkSignature('【AB】')).toBe(true);
    expect(checkSignature('【家】')).toBe(false);
    expect(checkSignature('【一二三四五六七八九十一二三】')).toBe(false);
    expect(checkSignature('家门口')).toBe(false);
    expect(checkSignature('[家门口]')).toBe(false);
    expect(checkSignature('【家 门口】')).toBe(false);
    expect(validateSms('家门口', 'login_code', SAMPLES.login_code)).toEqual([
      { code: 'SIGNATURE_INVALID' },
    ]);
    expect(signName('【家门口】')).toBe('家门口');
  });
});

describe('X-5 provider bindings', () => {
  it('Aliyun: named variables as a JSON object, sign name without brackets', () => {
    const r = aliyunRequest(SIG, 'SMS_123', '13800000000', { code: '123456', minutes: '5' });
    expect(r).toEqual({
      phoneNumbers: '13800000000',
      signName: '家门口',
      templateCode: 'SMS_123',
      templateParam: '{"code":"123456","minutes":"5"}',
    });
  });

  it('Tencent: the body numbered {1}, {2} … in order of appearance, values in that order', () => {
    expect(tencentBody(TEMPLATES.appt_reminder.body)).toBe(
      '提醒：您预约了 {1} {2} 在{3}办事，请按时到站取号；不能前往请提前取消。',
    );
    expect(tencentParams(TEMPLATES.appt_reminder.body, SAMPLES.appt_reminder)).toEqual([
      '2026-03-03',
      '09:00',
      '伊庄村便民服务站',
    ]);
    expect(tencentBody('${a}${b}${a}')).toBe('{1}{2}{1}');
  });

  it('Tencent: E.164 numbers, app id and template id', () => {
    const r = tencentRequest(SIG, '1400000000', '123', '13800000000', 'login_code', {
      code: '1',
      minutes: '5',
    });
    expect(r).toEqual({
      SmsSdkAppId: '1400000000',
      SignName: '家门口',
      TemplateId: '123',
      PhoneNumberSet: ['+8613800000000'],
      TemplateParamSet: ['1', '5'],
    });
    expect(tencentRequest(SIG, 'a', 't', '+85291234567', 'login_code', {}).PhoneNumberSet).toEqual([
      '+85291234567',
    ]);
  });

  it('WeChat: key types from names', () => {
    expect(wechatKeyType('thing12')).toBe('thing');
    expect(wechatKeyType('character_string1')).toBe('character_string');
    expect(wechatKeyType('time2')).toBe('time');
  });

  it.each([
    ['thing', '字'.repeat(20), true],
    ['thing', '字'.repeat(21), false],
    ['thing', '', false],
    ['number', '12.5', true],
    ['number', '12a', false],
    ['letter', 'abc', true],
    ['letter', 'ab1', false],
    ['symbol', '%%', true],
    ['symbol', '%%%%%%', false],
    ['character_string', 'PD-20260302-0001', true],
    ['character_string', '中文', false],
    ['character_string', 'x'.repeat(33), false],
    ['time', '2026-03-03 09:00', true],
    ['time', '09:00', true],
    ['time', '九点', false],
    ['date', '2026-03-03', true],
    ['date', '3月3日', false],
    ['amount', '¥12.50', true],
    ['amount', '12.505', false],
    ['phone_number', '010-12345678', true],
    ['phone_number', '1'.repeat(18), false],
    ['car_number', '京A12345', true],
    ['car_number', '京A1234567', false],
    ['name', '李小明', true],
    ['name', '李'.repeat(11), false],
    ['name', 'a'.repeat(20), true],
    ['phrase', '已办结', true],
    ['phrase', '已经办结了吧', false],
    ['phrase', 'done', false],
    ['unknown', 'x', false],
  ])('WeChat %s %j → %s', (type, value, ok) => {
    expect(checkWechatValue(type, value)).toBe(ok);
  });

  it('WeChat data fills each key and reports the ones WeChat would refuse', () => {
    const { data, problems } = wechatData('appt_reminder', {
      station: '一个名字很长很长很长很长很长很长的便民服务站',
      date: '2026-03-03',
      time: '09:00',
    });
    expect(data.time2).toEqual({ value: '2026-03-03 09:00' });
    expect(problems).toEqual([{ code: 'WECHAT_VALUE_INVALID', key: 'thing1', type: 'thing' }]);
    expect(wechatData('login_code', {}).problems).toEqual([{ code: 'WECHAT_NOT_BOUND' }]);
    expect(validateWechat('login_code', SAMPLES.login_code)).toEqual([
      { code: 'WECHAT_NOT_BOUND' },
    ]);
    expect(validateWechat('x', {})).toEqual([{ code: 'TEMPLATE_UNKNOWN', template: 'x' }]);
  });
});
