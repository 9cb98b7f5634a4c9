/**
 * Issue #11: the message outbox. A message is written in the transaction of the business write
 * that causes it (so it exists exactly when the write committed) and sent later by the sweep
 * (outbox.sender.ts). The recipient and the params are encrypted with the data key: the params may
 * hold a login code.
 *
 * Issue #15 point 5: one interface, many channels (sms, wechat, email, webhook, print). A
 * message is one of our template keys (templates.rules.ts), validated before it is queued; a dedupe
 * key makes the same message queue once (a retried business write, a sweep run twice); a WeChat
 * message may carry the SMS it falls back to when WeChat refuses.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, OutboxMessageTable } from '../../db/schema.ts';
import { containsPersonalNumber, maskMobile } from '../../shared/personal-numbers.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import './notifications.problems.ts';
import {
  isTemplateKey,
  smsFullText,
  stringParams,
  TEMPLATES,
  validateSms,
  validateWechat,
  type Channel,
  type TemplateProblem,
} from './templates.rules.ts';

/** The signature every SMS carries (SMS_SIGNATURE may set another registered one). */
export const DEFAULT_SIGNATURE = '【家门口】';

/** What an SMS says, by template (a provider maps these to its registered templates). */
export interface SmsParamsByTemplate {
  /** 【家门口】验证码 123456，5 分钟内有效。 */
  login_code: { code: string; minutes: number };
  /** GS-13: 【家门口】您的办件 {number} 已办结，请评价：{url} */
  rating_invite: { number: string; url: string };
  /** 【家门口】您预约了 3月3日 09:00 伊庄村便民服务站… (GS-10, the day before). */
  appt_reminder: { station: string; date: string; time: string };
  /** GS-10 issue #14: 【家门口】伊庄村便民服务站将于 3月4日 09:00–12:00 上门服务… */
  home_visit_scheduled: { station: string; date: string; from: string; to: string };
  /** GS-10 issue #14: 【家门口】上门服务已完成… */
  home_visit_done: { station: string; date: string };
  /** Issue #15: 【家门口】您的办件 {number}（{item}）已受理，查询进度：{url} (GS-3, GS-9). */
  case_filed: { number: string; item: string; url: string };
  /** Issue #15: a supplement request / one-time notice (GS-5): what is missing, in words. */
  case_supplement: { number: string; item: string; materials: string };
  /** Issue #15: a decision (GS-4); outcome in words (办结 / 不予受理 …). */
  case_decided: { number: string; item: string; outcome: string };
  /** Issue #15: the result is ready at the station. */
  case_pickup_ready: { number: string; station: string };
  /** Issue #15: CP-2 a seat offered to a guardian's child. */
  enrolment_offer: { child: string; className: string; until: string };
  /** Issue #15: VS-3 an order's state, told to its requester. */
  order_update: { orderNumber: string; title: string; state: string };
  /** Issue #15: VS-6 an activity a volunteer signed up for was cancelled or changed. */
  activity_update: { title: string; change: string };
  /** Issue #15 point 4: 【家门口】您的工作账号已开通，用户名 …，初始密码 … */
  staff_welcome: { username: string; password: string };
}
export type SmsTemplate = keyof SmsParamsByTemplate;

export type OutboxStatus = OutboxMessageTable['status'];

/** What a message is about: staff see a case's and a person's messages. */
export interface OutboxSubject {
  /** case, resident, order, enrolment, webhook_subscriber, home_visit … */
  type: string;
  id: string;
}

export interface EnqueueInput {
  channel: Channel;
  /** Mobile (sms), openid (wechat), address (email), subscriber id (webhook), station id (print). */
  to: string;
  /** Our template key (sms, wechat, email, print) or the event name (webhook). */
  template: string;
  params: Record<string, unknown>;
  now: Date;
  demo?: boolean;
  /** Unique: a second enqueue with the same key returns the first message's id and writes nothing. */
  dedupeKey?: string;
  subject?: OutboxSubject;
  regionCode?: string;
  /** WeChat only: the SMS sent when WeChat refuses (the user has not subscribed). */
  fallbackSmsTo?: string;
  /** Not sent after this instant → `expired`. */
  expiresAt?: Date;
  /** Not before this instant (webhook test button: now). */
  notBefore?: Date;
  signature?: string;
  resentOf?: string;
}

/** The keyed hash of a recipient: for SMS the same as an account's phone hash (one person). */
export function recipientHash(pii: PiiCipher, channel: Channel, to: string): string {
  return pii.lookupHash(channel === 'sms' ? `mobile:${to}` : `${channel}:${to}`);
}

