/**
 * A notification's parameters as stored (#12 point 5): a JSON object, read through zod. Bad text
 * is an internal error naming the column (`notifications.params`, or the decrypted
 * `outbox_messages.params_cipher`), never an empty object passed on as if nothing were wrong.
 */
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';

export const NotificationParamsJson = z.record(z.string(), z.unknown());

export function parseNotificationParams(text: string, column: string): Record<string, unknown> {
  return parseJsonColumn(NotificationParamsJson, text, column);
}
