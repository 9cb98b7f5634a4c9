import { api } from './client';

/** VS-3/4/5/7: needs (点单), review and merging (审单), dispatch and grabbing (派单/抢单), ratings (评单). */

export type NeedStatus = 'submitted' | 'accepted' | 'rejected';
export type Channel = 'self' | 'phone' | 'wechat' | 'walk_in';
export type OrderState =
  'awaiting_dispatch' | 'directed' | 'open' | 'accepted' | 'in_service' | 'completed' | 'cancelled';
export type DeclineReason =
  'no_capacity' | 'skills_mismatch' | 'schedule_conflict' | 'out_of_area' | 'other';
export const DECLINE_REASONS: DeclineReason[] = [
  'no_capacity',
  'skills_mismatch',
  'schedule_conflict',
  'out_of_area',
  'other',
];
export const ORDER_STATES: OrderState[] = [
  'awaiting_dispatch',
  'directed',
  'open',
  'accepted',
  'in_service',
  'completed',
  'cancelled',
];

/** What the caller may do with an order now (src/modules/orders/order.workflow.ts). */
export type OrderAction =
  | 'direct'
  | 'open'
  | 'reassign'
  | 'accept'
  | 'decline'
  | 'grab'
  | 'start_service'
  | 'complete'
  | 'cancel'
  | 'sweep_open'
  | 'sweep_escalate';
/** What the caller may do with a need now (review, merge, rate). */
export type NeedAction = 'accept' | 'reject' | 'merge' | 'rate';

export interface MenuCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  colour: string | null;
}
export interface MenuProject {
  id: string;
  name: string;
  description: string;
  categoryCode: string;
  regionCode: string;
  schedule: string;
}
export interface Menu {
  categories: MenuCategory[];
  projects: MenuProject[];
}

export interface TimelineStep {
  action: string;
  fromState: string | null;
  toState: string;
  teamId: string | null;
  teamName: string | null;
  reasonCode: string | null;
  note: string | null;
  actorName: string | null;
  at: string;
}

export interface Need {
  id: string;
  needNumber: string;
  regionCode: string;
  regionName: string | null;
  categoryCode: string;
  categoryName: string | null;
  projectId: string | null;
  projectName: string | null;
  description: string;
  place: string;
  wantedFrom: string | null;
  wantedTo: string | null;
  contactName: string;
  contactPhoneMasked: string;
  channel: Channel;
  hasAccount: boolean;
  toCallBack: boolean;
  recordedBy: string | null;
  status: NeedStatus;
  rejectReason: string | null;
  orderId: string | null;
  createdAt: string;
  reviewedAt: string | null;
  availableActions: NeedAction[];
}

export interface MyNeed extends Need {
  order: {
    id: string;
    orderNumber: string;
    title: string;
    state: OrderState;
    teamName: string | null;
    completedAt: string | null;
    timeline: TimelineStep[];
  } | null;
  ratingOpen: boolean;
  rating: { stars: number; comment: string; createdAt: string } | null;
}

export interface TeamNeed {
  id: string;
  needNumber: string;
  description: string;
  place: string;
  wantedFrom: string | null;
  wantedTo: string | null;
  contactVisible: boolean;
  contactName: string | null;
  contactPhone: string | null;
}

export interface TeamRef {
  id: string;
  name: string;
}

export interface Order {
  id: string;
  orderNumber: string;
  title: string;
  description: string;
  categoryCode: string;
  categoryName: string | null;
  regionCode: string;
  regionName: string | null;
  place: string;
  wantedFrom: string | null;
  wantedTo: string | null;
  state: OrderState;
  version: number;
  directedTeam: TeamRef | null;
  team: TeamRef | null;
  grabRegionCode: string | null;
  escalationLevel: number;
  windowEndsAt: string | null;
  acceptedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  needCount: number;
  toCallBack: number;
  availableActions: OrderAction[];
}

export interface OrderDetail extends Order {
  needs: Need[];
  teamNeeds: TeamNeed[];
  timeline: TimelineStep[];
  can: Record<
    'direct' | 'open' | 'reassign' | 'cancel' | 'complete' | 'accept' | 'decline' | 'grab',
    boolean
  >;
  myTeams: TeamRef[];
}

