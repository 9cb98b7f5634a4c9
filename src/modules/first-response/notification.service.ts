/**
 * Moved to the notifications module (notifications/notification.service.ts); this re-export stays
 * until the volunteer modules import `notify` from there.
 */
export { notify, type NotificationKind } from '../notifications/notification.service.ts';
