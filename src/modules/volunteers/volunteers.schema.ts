import { z } from 'zod';
import { RegionCodeSchema } from '../regions/regions.schema.ts';
import { IdNumberInput, PhoneInput } from '../residents/residents.schema.ts';
import { freeText } from '../../shared/free-text.ts';
import { AfterCursor } from '../../shared/keyset.ts';
import { JOIN_ACTIONS, JOIN_STATUSES } from './join-request.workflow.ts';

const JoinStatus = z.enum(JOIN_STATUSES);
/** What the caller may do to a join request now (join-request.workflow.ts). */
const JoinActions = z.array(z.enum(JOIN_ACTIONS));

/* ---------- shared ---------- */

export const DAY_PARTS = ['am', 'pm', 'evening'] as const;
/** When a volunteer can serve: these weekdays (1 = Monday … 7 = Sunday) × these day parts. */
export const Availability = z.strictObject({
  weekdays: z
    .array(z.number().int().min(1).max(7))
    .max(7)
    .transform((d) => [...new Set(d)].sort()),
  parts: z
    .array(z.enum(DAY_PARTS))
    .max(3)
    .transform((p) => DAY_PARTS.filter((x) => p.includes(x))),
});
export type AvailabilityValue = z.infer<typeof Availability>;

const Skills = z.array(freeText({ max: 30 })).max(20);
const ServiceRegions = z.array(RegionCodeSchema).max(20);
const Uuid = z.string().uuid();
const Flag = z.enum(['true', 'false']).optional();

export const GuardianConsentInput = z.strictObject({
  guardianName: z.string().trim().min(1).max(50),
  relation: freeText({ max: 20 }),
  guardianPhone: PhoneInput,
  method: z.enum(['signed_form', 'in_person', 'phone']),
  /** When the consent was given; defaults to now; never in the future. */
  recordedAt: z.iso.datetime().optional(),
});

const VolunteerFields = {
  idNumber: IdNumberInput,
  fullName: z.string().trim().min(1).max(50),
  phone: PhoneInput.optional(),
  homeRegionCode: RegionCodeSchema,
  skills: Skills.default([]),
  serviceRegionCodes: ServiceRegions.default([]),
  availability: Availability.default({ weekdays: [], parts: [] }),
  guardianConsent: GuardianConsentInput.optional(),
};

/** Self-registration: the caller's own account is linked and gains the `volunteer` role. */
export const SelfRegistration = z.strictObject(VolunteerFields);
/** Registration by centre staff on someone's behalf (no account linked). */
export const StaffRegistration = z.strictObject(VolunteerFields);

export const VolunteerUpdate = z
  .strictObject({
    phone: PhoneInput.nullable().optional(),
    skills: Skills.optional(),
    serviceRegionCodes: ServiceRegions.optional(),
    availability: Availability.optional(),
    /** Centre staff only. */
    status: z.enum(['active', 'suspended']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const GuardianConsentView = z.object({
  guardianName: z.string(),
  relation: z.string(),
  guardianPhoneMasked: z.string(),
  method: z.enum(['signed_form', 'in_person', 'phone']),
  recordedAt: z.string(),
});

export const VolunteerView = z.object({
  id: z.string(),
  volunteerNumber: z.string(),
  accountId: z.string().nullable(),
  fullName: z.string(),
  sex: z.enum(['male', 'female']),
  age: z.number().int(),
  idMasked: z.string(),
  phoneMasked: z.string().nullable(),
  homeRegionCode: z.string(),
  homeRegionName: z.string(),
  skills: z.array(z.string()),
  serviceRegionCodes: z.array(z.string()),
  availability: z.object({
    weekdays: z.array(z.number()),
    parts: z.array(z.enum(DAY_PARTS)),
  }),
  guardianConsent: GuardianConsentView.nullable(),
  status: z.enum(['active', 'suspended']),
  selfRegistered: z.boolean(),
  createdAt: z.string(),
});

export const MembershipView = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  teamKind: z.enum(['corps', 'team', 'subteam']),
  teamColour: z.string().nullable(),
  status: JoinStatus,
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  availableActions: JoinActions,
});

export const MyVolunteerView = z.object({
  volunteer: VolunteerView.nullable(),
  memberships: z.array(MembershipView),
});

export const VolunteerQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  regionCode: RegionCodeSchema.optional(),
  skill: z.string().trim().max(30).optional(),
  status: z.enum(['active', 'suspended']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Issue #16 p5: the same filters, paged by keyset. */
export const VolunteerPageQuery = VolunteerQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

/* ---------- categories ---------- */

const Colour = z.string().trim().min(1).max(20);

export const NewCategory = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits, _'),
  nameZh: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(60),
  colour: Colour.nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).default(100),
  /**
   * The owner region: omitted = the caller's own region (a centre's own category); null =
   * national, for every region (only an administrator covering the whole region tree).
   */
  regionCode: RegionCodeSchema.nullable().optional(),
});
export const CategoryUpdate = z
  .strictObject({
    nameZh: z.string().trim().min(1).max(30).optional(),
    nameEn: z.string().trim().min(1).max(60).optional(),
    colour: Colour.nullable().optional(),
    sortOrder: z.number().int().min(0).max(9999).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export const CategoryView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  colour: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  /** The owner region; null = national. */
  regionCode: z.string().nullable(),
});
export const CategoryQuery = z.strictObject({
  includeInactive: Flag,
  /** The menu of one region: national categories and those of the regions it lies in. */
  regionCode: RegionCodeSchema.optional(),
});

