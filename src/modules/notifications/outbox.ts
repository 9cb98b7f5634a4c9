/**
 * Issue #11: the message outbox. A message is written in the transaction of the business write
 * that causes it (so it exists exactly when the write committed) and sent later by the sweep
 * (outbox.sender.ts). The recipient and the params are encrypted with the data key: the params may
 * hold a login code.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { maskMobile } from '../../shared/personal-numbers.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

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
}
export type SmsTemplate = keyof SmsParamsByTemplate;

/**
 * Writes one SMS. `demo`: a message to a demo resident's phone (issue #14) — kept for the record as
 * `suppressed` with is_demo = 1, and never claimed by the sender, whatever provider is configured.
 */
export async function enqueueSms<T extends SmsTemplate>(
  trx: Transaction<Database>,
  pii: PiiCipher,
  m: { to: string; template: T; params: SmsParamsByTemplate[T]; now: Date; demo?: boolean },
): Promise<string> {
  const id = crypto.randomUUID();
  await trx
    .insertInto('outbox_messages')
    .values({
      id,
      channel: 'sms',
      recipient_cipher: pii.encrypt(m.to),
      recipient_masked: maskMobile(m.to),
      template_kind: m.template,
      params_cipher: pii.encrypt(JSON.stringify(m.params)),
      status: m.demo ? 'suppressed' : 'pending',
      is_demo: m.demo ? 1 : 0,
      attempts: 0,
      next_attempt_at: m.now.toISOString(),
      claimed_by: null,
      claimed_at: null,
      last_error: null,
      sent_at: null,
      provider_message_id: null,
      created_at: m.now.toISOString(),
    })
    .execute();
  return id;
}

/** The text of an SMS (the log provider prints it; real providers send template + params). */
export function smsText(template: string, params: Record<string, unknown>): string {
  if (template === 'login_code')
    return `【家门口】验证码 ${String(params.code)}，${String(params.minutes)} 分钟内有效，请勿告诉他人。`;
  if (template === 'rating_invite')
    return `【家门口】您的办件 ${String(params.number)} 已办结，请对本次服务评价：${String(params.url)}`;
  if (template === 'appt_reminder')
    return `【家门口】提醒：您预约了 ${String(params.date)} ${String(params.time)} 在${String(params.station)}办事，请按时到站取号；不能前往请提前取消。`;
  if (template === 'home_visit_scheduled')
    return `【家门口】${String(params.station)}将于 ${String(params.date)} ${String(params.from)}–${String(params.to)} 上门服务，请家中留人。`;
  if (template === 'home_visit_done')
    return `【家门口】${String(params.station)}已于 ${String(params.date)} 完成上门服务，记录可在“我的上门服务”查看。`;
  return `【家门口】${template}`;
}
