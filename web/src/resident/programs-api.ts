/**
 * A guardian's calls for community programs (CP-2, issue #13) on the shared fetch helper: browse
 * the programs of my region, register my children, enrol, answer an offer, withdraw. The shapes
 * are the server's own (web/src/api/contract.ts, generated from its OpenAPI document; types only,
 * nothing of openapi-fetch reaches this entry). Every POST carries an Idempotency-Key.
 */
import { api } from '../api/client';
import type { Answer, BodyOf, Item } from '../api/contract';

export type Program = Item<Answer<'/api/v1/programs'>>;
export type ProgramClass = Program['classes'][number];
export type Child = Item<Answer<'/api/v1/programs/children'>>;
export type NewChild = BodyOf<'/api/v1/programs/children'>;
export type Enrolment = Item<Answer<'/api/v1/programs/enrolments'>>;
export type EnrolmentStatus = Enrolment['status'];
export type EnrolmentAction = Enrolment['availableActions'][number];
export type Relation = NewChild['relation'];
export type ChildDetails = BodyOf<'/api/v1/programs/children/{id}', 'patch'>;
export type Neighbourhoods = Answer<'/api/v1/programs/neighbourhoods'>;

/** The relations a guardian can state, in the order the form offers them. */
export const RELATIONS: readonly Relation[] = [
  'father',
  'mother',
  'grandparent',
  'other_relative',
  'legal_guardian',
];

const post = <T>(path: string, body: unknown, idempotencyKey: string) =>
  api<T>(path, {
    method: 'POST',
    ...(body === undefined ? {} : { body }),
    headers: { 'Idempotency-Key': idempotencyKey },
  });

/** Published programs of my region (the server takes my own region when none is given). */
/** A page of my children's enrolments (issue #16 p5: `after` is the previous page's nextCursor). */
export interface EnrolmentPage {
  items: Enrolment[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}
export const browsePrograms = (signal?: AbortSignal) =>
  api<Program[]>('/programs', { query: { view: 'browse', limit: 200 }, signal });
export const myChildren = (signal?: AbortSignal) => api<Child[]>('/programs/children', { signal });
export const registerChild = (body: NewChild, key: string) =>
  post<Child>('/programs/children', body, key);
/** CP-1: correct a child's school grade or 小区 (null clears it). */
export const updateChild = (id: string, body: ChildDetails) =>
  api<Child>(`/programs/children/${id}`, { method: 'PATCH', body });
/** The 小区 my community lists (the server takes my own region). */
export const myNeighbourhoods = (signal?: AbortSignal) =>
  api<Neighbourhoods>('/programs/neighbourhoods', { signal });
/** Every enrolment of my children (a few): the programs page and the attendance history mark classes by them. */
export const myEnrolments = (signal?: AbortSignal) =>
  api<Enrolment[]>('/programs/enrolments', { signal });
/** My children's enrolments by keyset, newest first: the enrolments page reads them a page at a time. */
export const pageMyEnrolments = (
  query: { limit: number; after?: string | undefined },
  signal?: AbortSignal,
) =>
  api<EnrolmentPage>('/programs/enrolments/page', {
    query: { limit: query.limit, after: query.after },
    signal,
  });
export type NewEnrolment = BodyOf<'/api/v1/programs/classes/{id}/enrolments'>;
export const enrol = (classId: string, body: NewEnrolment, key: string) =>
  post<Enrolment>(`/programs/classes/${classId}/enrolments`, body, key);

/** The guardian's own actions on an enrolment, each its own POST. */
export type GuardianAction = Extract<
  EnrolmentAction,
  'accept_offer' | 'decline_offer' | 'withdraw'
>;
const ACTION_PATH: Record<GuardianAction, string> = {
  accept_offer: 'accept',
  decline_offer: 'decline',
  withdraw: 'withdraw',
};
export const GUARDIAN_ACTIONS = Object.keys(ACTION_PATH) as GuardianAction[];

export const actOnEnrolment = (id: string, action: GuardianAction, key: string) =>
  // Withdrawing takes an (optional) reason; answering an offer takes no body.
  post<Enrolment>(
    `/programs/enrolments/${id}/${ACTION_PATH[action]}`,
    action === 'withdraw' ? {} : undefined,
    key,
  );
