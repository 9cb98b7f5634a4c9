/**
 * catalog_item_versions.definition read back (#12 point 5): every field the application relies on
 * is checked by type, not re-validated against today's input rules (an old version written under
 * other length limits still reads), and nothing stored is dropped. A definition of another shape
 * is an internal error naming the column, never a cast.
 */
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';
import {
  CatalogCategorySchema,
  CatalogTierSchema,
  ChannelSchema,
  DeciderSchema,
  MaterialFormSchema,
  ScopeSchema,
  type CatalogItem,
} from './catalog.schema.ts';

const Bilingual = z.looseObject({ zh: z.string(), en: z.string() });

const StoredMaterial = z.looseObject({
  key: z.string(),
  name: Bilingual,
  required: z.boolean(),
  form: MaterialFormSchema,
  copies: z.number(),
  notes: z.string().optional(),
});

export const StoredCatalogItem = z.looseObject({
  code: z.string(),
  name: Bilingual,
  aliases: z.array(z.string()).default([]),
  category: CatalogCategorySchema,
  tier: CatalogTierSchema,
  legalLimitDays: z.number(),
  promisedLimitDays: z.number(),
  materials: z.array(StoredMaterial),
  conditions: z.array(z.string()),
  fee: z.looseObject({ amountFen: z.number(), waivers: z.array(z.string()) }),
  channels: z.array(ChannelSchema),
  inPersonVisits: z.number(),
  scope: ScopeSchema.default('town'),
  route: z.looseObject({
    accepts: z.literal('station'),
    decides: DeciderSchema,
    department: z.string().optional(),
  }),
  basis: z.string(),
  procedure: z.string(),
  isDemo: z.boolean().default(false),
});

export function parseDefinition(value: string): CatalogItem {
  return parseJsonColumn(StoredCatalogItem, value, 'catalog_item_versions.definition');
}
