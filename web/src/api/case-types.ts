/** Shapes of the cases and catalog JSON (src/modules/cases/case.schema.ts, catalog.schema.ts). */

export interface Bilingual {
  zh: string;
  en: string;
}

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
] as const;
export type CaseState = (typeof CASE_STATES)[number];

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
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export type DeadlineLight = 'green' | 'yellow' | 'red' | 'paused' | 'none';
export type Decider = 'station' | 'town_centre' | 'district_department';
export type CaseResult = 'approved' | 'not_approved';
export type SupplementKind = 'missing' | 'defective';
export type MaterialForm = 'original' | 'copy' | 'original_and_copy' | 'e_licence';

export interface NoticeMaterial {
  key: string;
  name: Bilingual;
  required: boolean;
  blocking: boolean;
  form: MaterialForm;
  copies: number;
  notes?: string | undefined;
}

export interface Fee {
  amountFen: number;
  waivers: string[];
}

/** 一次性告知书 (GS-5). */
export interface OneTimeNotice {
  itemCode: string;
  itemVersion: number;
  complete: boolean;
  missing: NoticeMaterial[];
  basis: string;
  procedure: string;
  promisedLimitDays: number;
  fee: Fee;
}

export interface CaseView {
  id: string;
  number: string;
  item: { code: string; version: number; name: Bilingual };
  applicant: { id: string; fullName: string; idMasked: string };
  homeRegionCode: string;
  /** The home village's name (e.g. 三顺庄村). */
  homeRegionName: string;
  acceptingStation: { id: string; name: string };
  isTongban: boolean;
  decidedBy: Decider;
  decidingStationId: string | null;
  state: CaseState;
  firstResponderId: string;
  /** 首问负责人 (GS-4). */
  firstResponder: { id: string; displayName: string };
  presented: string[];
  notice: OneTimeNotice;
  acceptedAt: string | null;
  dueDate: string | null;
  light: DeadlineLight;
  result: CaseResult | null;
  resultText: string | null;
  version: number;
  availableActions: CaseAction[];
  createdAt: string;
  /** the 查询码 printed on the receipt; tracking needs it with the number. */
  trackingCode: string | null;
}

export interface NewCase {
  residentId: string;
  itemCode: string;
  presented: string[];
  stationId?: string;
}

export interface TransitionRequest {
  action: CaseAction;
  expectedVersion: number;
  reason?: string;
  presented?: string[];
  materialKey?: string;
  kind?: SupplementKind;
  result?: CaseResult;
  resultText?: string;
  /** deliver: collected at this station (default) or mailed. */
  deliveryMethod?: DeliveryMethod;
  postalAddress?: string;
}

export type DeliveryMethod = 'station' | 'post';

export type CaseBox = 'accepted_here' | 'inbox';

export interface TrackView {
  number: string;
  item: Bilingual;
  state: CaseState;
  station: string;
  dueDate: string | null;
  missing: Bilingual[];
  result: CaseResult | null;
}

export interface CatalogItemSummary {
  code: string;
  name: Bilingual;
  aliases: string[];
  category: string;
  tier: 'base' | 'extra';
  legalLimitDays: number;
  promisedLimitDays: number;
  inPersonVisits: number;
  decides: Decider;
  version: number;
  active: boolean;
  isDemo: boolean;
}

export interface CatalogMaterial {
  key: string;
  name: Bilingual;
  required: boolean;
  form: MaterialForm;
  copies: number;
  notes?: string | undefined;
}

/** One version of an item, with everything the intake checklist and the notice need. */
export interface CatalogItem {
  code: string;
  version: number;
  name: Bilingual;
  aliases: string[];
  category: string;
  tier: 'base' | 'extra';
  legalLimitDays: number;
  promisedLimitDays: number;
  materials: CatalogMaterial[];
  conditions: string[];
  fee: Fee;
  inPersonVisits: number;
  scope: 'village' | 'town' | 'district' | 'city';
  route: { accepts: 'station'; decides: Decider; department?: string | undefined };
  basis: string;
  procedure: string;
  active: boolean;
}

export const SCAN_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

/** A stored scan of one material (the file itself is served at `url`). */
export interface CaseScan {
  id: string;
  caseId: string;
  materialKey: string;
  contentType: ScanType;
  sizeBytes: number;
  sha256: string;
  uploadedBy: { id: string; displayName: string };
  uploadedAt: string;
  url: string;
}

/** GET /cases/figures: one accepting station's counts and its second-request rate (二次补正率). */
export interface StationFigures {
  stationId: string;
  stationName: string;
  regionCode: string;
  filed: number;
  accepted: number;
  open: number;
  overdue: number;
  paused: number;
  tongban: number;
  secondRequests: number;
  secondRequestRate: number;
}
