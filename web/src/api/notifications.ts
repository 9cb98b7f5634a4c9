import { api } from './client';

/**
 * Issue #11: a notification is a kind and its parameters (src/modules/notifications/kinds.ts);
 * the web renders it from its own texts (firstresponse.notifications.kinds.*). `text` is the
 * server's rendering, used only for a kind this build does not know.
 */
export interface AppNotification {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  text: { subject: string; body: string };
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
  readAt: string | null;
}

export const listNotifications = (signal?: AbortSignal) =>
  api<AppNotification[]>('/notifications', { query: { limit: 30 }, signal });

export const markNotificationRead = (id: string) =>
  api<AppNotification>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
