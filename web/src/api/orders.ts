import { apiClient, must } from './client';
import type { Answer, BodyOf, Item } from './contract';

/**
 * VS-3/4/5/7: needs (点单), review and merging (审单), dispatch and grabbing (派单/抢单), ratings (评单).
 * The shapes are named from the generated API contract (issue #12); `npm run gen:api` refreshes it.
 */

export type Order = Item<Answer<'/api/v1/vs/orders'>>;
export type OrderDetail = Answer<'/api/v1/vs/orders/{id}'>;
export type InboxItem = Item<Answer<'/api/v1/vs/inbox'>>;
export type Need = Item<Answer<'/api/v1/vs/needs'>>;
export type MyNeed = Item<Answer<'/api/v1/vs/needs/mine'>>;
export type TeamNeed = Item<InboxItem['teamNeeds']>;
export type TeamRef = NonNullable<Order['team']>;
export type TimelineStep = Item<OrderDetail['timeline']>;
export type Menu = Answer<'/api/v1/vs/menu'>;
export type MenuCategory = Item<Menu['categories']>;
export type MenuProject = Item<Menu['projects']>;
export type Suggestion = Item<Answer<'/api/v1/vs/orders/{id}/suggestions'>['teams']>;
export type TeamRanking = Answer<'/api/v1/vs/rankings/teams'>;
export type NewNeed = BodyOf<'/api/v1/vs/needs'>;

export type NeedStatus = Need['status'];
export type Channel = Need['channel'];
export type OrderState = Order['state'];
export type DeclineReason = BodyOf<'/api/v1/vs/orders/{id}/decline'>['reasonCode'];
/** What the caller may do with an order now (src/modules/orders/order.workflow.ts). */
export type OrderAction = Item<Order['availableActions']>;
/** What the caller may do with a need now (review, merge, rate). */
export type NeedAction = Item<Need['availableActions']>;

export const DECLINE_REASONS = [
  'no_capacity',
  'skills_mismatch',
  'schedule_conflict',
  'out_of_area',
  'other',
] as const satisfies readonly DeclineReason[];
export const ORDER_STATES = [
  'awaiting_dispatch',
  'directed',
  'open',
  'accepted',
  'in_service',
  'completed',
  'cancelled',
] as const satisfies readonly OrderState[];

const byId = (id: string) => ({ params: { path: { id } } });

export const getMenu = (regionCode: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/menu', { params: { query: { regionCode } }, signal }));
export const submitNeed = (body: NewNeed) => must(apiClient.POST('/api/v1/vs/needs', { body }));
export const submitNeedOnBehalf = (body: BodyOf<'/api/v1/vs/needs/on-behalf'>) =>
  must(apiClient.POST('/api/v1/vs/needs/on-behalf', { body }));
export const myNeeds = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/needs/mine', { signal }));
export const acceptNeed = (id: string, title?: string) =>
  must(
    apiClient.POST('/api/v1/vs/needs/{id}/accept', { ...byId(id), body: title ? { title } : {} }),
  );
export const rejectNeed = (id: string, reason: string) =>
  must(apiClient.POST('/api/v1/vs/needs/{id}/reject', { ...byId(id), body: { reason } }));
export const mergeNeeds = (needIds: string[], title: string) =>
  must(apiClient.POST('/api/v1/vs/needs/merge', { body: { needIds, title } }));
export const rateNeed = (id: string, stars: number, comment: string) =>
  must(apiClient.POST('/api/v1/vs/needs/{id}/rating', { ...byId(id), body: { stars, comment } }));

/** Issue #16 p5: the centre's needs by keyset — `after` is the previous page's nextCursor. */
export const pageNeeds = (
  query: { status?: NeedStatus; limit: number; after?: string | undefined },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/vs/needs/page', { params: { query }, signal }));
/** Issue #16 p5: the centre board's orders by keyset. */
export const pageOrders = (
  query: { state?: OrderState | undefined; limit: number; after?: string | undefined },
  signal?: AbortSignal,
) => must(apiClient.GET('/api/v1/vs/orders/page', { params: { query }, signal }));

export const getOrder = (id: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/orders/{id}', { ...byId(id), signal }));
export const suggestions = (id: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/orders/{id}/suggestions', { ...byId(id), signal }));
export const directOrder = (id: string, teamId: string) =>
  must(apiClient.POST('/api/v1/vs/orders/{id}/direct', { ...byId(id), body: { teamId } }));
export const openOrder = (id: string) =>
  must(apiClient.POST('/api/v1/vs/orders/{id}/open', { ...byId(id), body: {} }));
export const reassignOrder = (id: string, note: string, teamId?: string) =>
  must(
    apiClient.POST('/api/v1/vs/orders/{id}/reassign', {
      ...byId(id),
      body: teamId ? { note, teamId } : { note },
    }),
  );
export const cancelOrder = (id: string, reason: string) =>
  must(apiClient.POST('/api/v1/vs/orders/{id}/cancel', { ...byId(id), body: { reason } }));
export const completeOrder = (id: string) =>
  must(apiClient.POST('/api/v1/vs/orders/{id}/complete', { ...byId(id), body: {} }));
export const acceptOrder = (id: string, teamId?: string) =>
  must(
    apiClient.POST('/api/v1/vs/orders/{id}/accept', {
      ...byId(id),
      body: teamId ? { teamId } : {},
    }),
  );
export const grabOrder = (id: string, teamId?: string) =>
  must(
    apiClient.POST('/api/v1/vs/orders/{id}/grab', { ...byId(id), body: teamId ? { teamId } : {} }),
  );
export const declineOrder = (id: string, reasonCode: DeclineReason, note?: string) =>
  must(
    apiClient.POST('/api/v1/vs/orders/{id}/decline', {
      ...byId(id),
      body: note ? { reasonCode, note } : { reasonCode },
    }),
  );
export const teamInbox = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/inbox', { signal }));
export const teamRanking = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/vs/rankings/teams', { signal }));