function maskRecipient(channel: Channel, to: string): string {
  switch (channel) {
    case 'sms':
      return maskMobile(to);
    case 'email': {
      const [user, domain] = to.split('@');
      return `${(user ?? '').slice(0, 1)}***@${domain ?? ''}`;
    }
    case 'wechat':
      return `${to.slice(0, 4)}…`;
    case 'webhook':
    case 'print':
      return to; // a subscriber's or a station's id
  }
}

function refuse(problems: TemplateProblem[]): never {
  throw new AppError('OUTBOX_TEMPLATE_INVALID', {
    detail: problems.map((p) => JSON.stringify(p)).join('; '),
    extensions: { templateProblems: problems },
  });
}

/** The checks before queuing; throws OUTBOX_TEMPLATE_INVALID (the business write rolls back). */
export function validateMessage(m: EnqueueInput): void {
  const signature = m.signature ?? DEFAULT_SIGNATURE;
  if (m.channel === 'sms') {
    const p = validateSms(signature, m.template, m.params);
    if (p.length) refuse(p);
  } else if (m.channel === 'wechat') {
    const p = validateWechat(m.template, m.params);
    if (p.length) refuse(p);
    if (m.fallbackSmsTo) {
      const q = validateSms(signature, m.template, m.params);
      if (q.length) refuse(q);
    }
  } else if (m.channel === 'email' || m.channel === 'print') {
    if (!isTemplateKey(m.template)) refuse([{ code: 'TEMPLATE_UNKNOWN', template: m.template }]);
    const { problems } = stringParams(TEMPLATES[m.template], m.params);
    if (problems.length) refuse(problems);
  } else if (containsPersonalNumber(JSON.stringify(m.params))) {
    // a webhook payload never carries a full ID number or phone.
    refuse([{ code: 'VAR_FORBIDDEN_CHARS', name: 'payload' }]);
  }
}

/**
 * Writes one message of any channel (validated first). `demo`: a message to a demo resident's
 * phone (issue #14) — kept for the record as `suppressed` with is_demo = 1, never claimed.
 * Returns the message's id (the earlier one's, when the dedupe key was queued before).
 */
export async function enqueueMessage(
  trx: Transaction<Database>,
  pii: PiiCipher,
  m: EnqueueInput,
): Promise<string> {
  // A demo message is stored suppressed and never sent (its links may be relative): not checked.
  if (!m.demo) validateMessage(m);
  const id = crypto.randomUUID();
  const inserted = await trx
    .insertInto('outbox_messages')
    .values({
      id,
      channel: m.channel,
      recipient_cipher: pii.encrypt(m.to),
      recipient_masked: maskRecipient(m.channel, m.to),
      recipient_hash: recipientHash(pii, m.channel, m.to),
      template_kind: m.template,
      params_cipher: pii.encrypt(JSON.stringify(m.params)),
      status: m.demo ? 'suppressed' : 'queued',
      is_demo: m.demo ? 1 : 0,
      attempts: 0,
      next_attempt_at: (m.notBefore ?? m.now).toISOString(),
      claimed_by: null,
      claimed_at: null,
      last_error: null,
      sent_at: null,
      provider_message_id: null,
      created_at: m.now.toISOString(),
      dedupe_key: m.dedupeKey ?? null,
      provider: null,
      error_kind: null,
      delivered_at: null,
      expires_at: m.expiresAt?.toISOString() ?? null,
      fallback_channel: m.fallbackSmsTo ? 'sms' : null,
      fallback_recipient_cipher: m.fallbackSmsTo ? pii.encrypt(m.fallbackSmsTo) : null,
      fallback_of: null,
      subject_type: m.subject?.type ?? null,
      subject_id: m.subject?.id ?? null,
      region_code: m.regionCode ?? null,
      resent_of: m.resentOf ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 1n) === 1) return id;
  const earlier = await trx
    .selectFrom('outbox_messages')
    .select('id')
    .where('dedupe_key', '=', m.dedupeKey!)
    .executeTakeFirstOrThrow();
  return earlier.id;
}

/** Writes one SMS (issue #11's interface, kept for its callers). */
export async function enqueueSms<T extends SmsTemplate>(
  trx: Transaction<Database>,
  pii: PiiCipher,
  m: {
    to: string;
    template: T;
    params: SmsParamsByTemplate[T];
    now: Date;
    demo?: boolean;
    dedupeKey?: string;
    subject?: OutboxSubject;
    regionCode?: string;
    expiresAt?: Date;
  },
): Promise<string> {
  return enqueueMessage(trx, pii, {
    ...m,
    channel: 'sms',
    params: m.params,
  });
}

/** The text of an SMS (the log provider prints it; real providers send template + params). */
export function smsText(
  template: string,
  params: Record<string, unknown>,
  signature = DEFAULT_SIGNATURE,
): string {
  if (!isTemplateKey(template)) return `${signature}${template}`;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) values[k] = String(v);
  return smsFullText(signature, template, values);
}
