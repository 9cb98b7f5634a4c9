/**
 * the events a subscriber may choose. Each event's payload carries numbers, states and
 * China dates — never a full ID number or phone (the outbox refuses a payload that has one).
 */
export const WEBHOOK_EVENTS = ['case.delivered', 'case.closed', 'webhook.test'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Events a subscriber chooses (the test event is sent by the test button to anyone). */
export const SUBSCRIBABLE_EVENTS = WEBHOOK_EVENTS.filter((e) => e !== 'webhook.test');

export function isWebhookEvent(e: string): e is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(e);
}
