/** Shapes of the catalog API (src/modules/catalog/catalog.schema.ts, GS-1, GS-2). */

export const CATALOG_CATEGORIES = [
  'social_security',
  'medical_insurance',
  'civil_affairs',
  'disability',
  'elderly',
  'family_planning',
  'employment',
  'housing',
  'utilities',
  'traffic',
  'certification',
  'other',
] as const;
export type CatalogCategory = (typeof CATALOG_CATEGORIES)[number];

export const CATALOG_TIERS = ['base', 'extra'] as const;
export type CatalogTier = (typeof CATALOG_TIERS)[number];

export const MATERIAL_FORMS = ['original', 'copy', 'original_and_copy', 'e_licence'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

export const CHANNELS = ['window', 'appointment', 'home_visit', 'agent', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

/** 通办 scope around the resident's home region (GS-3). */
export const SCOPES = ['village', 'town', 'district', 'city'] as const;
export type Scope = (typeof SCOPES)[number];

export const DECIDERS = ['station', 'town_centre', 'district_department'] as const;
export type Decider = (typeof DECIDERS)[number];

export interface BilingualText {
  zh: string;
  en: string;
}

export interface Material {
  key: string;
  name: BilingualText;
  required: boolean;
  form: MaterialForm;
  copies: number;
  notes?: string;
}

export interface CatalogRoute {
  accepts: 'station';
  decides: Decider;
  department?: string;
}

/** One item definition: what PUT and POST take and what import reads. */
export interface CatalogItem {
  code: string;
  name: BilingualText;
  aliases: string[];
  category: CatalogCategory;
  tier: CatalogTier;
  /** Working days; 0 = 即办件. */
  legalLimitDays: number;
  promisedLimitDays: number;
  materials: Material[];
  conditions: string[];
  fee: { amountFen: number; waivers: string[] };
  channels: Channel[];
  inPersonVisits: number;
  scope: Scope;
  route: CatalogRoute;
  basis: string;
  procedure: string;
  isDemo: boolean;
}

/** One version of an item as the API shows it. */
export interface CatalogItemView extends CatalogItem {
  version: number;
  active: boolean;
  versionCreatedAt: string;
}

export interface CatalogItemSummary {
  code: string;
  name: BilingualText;
  aliases: string[];
  category: CatalogCategory;
  tier: CatalogTier;
  legalLimitDays: number;
  promisedLimitDays: number;
  inPersonVisits: number;
  decides: Decider;
  version: number;
  active: boolean;
  isDemo: boolean;
}

export interface CatalogPage {
  total: number;
  items: CatalogItemSummary[];
  /** Set when the list is limited to the caller's town (residents; issue #11). */
  town: { served: boolean } | null;
}

export interface CatalogImportResult {
  read: number;
  created: string[];
  versioned: { code: string; version: number }[];
  unchanged: number;
}

export type CatalogFileFormat = 'json' | 'xlsx';
