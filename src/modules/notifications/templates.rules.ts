/**
 * Issue #15 point 5: a message is a template key of ours, bound per provider — Aliyun names
 * its variables (`${name}`, sent as a JSON object), Tencent numbers them (`{1}`, sent as an array
 * in order), WeChat subscribe messages have typed keys (`thing1`, `time2`, …) each with its own
 * limit. Everything here is checked BEFORE a message is queued (a message that no provider would
 * accept is refused at the business write, not discovered by the sender at night). Pure.
 */

/** The channels the outbox sends on. */
export const CHANNELS = ['sms', 'wechat', 'email', 'webhook', 'print'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What a variable holds: `text` and `code` obey the 35-character limit; a `url` its own. */
export type VarKind = 'text' | 'code' | 'url';

export interface TemplateDef {
  /** The body without the signature, with `${name}` variables (Aliyun's form; Tencent's is derived). */
  body: string;
  vars: Readonly<Record<string, VarKind>>;
  /** Never held by quiet hours (a login code is asked for now). */
  urgent?: boolean;
  /** The WeChat subscribe message's keys and what each says (`${name}` inside), if any. */
  wechat?: Readonly<Record<string, string>>;
  /** The e-mail's subject (zh), if the template may go by e-mail. */
  emailSubject?: string;
}

/**
 * The messages the product sends. The first five are those of issue #11/#14 (their texts as
 * before); the rest are issue #15's (which event sends which: docs/government-services.md).
 */
export const TEMPLATES = {
  login_code: {
    body: '验证码 ${code}，${minutes} 分钟内有效，请勿告诉他人。',
    vars: { code: 'code', minutes: 'text' },
    urgent: true,
  },
  rating_invite: {
    body: '您的办件 ${number} 已办结，请对本次服务评价：${url}',
    vars: { number: 'code', url: 'url' },
    wechat: { character_string1: '${number}', thing2: '办件已办结，请评价' },
  },
  appt_reminder: {
    body: '提醒：您预约了 ${date} ${time} 在${station}办事，请按时到站取号；不能前往请提前取消。',
    vars: { station: 'text', date: 'text', time: 'text' },
    wechat: { thing1: '${station}', time2: '${date} ${time}' },
  },
  home_visit_scheduled: {
    body: '${station}将于 ${date} ${from}–${to} 上门服务，请家中留人。',
    vars: { station: 'text', date: 'text', from: 'text', to: 'text' },
    wechat: { thing1: '${station}', date2: '${date}', thing3: '${from}–${to} 上门服务' },
  },
  home_visit_done: {
    body: '${station}已于 ${date} 完成上门服务，记录可在“我的上门服务”查看。',
    vars: { station: 'text', date: 'text' },
    wechat: { thing1: '${station}', date2: '${date}' },
  },
  /** GS-3/GS-9: a case was filed (window, online, a ticket's intake); the link opens its tracking. */
  case_filed: {
    body: '您的办件 ${number}（${item}）已受理，查询进度：${url}',
    vars: { number: 'code', item: 'text', url: 'url' },
    wechat: { character_string1: '${number}', thing2: '${item}' },
    emailSubject: '办件已受理',
  },
  /**
   * GS-5: the one-time notice / a supplement request names what is missing (there is no deadline
   * for a supplement: the clock pauses until it comes).
   */
  case_supplement: {
    body: '您的办件 ${number}（${item}）需补充材料：${materials}，请到站或在线补交。',
    vars: { number: 'code', item: 'text', materials: 'text' },
    wechat: { character_string1: '${number}', thing2: '${item}', thing3: '${materials}' },
    emailSubject: '办件需补充材料',
  },
  /** GS-4: a decision (approved / refused). */
  case_decided: {
    body: '您的办件 ${number}（${item}）已${outcome}，详情可在“我的办件”查看。',
    vars: { number: 'code', item: 'text', outcome: 'text' },
    wechat: { character_string1: '${number}', thing2: '${item}', phrase3: '${outcome}' },
    emailSubject: '办件结果',
  },
  /** GS-4: the result is ready to pick up at the station. */
  case_pickup_ready: {
    body: '您的办件 ${number} 的结果已可在${station}领取，请携带身份证。',
    vars: { number: 'code', station: 'text' },
    wechat: { character_string1: '${number}', thing2: '${station}' },
  },
  /** CP-2: a seat is offered to a guardian's child until a time. */
  enrolment_offer: {
    body: '${className}为${child}留出名额，请于 ${until} 前确认，逾期顺延。',
    vars: { child: 'text', className: 'text', until: 'text' },
    wechat: { thing1: '${className}', name2: '${child}', time3: '${until}' },
  },
  /** VS-3: an order's state changed (told to its requester). */
  order_update: {
    body: '您的点单 ${orderNumber}（${title}）${state}。',
    vars: { orderNumber: 'code', title: 'text', state: 'text' },
    wechat: { character_string1: '${orderNumber}', thing2: '${title}', phrase3: '${state}' },
  },
  /** VS-6: an activity a volunteer signed up for was cancelled or changed. */
  activity_update: {
    body: '您报名的活动“${title}”${change}，详情请在“我的活动”查看。',
    vars: { title: 'text', change: 'text' },
    wechat: { thing1: '${title}', thing2: '${change}' },
  },
  /** Issue #15 point 4: a staff account from the roster import, with its one-time password. */
  staff_welcome: {
    body: '您的工作账号已开通，用户名 ${username}，初始密码 ${password}，首次登录后请修改密码。',
    vars: { username: 'code', password: 'code' },
  },
} as const satisfies Record<string, TemplateDef>;

export type TemplateKey = keyof typeof TEMPLATES;

export function isTemplateKey(k: string): k is TemplateKey {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, k);
}

