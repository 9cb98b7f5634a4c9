import { apiClient, must } from './client';
import type { Answer, Item } from './contract';

/**
 * Issue #11: a notification is a kind and its parameters (src/modules/notifications/kinds.ts);
 * the web renders it from its own texts (firstresponse.notifications.kinds.*). `text` is the
 * server's rendering, used only for a kind this build does not know.
 */
export type AppNotification = Item<Answer<'/api/v1/notifications/page'>['items']>;

/**
 * Issue #16 p5: my notifications by keyset, newest first — `after` is the previous page's
 * nextCursor; `unread` only the unread ones (their `total` is the bell's count).
 */
export const pageNotifications = (
  query: { limit: number; unread?: boolean; after?: string | undefined },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/notifications/page', {
      params: {
        query: {
          limit: query.limit,
          ...(query.unread ? { unread: 'true' as const } : {}),
          ...(query.after !== undefined ? { after: query.after } : {}),
        },
      },
      signal,
    }),
  );

export const markNotificationRead = (id: string) =>
  must(apiClient.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
