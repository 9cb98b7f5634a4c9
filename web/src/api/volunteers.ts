/** Volunteers, teams, categories, resources and projects (VS-1, VS-2). */
import { api } from './client';

export type DayPart = 'am' | 'pm' | 'evening';
export interface Availability {
  weekdays: number[];
  parts: DayPart[];
}
export type ConsentMethod = 'signed_form' | 'in_person' | 'phone';

export interface GuardianConsentInput {
  guardianName: string;
  relation: string;
  guardianPhone: string;
  method: ConsentMethod;
}

export interface Registration {
  idNumber: string;
  fullName: string;
  phone?: string;
  homeRegionCode: string;
  skills: string[];
  serviceRegionCodes: string[];
  availability: Availability;
  guardianConsent?: GuardianConsentInput;
}

export interface Volunteer {
  id: string;
  volunteerNumber: string;
  accountId: string | null;
  fullName: string;
  sex: 'male' | 'female';
  age: number;
  idMasked: string;
  phoneMasked: string | null;
  homeRegionCode: string;
  homeRegionName: string;
  skills: string[];
  serviceRegionCodes: string[];
  availability: Availability;
  guardianConsent: {
    guardianName: string;
    relation: string;
    guardianPhoneMasked: string;
    method: ConsentMethod;
    recordedAt: string;
  } | null;
  status: 'active' | 'suspended';
  selfRegistered: boolean;
  createdAt: string;
}

export type MemberStatus = 'pending' | 'approved' | 'rejected' | 'left';
/** What the caller may do to a join request (src/modules/volunteers/join-request.workflow.ts). */
export type JoinAction = 'request' | 'withdraw' | 'approve' | 'reject';
export type TeamKind = 'corps' | 'team' | 'subteam';

export interface Membership {
  id: string;
  teamId: string;
  teamName: string;
  teamKind: TeamKind;
  teamColour: string | null;
  status: MemberStatus;
  requestedAt: string;
  decidedAt: string | null;
  availableActions: JoinAction[];
}

export interface MyVolunteer {
  volunteer: Volunteer | null;
  memberships: Membership[];
}

export interface Category {
  code: string;
  nameZh: string;
  nameEn: string;
  colour: string | null;
  sortOrder: number;
  active: boolean;
}

export interface Team {
  id: string;
  parentId: string | null;
  kind: TeamKind;
  name: string;
  regionCode: string;
  regionName: string;
  categoryCode: string | null;
  colour: string | null;
  leaderAccountId: string | null;
  leaderName: string | null;
  organisationName: string;
  personInCharge: string;
  contactPhone: string;
  description: string;
  active: boolean;
  memberCount: number;
  ledByMe: boolean;
}

export interface NewTeam {
  kind: TeamKind;
  parentId?: string | null;
  name: string;
  regionCode: string;
  categoryCode?: string | null;
  colour?: string | null;
  organisationName: string;
  personInCharge: string;
  contactPhone: string;
  description?: string;
}

export interface Member {
  id: string;
  teamId: string;
  teamName: string;
  volunteerId: string;
  volunteerNumber: string;
  fullName: string;
  phoneMasked: string | null;
  skills: string[];
  status: MemberStatus;
  note: string | null;
  requestedAt: string;
  decidedAt: string | null;
  availableActions: JoinAction[];
}

export type ResourceKind = 'venue' | 'goods' | 'skill' | 'service' | 'other';