/** Aliyun's limit for a variable's value (characters). */
export const MAX_VAR_CHARS = 35;
/** A link variable: its own limit (a rating link with its token). */
export const MAX_URL_CHARS = 200;
/** One SMS holds 70 characters; a long one is split into segments of 67. */
export const SINGLE_SEGMENT_CHARS = 70;
export const LONG_SEGMENT_CHARS = 67;
/** Longer messages are refused (cost, and many phones show them badly). */
export const MAX_SEGMENTS = 3;

export type TemplateProblem =
  | { code: 'TEMPLATE_UNKNOWN'; template: string }
  | { code: 'VAR_MISSING'; name: string }
  | { code: 'VAR_UNKNOWN'; name: string }
  | { code: 'VAR_NOT_TEXT'; name: string }
  | { code: 'VAR_TOO_LONG'; name: string; max: number }
  | { code: 'VAR_FORBIDDEN_CHARS'; name: string }
  | { code: 'URL_INVALID'; name: string }
  | { code: 'TOO_MANY_SEGMENTS'; segments: number }
  | { code: 'SIGNATURE_INVALID' }
  | { code: 'WECHAT_NOT_BOUND' }
  | { code: 'WECHAT_VALUE_INVALID'; key: string; type: string };

/** Characters in a message (code points: a CJK character counts one, as the carriers count). */
export function charCount(text: string): number {
  return [...text].length;
}

/** Segments a carrier bills for the full text (signature included). */
export function smsSegments(text: string): number {
  const n = charCount(text);
  if (n === 0) return 0;
  return n <= SINGLE_SEGMENT_CHARS ? 1 : Math.ceil(n / LONG_SEGMENT_CHARS);
}

/** 【签名】: 2–12 characters (Chinese, letters, digits) inside the brackets. */
export function checkSignature(signature: string): boolean {
  return /^【[\p{Script=Han}A-Za-z0-9]{2,12}】$/u.test(signature);
}

/** The sign name a provider's API takes: the signature without its brackets. */
export function signName(signature: string): string {
  return signature.replace(/^【|】$/g, '');
}