/* ---------- teams ---------- */

export const TEAM_KINDS = ['corps', 'team', 'subteam'] as const;
const CategoryCode = z.string().min(1).max(40);

export const NewTeam = z.strictObject({
  kind: z.enum(TEAM_KINDS),
  parentId: Uuid.nullable().optional(),
  name: z.string().trim().min(1).max(100),
  regionCode: RegionCodeSchema,
  categoryCode: CategoryCode.nullable().optional(),
  colour: Colour.nullable().optional(),
  leaderAccountId: Uuid.nullable().optional(),
  organisationName: z.string().trim().min(1).max(100),
  personInCharge: z.string().trim().min(1).max(50),
  contactPhone: PhoneInput,
  description: freeText({ max: 1000, min: 0 }).default(''),
});
export const TeamUpdate = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    categoryCode: CategoryCode.nullable().optional(),
    colour: Colour.nullable().optional(),
    leaderAccountId: Uuid.nullable().optional(),
    organisationName: z.string().trim().min(1).max(100).optional(),
    personInCharge: z.string().trim().min(1).max(50).optional(),
    contactPhone: PhoneInput.optional(),
    description: freeText({ max: 1000, min: 0 }).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const TeamView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(TEAM_KINDS),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  categoryCode: z.string().nullable(),
  colour: z.string().nullable(),
  leaderAccountId: z.string().nullable(),
  leaderName: z.string().nullable(),
  organisationName: z.string(),
  personInCharge: z.string(),
  contactPhone: z.string(),
  description: z.string(),
  active: z.boolean(),
  memberCount: z.number().int(),
  /** Whether the caller leads this team or one above it. */
  ledByMe: z.boolean(),
});
export const TeamQuery = z.strictObject({
  regionCode: RegionCodeSchema.optional(),
  category: CategoryCode.optional(),
  kind: z.enum(TEAM_KINDS).optional(),
  active: Flag,
  q: z.string().trim().max(50).optional(),
});

export const JoinRequest = z.strictObject({ note: freeText({ max: 200, min: 0 }).optional() });
export const JoinDecision = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: freeText({ max: 200, min: 0 }).optional(),
});
export const MemberView = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  volunteerId: z.string(),
  volunteerNumber: z.string(),
  fullName: z.string(),
  phoneMasked: z.string().nullable(),
  skills: z.array(z.string()),
  status: JoinStatus,
  note: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  availableActions: JoinActions,
});
export const MemberQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected', 'left']).optional(),
});
export const JoinRequestQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected', 'left']).default('pending'),
});

/* ---------- resources and projects (VS-2) ---------- */

export const RESOURCE_KINDS = ['venue', 'goods', 'skill', 'service', 'other'] as const;

export const NewResource = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(RESOURCE_KINDS),
  description: freeText({ max: 1000 }),
  categoryCode: CategoryCode,
  regionCode: RegionCodeSchema,
  providerTeamId: Uuid.nullable().optional(),
  providerName: z.string().trim().min(1).max(100),
  contact: z.string().trim().max(100).default(''),
});
export const ResourceUpdate = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    kind: z.enum(RESOURCE_KINDS).optional(),
    description: freeText({ max: 1000 }).optional(),
    categoryCode: CategoryCode.optional(),
    providerName: z.string().trim().min(1).max(100).optional(),
    contact: z.string().trim().max(100).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export const ResourceView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  description: z.string(),
  categoryCode: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  providerTeamId: z.string().nullable(),
  providerTeamName: z.string().nullable(),
  providerName: z.string(),
  contact: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const NewProject = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: freeText({ max: 1000 }),
  categoryCode: CategoryCode,
  regionCode: RegionCodeSchema,
  teamId: Uuid.nullable().optional(),
  schedule: freeText({ max: 100, min: 0 }).default(''),
  onMenu: z.boolean().default(true),
});
export const ProjectUpdate = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    description: freeText({ max: 1000 }).optional(),
    categoryCode: CategoryCode.optional(),
    schedule: freeText({ max: 100, min: 0 }).optional(),
    onMenu: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export const ProjectView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  categoryCode: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  schedule: z.string(),
  onMenu: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ListQuery = z.strictObject({
  regionCode: RegionCodeSchema.optional(),
  category: CategoryCode.optional(),
  q: z.string().trim().max(50).optional(),
  teamId: Uuid.optional(),
  includeInactive: Flag,
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ProjectQuery = ListQuery.extend({ onMenu: Flag });