export interface InboxItem extends Order {
  box: 'directed' | 'open' | 'held' | 'done';
  teamNeeds: TeamNeed[];
  myTeams: TeamRef[];
}

export interface Suggestion {
  teamId: string;
  teamName: string;
  regionCode: string;
  categoryCode: string | null;
  total: number;
  category: number;
  distance: number;
  load: number;
  steps: number;
  currentLoad: number;
}

export interface TeamRanking {
  rule: string;
  minRatings: number;
  teams: {
    teamId: string;
    teamName: string;
    regionCode: string;
    categoryCode: string | null;
    average: number;
    count: number;
    fiveStar: boolean;
  }[];
}

export interface NewNeed {
  regionCode: string;
  projectId?: string;
  categoryCode?: string;
  description: string;
  place: string;
  wantedFrom?: string;
  wantedTo?: string;
  contactName: string;
  contactPhone: string;
}

export const getMenu = (regionCode: string, signal?: AbortSignal) =>
  api<Menu>('/vs/menu', { query: { regionCode }, signal });
export const submitNeed = (body: NewNeed) => api<Need>('/vs/needs', { method: 'POST', body });
export const submitNeedOnBehalf = (
  body: Omit<NewNeed, 'contactPhone'> & {
    channel: Exclude<Channel, 'self'>;
    residentId?: string;
    /** Left out for a registered resident with a phone on record: that phone is used. */
    contactPhone?: string;
  },
) => api<Need>('/vs/needs/on-behalf', { method: 'POST', body });
export const myNeeds = (signal?: AbortSignal) => api<MyNeed[]>('/vs/needs/mine', { signal });
export const listNeeds = (status: NeedStatus | undefined, signal?: AbortSignal) =>
  api<Need[]>('/vs/needs', { query: { status, limit: 200 }, signal });
export const acceptNeed = (id: string, title?: string) =>
  api<OrderDetail>(`/vs/needs/${id}/accept`, {
    method: 'POST',
    body: title ? { title } : {},
  });
export const rejectNeed = (id: string, reason: string) =>
  api<Need>(`/vs/needs/${id}/reject`, { method: 'POST', body: { reason } });
export const mergeNeeds = (needIds: string[], title: string) =>
  api<OrderDetail>('/vs/needs/merge', { method: 'POST', body: { needIds, title } });
export const rateNeed = (id: string, stars: number, comment: string) =>
  api<unknown>(`/vs/needs/${id}/rating`, { method: 'POST', body: { stars, comment } });

export const listOrders = (state: OrderState | undefined, signal?: AbortSignal) =>
  api<Order[]>('/vs/orders', { query: { state, limit: 200 }, signal });
export const getOrder = (id: string, signal?: AbortSignal) =>
  api<OrderDetail>(`/vs/orders/${id}`, { signal });
export const suggestions = (id: string, signal?: AbortSignal) =>
  api<{ formula: string; teams: Suggestion[] }>(`/vs/orders/${id}/suggestions`, { signal });
const act = (id: string, action: string, body: object = {}) =>
  api<OrderDetail>(`/vs/orders/${id}/${action}`, { method: 'POST', body });
export const directOrder = (id: string, teamId: string) => act(id, 'direct', { teamId });
export const openOrder = (id: string) => act(id, 'open');
export const reassignOrder = (id: string, note: string, teamId?: string) =>
  act(id, 'reassign', teamId ? { note, teamId } : { note });
export const cancelOrder = (id: string, reason: string) => act(id, 'cancel', { reason });
export const completeOrder = (id: string) => act(id, 'complete');
export const acceptOrder = (id: string, teamId?: string) =>
  act(id, 'accept', teamId ? { teamId } : {});
export const grabOrder = (id: string, teamId?: string) => act(id, 'grab', teamId ? { teamId } : {});
export const declineOrder = (id: string, reasonCode: DeclineReason, note?: string) =>
  act(id, 'decline', note ? { reasonCode, note } : { reasonCode });
export const teamInbox = (signal?: AbortSignal) => api<InboxItem[]>('/vs/inbox', { signal });
export const teamRanking = (signal?: AbortSignal) =>
  api<TeamRanking>('/vs/rankings/teams', { signal });
