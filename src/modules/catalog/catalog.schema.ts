/**
 * GS-1: a service item (事项) is data. One definition per item version; a case keeps the version it
 * was filed under. GS-2: the definition is the same at every station — there is deliberately no
 * station (or town) field here and no per-station override anywhere in the catalog.
 */
import { z } from 'zod';
import { freeText } from '../../shared/free-text.ts';

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

export const CATALOG_CATEGORY_LABELS: Record<CatalogCategory, { zh: string; en: string }> = {
  social_security: { zh: '社会保险', en: 'Social security' },
  medical_insurance: { zh: '医疗保障', en: 'Medical insurance' },
  civil_affairs: { zh: '民政救助', en: 'Civil affairs and assistance' },
  disability: { zh: '残疾人服务', en: 'Disability services' },
  elderly: { zh: '老龄服务', en: 'Services for the elderly' },
  family_planning: { zh: '卫生健康与计划生育', en: 'Health and family planning' },
  employment: { zh: '就业创业', en: 'Employment' },
  housing: { zh: '农村住房与宅基地', en: 'Rural housing and homesteads' },
  utilities: { zh: '生活缴费', en: 'Utility bills' },
  traffic: { zh: '交通出行', en: 'Traffic and transport' },
  certification: { zh: '证件证明', en: 'Certificates and registration' },
  other: { zh: '其他', en: 'Other' },
};

export const CatalogCategorySchema = z.enum(CATALOG_CATEGORIES);
export const CatalogTierSchema = z.enum(['base', 'extra']);
export const MaterialFormSchema = z.enum(['original', 'copy', 'original_and_copy', 'e_licence']);
export const ChannelSchema = z.enum(['window', 'appointment', 'home_visit', 'agent', 'online']);
/** 通办 scope around the resident's home region (GS-3). */
export const ScopeSchema = z.enum(['village', 'town', 'district', 'city']);
export const DeciderSchema = z.enum(['station', 'town_centre', 'district_department']);

/** A town's 12-digit code (e.g. 110115110000, 魏善庄镇): whose own items ("+N") are meant. */
export const TownCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{9}000$/, 'a town’s 12-digit code, like 110115110000')
  .refine((c) => !/^\d{6}000000$/.test(c), 'a town’s code, not a district’s or above');

export const CatalogCodeSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+){1,3}$/, 'upper-case letters and digits like DX-SB-001');

const MAX_DAYS = 365;
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\r\n]*$/, 'one line; put each entry on its own line instead');
const Bilingual = (max: number) => z.strictObject({ zh: oneLine(max), en: oneLine(max) });
const Days = z.number().int().min(0).max(MAX_DAYS);

export const MaterialSchema = z
  .strictObject({
    /** Stable within the item: the intake checklist and the One-time Notice refer to it. */
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'a slug like id_card (a–z, 0–9, _)'),
    name: Bilingual(100),
    required: z.boolean(),
    form: MaterialFormSchema,
    /** Sheets handed in: 0 for an original that is only shown, at least 1 for copies. */
    copies: z.number().int().min(0).max(20),
    notes: freeText({ max: 500 }).optional(),
  })
  .superRefine((m, ctx) => {
    if ((m.form === 'copy' || m.form === 'original_and_copy') && m.copies < 1)
      ctx.addIssue({ code: 'custom', path: ['copies'], message: 'a copy needs copies ≥ 1' });
    if (m.form === 'e_licence' && m.copies !== 0)
      ctx.addIssue({ code: 'custom', path: ['copies'], message: 'an e-licence has copies = 0' });
  });

export const RouteSchema = z
  .strictObject({
    accepts: z.literal('station'),
    decides: DeciderSchema,
    /** The deciding department, e.g. 区人力资源和社会保障局; required for a district department. */
    department: freeText({ max: 100 }).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.decides === 'district_department' && !r.department)
      ctx.addIssue({
        code: 'custom',
        path: ['department'],
        message: 'required when a district department decides',
      });
  });

