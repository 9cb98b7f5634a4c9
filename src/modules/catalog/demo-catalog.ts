/**
 * The demo catalog ("47+N", GS-1): the 47 base items a Beijing village-level 政务服务站 handles and
 * the extras (水电气缴费、交通处罚 …) that the Daxing "赶集式" pilot added.
 *
 * DEMO CONTENT. It is modelled on public Beijing lists (村级政务服务事项, 首都之窗) but the codes,
 * materials, time limits, routes and legal bases here are illustrative and have NOT been checked
 * against any official catalog. Every item is marked `isDemo: true`. Before real use, replace it
 * with (or check it line by line against) the local official catalog, e.g. by Excel import.
 */
import type { CatalogItem } from './catalog.schema.ts';
import { CARE_ITEMS } from './demo-catalog-care.ts';
import { EXTRA_ITEMS } from './demo-catalog-extras.ts';
import { FAMILY_ITEMS } from './demo-catalog-family.ts';
import { HEALTH_JOBS_ITEMS } from './demo-catalog-health-jobs.ts';
import { SOCIAL_ITEMS } from './demo-catalog-social.ts';
import { WELFARE_ITEMS } from './demo-catalog-welfare.ts';

export const DEMO_CATALOG: CatalogItem[] = [
  ...SOCIAL_ITEMS,
  ...HEALTH_JOBS_ITEMS,
  ...WELFARE_ITEMS,
  ...CARE_ITEMS,
  ...FAMILY_ITEMS,
  ...EXTRA_ITEMS,
];

/** 社会保障卡补办: the 李大爷 story (decided by the town centre, promised in 5 working days). */
export const DEMO_SOCIAL_CARD_REPLACEMENT = 'DX-SB-001';
