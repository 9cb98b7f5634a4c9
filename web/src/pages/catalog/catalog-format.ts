import {
  CATALOG_CATEGORIES,
  CATALOG_TIERS,
  type BilingualText,
  type CatalogCategory,
  type CatalogTier,
} from '../../api/catalog-types';

/** The name in the UI language; the other language's name is the secondary line. */
export function localName(name: BilingualText, language: string): string {
  return language === 'en' ? name.en : name.zh;
}

export function otherName(name: BilingualText, language: string): string {
  return language === 'en' ? name.zh : name.en;
}

/** Fen as yuan with two decimals: 1050 → "10.50". */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

export interface CatalogFilter {
  q: string;
  category: CatalogCategory | undefined;
  tier: CatalogTier | undefined;
  /** Issue #15 point 9: a town's "47+N" (the shared items and its own). */
  town?: string | undefined;
  page: number;
}

const isCategory = (v: string | null): v is CatalogCategory =>
  v !== null && (CATALOG_CATEGORIES as readonly string[]).includes(v);
const isTier = (v: string | null): v is CatalogTier =>
  v !== null && (CATALOG_TIERS as readonly string[]).includes(v);

/** The list's filter from the address bar, so Back from an item returns to the same list. */
export function readFilter(params: URLSearchParams): CatalogFilter {
  const page = Number(params.get('page'));
  const category = params.get('category');
  const tier = params.get('tier');
  const town = params.get('town');
  return {
    q: (params.get('q') ?? '').slice(0, 50),
    category: isCategory(category) ? category : undefined,
    tier: isTier(tier) ? tier : undefined,
    town: /^\d{9}000$/.test(town ?? '') ? town! : undefined,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function writeFilter(filter: CatalogFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.category) params.set('category', filter.category);
  if (filter.tier) params.set('tier', filter.tier);
  if (filter.town) params.set('town', filter.town);
  if (filter.page > 1) params.set('page', String(filter.page));
  return params;
}
