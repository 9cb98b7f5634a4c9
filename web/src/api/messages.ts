import { apiClient, idempotent, must } from './client';
import type { Answer, Item } from './contract';

/** X-5 (issue #15 point 5): a case's and a person's messages (src/modules/messages/). */
export type MessageView = Item<Answer<'/api/v1/cases/{id}/messages'>>;
export type MessageOwner = 'case' | 'resident';

export const listMessages = (owner: MessageOwner, id: string, signal?: AbortSignal) =>
  owner === 'case'
    ? must(apiClient.GET('/api/v1/cases/{id}/messages', { params: { path: { id } }, signal }))
    : must(apiClient.GET('/api/v1/residents/{id}/messages', { params: { path: { id } }, signal }));

export const resendMessage = (owner: MessageOwner, id: string, messageId: string, key: string) =>
  owner === 'case'
    ? must(
        apiClient.POST('/api/v1/cases/{id}/messages/{messageId}/resend', {
          params: { path: { id, messageId } },
          ...idempotent(key),
        }),
      )
    : must(
        apiClient.POST('/api/v1/residents/{id}/messages/{messageId}/resend', {
          params: { path: { id, messageId } },
          ...idempotent(key),
        }),
      );
