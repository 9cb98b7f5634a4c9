/**
 * Shapes of the catalog API (GS-1, GS-2), named from the generated contract (issue #12).
 */
import type { Answer, Item } from './contract';

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
] as const satisfies readonly CatalogCategory[];
export type CatalogCategory = CatalogItem['category'];

export const CATALOG_TIERS = ['base', 'extra'] as const satisfies readonly CatalogTier[];
export type CatalogTier = CatalogItem['tier'];

export const MATERIAL_FORMS = [
  'original',
  'copy',
  'original_and_copy',
  'e_licence',
] as const satisfies readonly MaterialForm[];
export type MaterialForm = Material['form'];

export const CHANNELS = [
  'window',
  'appointment',
  'home_visit',
  'agent',
  'online',
] as const satisfies readonly Channel[];
export type Channel = Item<CatalogItem['channels']>;

/** 通办 scope around the resident's home region (GS-3). */
export const SCOPES = ['village', 'town', 'district', 'city'] as const satisfies readonly Scope[];
export type Scope = CatalogItem['scope'];

export const DECIDERS = [
  'station',
  'town_centre',
  'district_department',
] as const satisfies readonly Decider[];
export type Decider = CatalogRoute['decides'];

export type CatalogItemView = Answer<'/api/v1/catalog/items/{code}'>;
/** The item as an editor writes it: the view without what the server keeps per version. */
export type CatalogItem = Omit<CatalogItemView, 'version' | 'active' | 'versionCreatedAt' | 'town'>;
export type BilingualText = CatalogItem['name'];
export type Material = Item<CatalogItem['materials']>;
export type CatalogRoute = CatalogItem['route'];
export type CatalogPage = Answer<'/api/v1/catalog/items'>;
export type CatalogItemSummary = Item<CatalogPage['items']>;
export type CatalogImportResult = Answer<'/api/v1/catalog/import', 'post'>;

export type CatalogFileFormat = 'json' | 'xlsx';
