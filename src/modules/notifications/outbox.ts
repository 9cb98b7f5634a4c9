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
}
export type SmsTemplate = keyof SmsParamsByTemplate;

export async function enqueueSms<T extends SmsTemplate>(
  trx: Transaction<Database>,
  pii: PiiCipher,
  m: { to: string; template: T; params: SmsParamsByTemplate[T]; now: Date },
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
      status: 'pending',
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
  return `【家门口】${template}`;
}
