/**
 * Case shapes (GS-3 … GS-9), named from the generated API contract (issue #12): the server's
 * OpenAPI document is the one source; `npm run gen:api` refreshes it.
 */
import type { Answer, BodyOf, Item, QueryOf } from './contract';

export type CaseView = Answer<'/api/v1/cases/{id}'>;
export type CaseState = CaseView['state'];
export type CaseAction = Item<CaseView['availableActions']>;

/** Every state, in the workflow's order (the filters and the action log list them). */
export const CASE_STATES = [
  'awaiting_supplement',
  'accepted',
  'in_progress',
  'suspended',
  'decided',
  'delivered',
  'closed',
  'refused',
  'withdrawn',
] as const satisfies readonly CaseState[];

export const CASE_ACTIONS = [
  'supplement',
  'refuse',
  'route',
  'request_supplement',
  'forward',
  'suspend',
  'resume',
  'decide',
  'deliver',
  'close',
  'withdraw',
] as const satisfies readonly CaseAction[];

export type Bilingual = CaseView['item']['name'];
export type DeadlineLight = CaseView['light'];
export type Decider = CaseView['decidedBy'];
export type CaseResult = NonNullable<CaseView['result']>;
export type OneTimeNotice = CaseView['notice'];
export type NoticeMaterial = Item<OneTimeNotice['missing']>;
export type MaterialForm = NoticeMaterial['form'];
export type Fee = OneTimeNotice['fee'];
export type MissingNow = Item<CaseView['missingNow']>;
export type CaseDelivery = NonNullable<CaseView['delivery']>;
export type DeliveryMethod = CaseDelivery['method'];

export type NewCase = BodyOf<'/api/v1/cases'>;
export type TransitionRequest = BodyOf<'/api/v1/cases/{id}/transitions'>;
export type SupplementKind = NonNullable<TransitionRequest['kind']>;
export type CaseBox = NonNullable<QueryOf<'/api/v1/cases'>['box']>;

export type TrackView = Answer<'/api/v1/track'>;
export type PublicStation = Item<TrackView['townStations']>;

export type CatalogItemSummary = Item<Answer<'/api/v1/catalog/items'>['items']>;
export type CatalogItem = Answer<'/api/v1/catalog/items/{code}'>;
export type CatalogMaterial = Item<CatalogItem['materials']>;

export const SCAN_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type CaseScan = Answer<'/api/v1/cases/{id}/attachments', 'post'>;
export type ScanType = CaseScan['contentType'];

export type CaseDrillRow = Item<Answer<'/api/v1/cases/figures/drill'>>;
