import { api } from './client';

/** VS-6 serving: activities, sign-up and waitlist, rotating check-in codes, hours (src/modules/activities). */

export type Direction = 'in' | 'out';
export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled';
export type RecordStatus = 'checked_in' | 'pending_confirmation' | 'confirmed' | 'rejected';

export type ActivityAction = 'sign_up' | 'cancel_signup' | 'check_in' | 'show_code' | 'cancel';
/** src/modules/activities/signup.workflow.ts */
export type SignupAction = 'cancel' | 'promote' | 'record_attendance';
/** src/modules/records/record.workflow.ts */
export type RecordAction = 'check_out' | 'set_travel' | 'confirm' | 'reject';

export interface ServiceRecord {
  id: string;
  volunteerId: string;
  activityId: string;
  serviceDate: string;
  checkedInAt: string;
  checkedOutAt: string | null;
  checkInMethod: 'code' | 'lead';
  checkOutMethod: 'code' | 'lead' | null;
  travelMinutes: number;
  halfHours: number;
  hours: number;
  status: RecordStatus;
  evaluation: string | null;
  rejectReason: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  /** What the caller may do to the record now. */
  availableActions: RecordAction[];
}

export interface Activity {
  id: string;
  orderId: string | null;
  projectId: string | null;
  teamId: string;
  teamName: string;
  title: string;
  description: string;
  place: string;
  regionCode: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  skills: string[];
  leadAccountId: string;
  leadName: string;
  status: 'open' | 'cancelled' | 'completed';
  cancelReason: string | null;
  createdAt: string;
  canManage: boolean;
  mySignup: { status: SignupStatus; waitlistRank: number | null } | null;
  /** What the caller may do now (the server's activity.workflow.ts): show these buttons only. */
  availableActions: ActivityAction[];
}

export interface Signup {
  id: string;
  activityId: string;
  volunteerId: string;
  status: SignupStatus;
  waitlistRank: number | null;
  createdAt: string;
  promotedAt: string | null;
  cancelledAt: string | null;
}

export interface RosterEntry {
  signupId: string;
  volunteerId: string;
  volunteerNumber: string;
  fullName: string;
  phoneMasked: string | null;
  status: SignupStatus;
  waitlistRank: number | null;
  signedUpAt: string;
  promotedAt: string | null;
  record: ServiceRecord | null;
  /** What the lead may do to the sign-up now. */
  availableActions: SignupAction[];
}

export interface Roster {
  activity: Activity;
  confirmed: RosterEntry[];
  waitlist: RosterEntry[];
}

export interface CheckInCode {
  code: string;
  direction: Direction;
  validUntil: string;
  periodSeconds: number;
  link: string;
  qrDataUrl: string;
}

export interface MyActivity {
  activity: Activity;
  signup: Signup;
  record: ServiceRecord | null;
}

export interface NewActivity {
  orderId?: string;
  projectId?: string;
  teamId?: string;
  title: string;
  description?: string;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  skills?: string[];
}

const base = '/vs/activities';

export const listActivities = (view: 'open' | 'managed', signal?: AbortSignal) =>
  api<Activity[]>(base, { query: { view, limit: 100 }, ...(signal ? { signal } : {}) });
export const getActivity = (id: string, signal?: AbortSignal) =>
  api<Activity>(`${base}/${id}`, signal ? { signal } : {});
export const createActivity = (body: NewActivity, idempotencyKey: string) =>
  api<Activity>(base, {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
export const cancelActivity = (id: string, reason: string) =>
  api<Activity>(`${base}/${id}/cancel`, { method: 'POST', body: { reason } });
export const getRoster = (id: string, signal?: AbortSignal) =>
  api<Roster>(`${base}/${id}/roster`, signal ? { signal } : {});
export const getCode = (id: string, direction: Direction, signal?: AbortSignal) =>
  api<CheckInCode>(`${base}/${id}/code`, { query: { direction }, ...(signal ? { signal } : {}) });
export const signUp = (id: string) => api<Signup>(`${base}/${id}/signup`, { method: 'POST' });
export const cancelSignup = (id: string) =>
  api<Signup>(`${base}/${id}/signup/cancel`, { method: 'POST' });
export const submitCode = (id: string, direction: Direction, code: string) =>
  api<{ record: ServiceRecord }>(`${base}/${id}/check`, {
    method: 'POST',
    body: { direction, code },
  });
export const recordAttendance = (id: string, volunteerId: string, direction: Direction) =>
  api<{ record: ServiceRecord }>(`${base}/${id}/attendance`, {
    method: 'POST',
    body: { volunteerId, direction },
  });
export const myActivities = (when: 'upcoming' | 'past' | 'all', signal?: AbortSignal) =>
  api<MyActivity[]>('/vs/my-activities', { query: { when }, ...(signal ? { signal } : {}) });
export const setTravel = (recordId: string, travelMinutes: number) =>
  api<ServiceRecord>(`/vs/service-records/${recordId}/travel`, {
    method: 'POST',
    body: { travelMinutes },
  });
export const confirmHours = (recordId: string, travelMinutes?: number) =>
  api<ServiceRecord>(`/vs/service-records/${recordId}/confirm`, {
    method: 'POST',
    body: travelMinutes === undefined ? {} : { travelMinutes },
  });
export const rejectHours = (recordId: string, reason: string) =>
  api<ServiceRecord>(`/vs/service-records/${recordId}/reject`, {
    method: 'POST',
    body: { reason },
  });
