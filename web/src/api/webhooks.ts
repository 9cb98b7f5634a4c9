import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf, Item } from './contract';

/** Issue #15: webhook subscribers, the test button, the delivery log (src/modules/webhooks/). */
export type WebhookSubscriber = Item<Answer<'/api/v1/webhooks/subscribers'>>;
export type NewWebhookSubscriber = BodyOf<'/api/v1/webhooks/subscribers'>;
export type WebhookDelivery = Item<Answer<'/api/v1/webhooks/subscribers/{id}/deliveries'>>;

export const listWebhookEvents = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/webhooks/events', { signal }));
export const listWebhookSubscribers = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/webhooks/subscribers', { signal }));
export const createWebhookSubscriber = (body: NewWebhookSubscriber, key: string) =>
  must(apiClient.POST('/api/v1/webhooks/subscribers', { body, ...idempotent(key) }));
export const revokeWebhookSubscriber = (id: string, key: string) =>
  must(
    apiClient.POST('/api/v1/webhooks/subscribers/{id}/revoke', {
      params: { path: { id } },
      ...idempotent(key),
    }),
  );
export const testWebhookSubscriber = (id: string, key: string) =>
  must(
    apiClient.POST('/api/v1/webhooks/subscribers/{id}/test', {
      params: { path: { id } },
      ...idempotent(key),
    }),
  );
/** Issue #16 p5: a subscriber's whole delivery log by keyset (newest first). */
export const pageWebhookDeliveries = (
  id: string,
  query: { limit: number; after?: string | undefined },
  signal?: AbortSignal,
) =>
  must(
    apiClient.GET('/api/v1/webhooks/subscribers/{id}/deliveries/page', {
      params: { path: { id }, query },
      signal,
    }),
  );
