/**
 * The submissions the outbox knows, built the same way wherever they are filed: path, body and,
 * where only one may wait, the subject (see Outbox.enqueue). The body is exactly what the online
 * call sends, so the queued send and an online retry under the same key agree.
 */
import type { NewCase } from '../api/case-types';
import type { NewOutboxItem } from './outbox';

export function caseItem(input: {
  body: NewCase;
  idempotencyKey: string;
  label: string;
}): NewOutboxItem {
  return { kind: 'case', path: '/cases', ...input };
}

/** A need's rating: once per need, so one waits per need. */
export function ratingItem(input: {
  needId: string;
  stars: number;
  comment: string;
  idempotencyKey: string;
  label: string;
}): NewOutboxItem {
  return {
    kind: 'rating',
    path: `/vs/needs/${encodeURIComponent(input.needId)}/rating`,
    body: { stars: input.stars, comment: input.comment },
    idempotencyKey: input.idempotencyKey,
    label: input.label,
    subject: `rating:${input.needId}`,
  };
}

/** A check-in or check-out with the code read off the lead's screen: one per direction. */
export function checkInItem(input: {
  activityId: string;
  direction: 'in' | 'out';
  code: string;
  idempotencyKey: string;
  label: string;
  /**
   * When the code was typed: a check-in queued during a network cut is judged by the server at
   * this moment (against the code's window, not the phone's clock), not when it arrives.
   */
  scannedAt?: Date;
}): NewOutboxItem {
  return {
    kind: 'checkin',
    path: `/vs/activities/${encodeURIComponent(input.activityId)}/check`,
    body: {
      direction: input.direction,
      code: input.code,
      ...(input.scannedAt ? { scannedAt: input.scannedAt.toISOString() } : {}),
    },
    idempotencyKey: input.idempotencyKey,
    label: input.label,
    subject: `checkin:${input.activityId}:${input.direction}`,
  };
}
