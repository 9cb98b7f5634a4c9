/** Shapes of the cases and catalog JSON (src/modules/cases/case.schema.ts, catalog.schema.ts). */
import type { OpeningHours } from './types';

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
/** A material the case waits for now (GS-5): an open request from the notice or asked later. */
export interface MissingNow {
  key: string;
  name: Bilingual;
  /** notice: listed by the one-time notice; missing: asked later; defective: asked again (a second request). */
  kind: 'notice' | 'missing' | 'defective';
  blocking: boolean;
  reason: string | null;
  requestedAt: string;
}

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
  /** What is missing now: the case's open requests (derived on the server). */
  missingNow: MissingNow[];
  acceptedAt: string | null;
  dueDate: string | null;
  /** GS-8: the due date counts through a year whose holiday notice is not entered yet. */
  dueDateProvisional: boolean;
  provisionalYears: number[];
  light: DeadlineLight;
  result: CaseResult | null;
  resultText: string | null;
  version: number;
  availableActions: CaseAction[];
  createdAt: string;
  /** the 查询码 printed on the receipt; tracking needs it with the number. */
  trackingCode: string | null;
  /** Once delivered: by post, the address (staff who may see the case) and the masked phone. */
  delivery?: CaseDelivery | null;
}

export interface CaseDelivery {
  method: DeliveryMethod;
  stationId: string | null;
  postalAddress: string | null;
  recipientPhoneMasked: string | null;
  deliveredAt: string;
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
  /** The recipient's phone for the courier: stored encrypted, shown masked. */
  recipientPhone?: string;
}

export type DeliveryMethod = 'station' | 'post';

export type CaseBox = 'accepted_here' | 'inbox';

export interface TrackView {
  number: string;
  item: Bilingual;
  state: CaseState;
  station: string;
  dueDate: string | null;
  dueDateProvisional: boolean;
  provisionalYears: number[];
  missing: Bilingual[];
  result: CaseResult | null;
  /** The stations of the case's town where papers can be handed in, the applicant's first. */
  townStations: PublicStation[];
}

/** A station as anyone may see it (GET /public/stations): no personal data. */
export interface PublicStation {
  code: string;
  name: string;
  kind: 'district_centre' | 'town_centre' | 'village_station';
  regionCode: string;
  regionName: string;
  address: string;
  phone: string;
  openingHours: OpeningHours[];
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