const VAR_RE = /\$\{(\w+)\}/g;

/** The variables a body names, in order of first appearance. */
export function bodyVars(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(VAR_RE)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

function fill(body: string, params: Readonly<Record<string, string>>): string {
  return body.replace(VAR_RE, (_, name: string) => params[name] ?? '');
}

/** The values as strings (numbers allowed); problems for anything else. */
export function stringParams(
  def: TemplateDef,
  params: Readonly<Record<string, unknown>>,
): { values: Record<string, string>; problems: TemplateProblem[] } {
  const values: Record<string, string> = {};
  const problems: TemplateProblem[] = [];
  for (const name of Object.keys(def.vars)) {
    const v = params[name];
    if (v === undefined || v === null || v === '') problems.push({ code: 'VAR_MISSING', name });
    else if (typeof v === 'string' || typeof v === 'number') values[name] = String(v);
    else problems.push({ code: 'VAR_NOT_TEXT', name });
  }
  for (const name of Object.keys(params))
    if (!Object.prototype.hasOwnProperty.call(def.vars, name))
      problems.push({ code: 'VAR_UNKNOWN', name });
  return { values, problems };
}

/**
 * A text value made fit for a variable: the characters a carrier refuses become spaces and a long
 * value is cut with "…" (an item's or an order's name may be longer than a variable may hold; a
 * business write must never fail on its message). Pure.
 */
export function fitVar(value: string, max = MAX_VAR_CHARS): string {
  const clean = value
    .replace(/https?:/g, '')
    .replace(/[【】\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...clean];
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('')}…`;
}

/** Checks one variable's value against its kind. */
export function checkVar(name: string, kind: VarKind, value: string): TemplateProblem[] {
  if (kind === 'url') {
    if (charCount(value) > MAX_URL_CHARS)
      return [{ code: 'VAR_TOO_LONG', name, max: MAX_URL_CHARS }];
    return /^https?:\/\/[^\s]+$/.test(value) ? [] : [{ code: 'URL_INVALID', name }];
  }
  const out: TemplateProblem[] = [];
  if (charCount(value) > MAX_VAR_CHARS)
    out.push({ code: 'VAR_TOO_LONG', name, max: MAX_VAR_CHARS });
  // Brackets would forge a signature; a line break or a link would make the carrier refuse.
  if (/[【】\r\n]|https?:/.test(value)) out.push({ code: 'VAR_FORBIDDEN_CHARS', name });
  return out;
}

/** The full SMS text: signature + body with the values. */
export function smsFullText(
  signature: string,
  template: TemplateKey,
  params: Readonly<Record<string, string>>,
): string {
  return signature + fill(TEMPLATES[template].body, params);
}

/** Everything checked before an SMS is queued; [] when every provider would take it. */
export function validateSms(
  signature: string,
  template: string,
  params: Readonly<Record<string, unknown>>,
): TemplateProblem[] {
  if (!isTemplateKey(template)) return [{ code: 'TEMPLATE_UNKNOWN', template }];
  const def: TemplateDef = TEMPLATES[template];
  const problems: TemplateProblem[] = [];
  if (!checkSignature(signature)) problems.push({ code: 'SIGNATURE_INVALID' });
  const { values, problems: p } = stringParams(def, params);
  problems.push(...p);
  for (const [name, value] of Object.entries(values))
    problems.push(...checkVar(name, def.vars[name]!, value));
  if (problems.length > 0) return problems;
  const segments = smsSegments(smsFullText(signature, template, values));
  if (segments > MAX_SEGMENTS) problems.push({ code: 'TOO_MANY_SEGMENTS', segments });
  return problems;
}

// ---- Aliyun: named variables ----

/** Aliyun SendSms's fields for one message (template codes come from the configuration). */
export function aliyunRequest(
  signature: string,
  templateCode: string,
  to: string,
  params: Readonly<Record<string, string>>,
): { phoneNumbers: string; signName: string; templateCode: string; templateParam: string } {
  return {
    phoneNumbers: to,
    signName: signName(signature),
    templateCode,
    templateParam: JSON.stringify(params),
  };
}

// ---- Tencent: positional variables ----

/** The body as Tencent registers it: `${name}` → `{1}`, `{2}`, … in order of first appearance. */
export function tencentBody(body: string): string {
  const order = bodyVars(body);
  return body.replace(VAR_RE, (_, name: string) => `{${order.indexOf(name) + 1}}`);
}

/** The values in Tencent's order (the order the body names them). */
export function tencentParams(body: string, params: Readonly<Record<string, string>>): string[] {
  return bodyVars(body).map((name) => params[name] ?? '');
}

/** Tencent SendSms's fields for one message (E.164 number, sign name, template id, values). */
export function tencentRequest(
  signature: string,
  appId: string,
  templateId: string,
  to: string,
  template: TemplateKey,
  params: Readonly<Record<string, string>>,
) {
  return {
    SmsSdkAppId: appId,
    SignName: signName(signature),
    TemplateId: templateId,
    PhoneNumberSet: [to.startsWith('+') ? to : `+86${to}`],
    TemplateParamSet: tencentParams(TEMPLATES[template].body, params),
  };
}

// ---- WeChat subscribe messages: typed keys ----

/** The type of a key: its name without the trailing number (`thing12` → `thing`). */
export function wechatKeyType(key: string): string {
  return key.replace(/\d+$/, '');
}

const HAN = /\p{Script=Han}/u;

/** WeChat's rule for one typed value; false when WeChat would refuse it (error 47003). */
export function checkWechatValue(type: string, value: string): boolean {
  const n = charCount(value);
  if (n === 0) return false;
  switch (type) {
    case 'thing':
      return n <= 20;
    case 'number':
      return n <= 32 && /^-?\d+(\.\d+)?$/.test(value);
    case 'letter':
      return n <= 32 && /^[A-Za-z]+$/.test(value);
    case 'symbol':
      return n <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(value);
    case 'character_string':
      return n <= 32 && /^[\x21-\x7e]+$/.test(value);
    case 'time':
      return /^(\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}(:\d{2})?$/.test(value);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/.test(value);
    case 'amount':
      return /^[¥$]?\d{1,10}(\.\d{1,2})?元?$/.test(value);
    case 'phone_number':
      return n <= 17 && /^[\d+\-() ]+$/.test(value);
    case 'car_number':
      return n <= 8;
    case 'name':
      return [...value].some((c) => HAN.test(c)) ? n <= 10 : n <= 20;
    case 'phrase':
      return n <= 5 && [...value].every((c) => HAN.test(c));
    default:
      return false;
  }
}

/** A WeChat subscribe message's data: each key's value filled and checked. */
export function wechatData(
  template: TemplateKey,
  params: Readonly<Record<string, string>>,
): { data: Record<string, { value: string }>; problems: TemplateProblem[] } {
  const def: TemplateDef = TEMPLATES[template];
  if (!def.wechat) return { data: {}, problems: [{ code: 'WECHAT_NOT_BOUND' }] };
  const data: Record<string, { value: string }> = {};
  const problems: TemplateProblem[] = [];
  for (const [key, body] of Object.entries(def.wechat)) {
    const value = fill(body, params);
    const type = wechatKeyType(key);
    if (!checkWechatValue(type, value)) problems.push({ code: 'WECHAT_VALUE_INVALID', key, type });
    data[key] = { value };
  }
  return { data, problems };
}

/** Everything checked before a WeChat message is queued (its fallback SMS is checked apart). */
export function validateWechat(
  template: string,
  params: Readonly<Record<string, unknown>>,
): TemplateProblem[] {
  if (!isTemplateKey(template)) return [{ code: 'TEMPLATE_UNKNOWN', template }];
  const { values, problems } = stringParams(TEMPLATES[template], params);
  if (problems.length > 0) return problems;
  return wechatData(template, values).problems;
}
