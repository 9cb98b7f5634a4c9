import { apiClient, must } from './client';
import type { Answer, Item } from './contract';

/**
 * Issue #11: a notification is a kind and its parameters (src/modules/notifications/kinds.ts);
 * the web renders it from its own texts (firstresponse.notifications.kinds.*). `text` is the
 * server's rendering, used only for a kind this build does not know.
 */
export type AppNotification = Item<Answer<'/api/v1/notifications'>>;

export const listNotifications = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/notifications', { params: { query: { limit: 30 } }, signal }));

export const markNotificationRead = (id: string) =>
  must(apiClient.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
