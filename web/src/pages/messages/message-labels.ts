import type { TFunction } from 'i18next';

/** Words for the server's message fields (unknown values are shown as they are). */
const CHANNELS = ['sms', 'wechat', 'email', 'webhook', 'print'] as const;
const STATUSES = [
  'queued',
  'sending',
  'submitted',
  'delivered',
  'failed',
  'expired',
  'suppressed',
] as const;
const TEMPLATES = [
  'login_code',
  'rating_invite',
  'appt_reminder',
  'home_visit_scheduled',
  'home_visit_done',
  'case_supplement',
  'case_decided',
  'case_pickup_ready',
  'enrolment_offer',
  'order_update',
] as const;
const EVENTS = ['case.delivered', 'case.closed', 'webhook.test'] as const;

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v);

export const channelLabel = (t: TFunction, v: string) =>
  isOneOf(CHANNELS, v) ? t(`messages.channel.${v}`) : v;
export const statusLabel = (t: TFunction, v: string) =>
  isOneOf(STATUSES, v) ? t(`messages.status.${v}`) : v;
export const templateLabel = (t: TFunction, v: string) =>
  isOneOf(TEMPLATES, v)
    ? t(`messages.template.${v}`)
    : isOneOf(EVENTS, v)
      ? t(`messages.webhooks.eventName.${v}`)
      : v;
export const eventLabel = (t: TFunction, v: string) =>
  isOneOf(EVENTS, v) ? t(`messages.webhooks.eventName.${v}`) : v;

/** The tag colour of a state: done green, failed red, waiting blue, the rest grey. */
export function statusColor(status: string): string {
  if (status === 'delivered' || status === 'submitted') return 'success';
  if (status === 'failed' || status === 'expired') return 'error';
  if (status === 'queued' || status === 'sending') return 'processing';
  return 'default';
}