/** The fields of an item; `CatalogItemSchema` adds the rules across fields. */
export const CatalogItemShape = z.strictObject({
  code: CatalogCodeSchema,
  name: Bilingual(100),
  /** Common short names (社保卡): searched by characters, pinyin and initials. */
  aliases: z.array(oneLine(30)).max(10).default([]),
  category: CatalogCategorySchema,
  tier: CatalogTierSchema,
  /** Working days; 0 = 即办件, done on the spot. */
  legalLimitDays: Days,
  promisedLimitDays: Days,
  materials: z.array(MaterialSchema).min(1).max(50),
  conditions: z.array(oneLine(500)).max(30),
  fee: z.strictObject({
    amountFen: z.number().int().min(0).max(100_000_000),
    waivers: z.array(oneLine(300)).max(20),
  }),
  channels: z.array(ChannelSchema).min(1).max(5),
  /** 到办事现场次数: how many times the applicant must come in person. */
  inPersonVisits: z.number().int().min(0).max(5),
  scope: ScopeSchema.default('town'),
  route: RouteSchema,
  basis: freeText({ max: 2000 }),
  procedure: freeText({ max: 4000 }),
  isDemo: z.boolean().default(false),
});

export const CatalogItemSchema = CatalogItemShape.superRefine((item, ctx) => {
  if (item.promisedLimitDays > item.legalLimitDays)
    ctx.addIssue({
      code: 'custom',
      path: ['promisedLimitDays'],
      message: 'the promised limit may not exceed the legal limit',
    });
  const seen = new Map<string, number>();
  item.materials.forEach((m, i) => {
    const first = seen.get(m.key);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['materials', i, 'key'],
        message: `duplicate material key "${m.key}" (also materials[${first}])`,
      });
    else seen.set(m.key, i);
  });
  if (new Set(item.channels).size !== item.channels.length)
    ctx.addIssue({ code: 'custom', path: ['channels'], message: 'a channel is listed twice' });
  const remote = item.channels.some((c) => c === 'online' || c === 'home_visit' || c === 'agent');
  if (item.inPersonVisits === 0 && !remote)
    ctx.addIssue({
      code: 'custom',
      path: ['inPersonVisits'],
      message: '0 visits needs an online, home-visit or agent channel',
    });
});

export type CatalogItem = z.output<typeof CatalogItemSchema>;
export type CatalogItemInput = z.input<typeof CatalogItemSchema>;
export type Material = z.output<typeof MaterialSchema>;
export type CatalogTier = z.output<typeof CatalogTierSchema>;
export type Channel = z.output<typeof ChannelSchema>;

/** One version of an item as the API shows it. */
export const CatalogItemView = CatalogItemShape.extend({
  /** Issue #15 point 9: null for a shared item; a town's own item ("+N") names its town's code. */
  town: z.string().nullable(),
  version: z.number().int(),
  active: z.boolean(),
  versionCreatedAt: z.string(),
});
export type CatalogItemView = z.output<typeof CatalogItemView>;

export const CatalogItemSummary = z.object({
  code: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  aliases: z.array(z.string()),
  category: CatalogCategorySchema,
  tier: CatalogTierSchema,
  legalLimitDays: z.number().int(),
  promisedLimitDays: z.number().int(),
  inPersonVisits: z.number().int(),
  /** GS-10: how it may be filed (window, appointment, home_visit, agent, online). */
  channels: z.array(ChannelSchema),
  decides: DeciderSchema,
  /** Issue #15 point 9: null for a shared item, else the town whose own item it is. */
  town: z.string().nullable(),
  version: z.number().int(),
  active: z.boolean(),
  isDemo: z.boolean(),
});
export type CatalogItemSummary = z.output<typeof CatalogItemSummary>;

export const CatalogListQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  category: CatalogCategorySchema.optional(),
  tier: CatalogTierSchema.optional(),
  /** GS-10: only items offering this channel (online: what a resident may file from the phone). */
  channel: ChannelSchema.optional(),
  /** Issue #15 point 9: the shared items plus this town's own (its "47+N"). */
  town: TownCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