export interface Resource {
  id: string;
  name: string;
  kind: ResourceKind;
  description: string;
  categoryCode: string;
  regionCode: string;
  regionName: string;
  providerTeamId: string | null;
  providerTeamName: string | null;
  providerName: string;
  contact: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewResource {
  name: string;
  kind: ResourceKind;
  description: string;
  categoryCode: string;
  regionCode: string;
  providerTeamId?: string | null;
  providerName: string;
  contact?: string;
}

export interface Project {
  id: string;
  name: string;
  description: string;
  categoryCode: string;
  regionCode: string;
  regionName: string;
  teamId: string | null;
  teamName: string | null;
  schedule: string;
  onMenu: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewProject {
  name: string;
  description: string;
  categoryCode: string;
  regionCode: string;
  teamId?: string | null;
  schedule?: string;
  onMenu?: boolean;
}

export interface ListFilter {
  regionCode?: string | undefined;
  category?: string | undefined;
  q?: string | undefined;
  includeInactive?: 'true' | undefined;
}

const key = (k: string) => ({ 'Idempotency-Key': k });
const sig = (signal?: AbortSignal) => (signal ? { signal } : {});

export const fetchMyVolunteer = (signal?: AbortSignal) =>
  api<MyVolunteer>('/volunteers/me', sig(signal));
export const registerSelf = (body: Registration, idempotencyKey: string) =>
  api<Volunteer>('/volunteers/me', { method: 'POST', body, headers: key(idempotencyKey) });
export const registerOnBehalf = (body: Registration, idempotencyKey: string) =>
  api<Volunteer>('/volunteers', { method: 'POST', body, headers: key(idempotencyKey) });
export const listVolunteers = (
  query: { q?: string | undefined; skill?: string | undefined; limit: number; offset: number },
  signal?: AbortSignal,
) => api<Volunteer[]>('/volunteers', { query: { ...query }, ...sig(signal) });
export const updateVolunteer = (
  id: string,
  body: Partial<Pick<Volunteer, 'skills' | 'availability' | 'status'>> & { phone?: string | null },
) => api<Volunteer>(`/volunteers/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const listCategories = (signal?: AbortSignal) =>
  api<Category[]>('/vs/categories', sig(signal));

export const listTeams = (
  query: { regionCode?: string; category?: string; kind?: TeamKind; active?: 'true' | 'false' },
  signal?: AbortSignal,
) => api<Team[]>('/vs/teams', { query: { ...query }, ...sig(signal) });
export const createTeam = (body: NewTeam, idempotencyKey: string) =>
  api<Team>('/vs/teams', { method: 'POST', body, headers: key(idempotencyKey) });
export const updateTeam = (id: string, body: Partial<NewTeam> & { active?: boolean }) =>
  api<Team>(`/vs/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const requestJoin = (teamId: string, note?: string) =>
  api<Member>(`/vs/teams/${encodeURIComponent(teamId)}/join-requests`, {
    method: 'POST',
    body: note ? { note } : {},
  });
export const listJoinRequests = (signal?: AbortSignal) =>
  api<Member[]>('/vs/join-requests', { query: { status: 'pending' }, ...sig(signal) });
export const withdrawJoin = (id: string) =>
  api<Member>(`/vs/join-requests/${encodeURIComponent(id)}/withdrawal`, {
    method: 'POST',
    body: {},
  });
export const decideJoin = (id: string, decision: 'approve' | 'reject', note?: string) =>
  api<Member>(`/vs/join-requests/${encodeURIComponent(id)}/decision`, {
    method: 'POST',
    body: { decision, ...(note ? { note } : {}) },
  });
export const listMembers = (teamId: string, signal?: AbortSignal) =>
  api<Member[]>(`/vs/teams/${encodeURIComponent(teamId)}/members`, {
    query: { status: 'approved' },
    ...sig(signal),
  });

export const listResources = (filter: ListFilter, signal?: AbortSignal) =>
  api<Resource[]>('/vs/resources', { query: { ...filter }, ...sig(signal) });
export const createResource = (body: NewResource, idempotencyKey: string) =>
  api<Resource>('/vs/resources', { method: 'POST', body, headers: key(idempotencyKey) });
export const updateResource = (id: string, body: Partial<NewResource> & { active?: boolean }) =>
  api<Resource>(`/vs/resources/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const listProjects = (filter: ListFilter, signal?: AbortSignal) =>
  api<Project[]>('/vs/projects', { query: { ...filter }, ...sig(signal) });
export const createProject = (body: NewProject, idempotencyKey: string) =>
  api<Project>('/vs/projects', { method: 'POST', body, headers: key(idempotencyKey) });
export const updateProject = (id: string, body: Partial<NewProject> & { active?: boolean }) =>
  api<Project>(`/vs/projects/${encodeURIComponent(id)}`, { method: 'PATCH', body });
