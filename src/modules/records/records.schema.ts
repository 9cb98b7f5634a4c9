import { z } from 'zod';
import { isDate } from './figures.rules.ts';
import { freeText } from '../../shared/free-text.ts';
import { AfterCursor } from '../../shared/keyset.ts';

const DateText = z.string().refine(isDate, 'a date YYYY-MM-DD');

export const VolunteerParams = z.strictObject({ volunteerId: z.string().uuid() });
export const IdParams = z.strictObject({ id: z.string().uuid() });

export const NewRecordEntry = z.strictObject({
  /** The recording team (the volunteer's team or a team above it that the caller acts for). */
  teamId: z.string().uuid(),
  kind: z.enum(['training', 'award']),
  title: freeText({ max: 200 }),
  onDate: DateText,
  /** Training hours in 0.5 h steps (0 for awards). */
  hours: z
    .number()
    .min(0)
    .max(1000)
    .refine((h) => Number.isInteger(h * 2), 'hours in 0.5 h steps')
    .default(0),
  note: freeText({ max: 1000, min: 0 }).default(''),
});

export const NewCertificate = z.strictObject({
  volunteerId: z.string().uuid(),
  /** The organisation holding the records; the certificate covers it and its sub-teams. */
  teamId: z.string().uuid(),
});

export const CertificatePreviewQuery = NewCertificate;

export const RevokeCertificate = z.strictObject({ reason: freeText({ max: 500 }) });

export const CertificateListQuery = z.strictObject({
  volunteerId: z.string().uuid().optional(),
  teamId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
/** Issue #16 p5: the same filters, paged by keyset (`after`: the previous page's nextCursor). */
export const CertificatePageQuery = CertificateListQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

export const VerifyParams = z.strictObject({ number: z.string().trim().min(1).max(40) });

export const AssignStarPack = z.strictObject({ packCode: z.string().trim().min(1).max(40) });
export const RegionParams = z.strictObject({ regionCode: z.string().regex(/^\d{12}$/) });

export const FiguresQuery = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  from: DateText.optional(),
  to: DateText.optional(),
});

/* ---------- views ---------- */

export const StarView = z.object({
  stars: z.number(),
  hours: z.number(),
  nextThreshold: z.number().nullable(),
  hoursToNext: z.number().nullable(),
  progress: z.number(),
  pack: z.object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    thresholds: z.array(z.number()),
  }),
  packSource: z.enum(['assigned', 'default']),
});

const ServiceView = z.object({
  id: z.string(),
  teamId: z.string(),
  organisation: z.string(),
  teamName: z.string(),
  content: z.string(),
  date: z.string(),
  place: z.string(),
  hours: z.number(),
  status: z.enum(['checked_in', 'pending_confirmation', 'confirmed', 'rejected']),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  evaluation: z.string().nullable(),
  /** Ratings of the order this service belonged to (VS-7), by its requesters. */
  orderRating: z.object({ average: z.number(), count: z.number() }).nullable(),
});

export const EntryView = z.object({
  id: z.string(),
  teamId: z.string(),
  organisation: z.string(),
  kind: z.enum(['training', 'award']),
  title: z.string(),
  onDate: z.string(),
  hours: z.number(),
  note: z.string(),
  recordedBy: z.string(),
  createdAt: z.string(),
});

export const CertificateSummary = z.object({
  id: z.string(),
  certificateNumber: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  teamId: z.string(),
  organisation: z.string(),
  hours: z.number(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  verifyUrl: z.string(),
});

export const SnapshotView = z.object({
  certificateNumber: z.string(),
  issuedOn: z.string(),
  volunteer: z.object({ name: z.string(), idMasked: z.string(), volunteerNumber: z.string() }),
  totalHalfHours: z.number(),
  totalHours: z.number(),
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  services: z.array(
    z.object({
      date: z.string(),
      content: z.string(),
      place: z.string(),
      hours: z.number(),
      organisation: z.string(),
    }),
  ),
  training: z.array(z.object({ date: z.string(), title: z.string(), hours: z.number() })),
  issuer: z.object({
    organisation: z.string(),
    teamName: z.string(),
    personInCharge: z.string(),
    handler: z.string(),
    contactPhone: z.string(),
  }),
  verifyUrl: z.string(),
});

export const CertificateView = CertificateSummary.extend({ snapshot: SnapshotView });

export const RecordView = z.object({
  volunteer: z.object({
    id: z.string(),
    name: z.string(),
    idMasked: z.string(),
    volunteerNumber: z.string(),
    homeRegionCode: z.string(),
    status: z.enum(['active', 'suspended']),
  }),
  /** Confirmed hours in the services shown (the caller may see only part of the record). */
  confirmedHours: z.number(),
  /** Stars from all confirmed hours, by the home region's pack (VS-9). */
  stars: StarView,
  services: z.array(ServiceView),
  training: z.array(EntryView),
  awards: z.array(EntryView),
  certificates: z.array(CertificateSummary),
  /** true when the caller sees only the part held by their teams / region. */
  partial: z.boolean(),
});

export const MyRecordView = z.object({ linked: z.boolean(), record: RecordView.nullable() });

export const CandidateView = z.object({
  volunteerId: z.string(),
  name: z.string(),
  volunteerNumber: z.string(),
  idMasked: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  organisation: z.string(),
  hours: z.number(),
  services: z.number(),
});

export const VerifyView = z.object({
  certificateNumber: z.string(),
  status: z.enum(['valid', 'revoked']),
  holderName: z.string(),
  totalHours: z.number(),
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  organisation: z.string(),
  issuedOn: z.string(),
  revokedOn: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

export const StarPacksView = z.object({
  packs: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      thresholds: z.array(z.number()),
      defaultPrefix: z.string().nullable(),
    }),
  ),
  assignments: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      packCode: z.string(),
      setAt: z.string(),
    }),
  ),
});

const FigureBlock = z.object({
  volunteers: z.number(),
  activeVolunteers: z.number(),
  activityRate: z.number().nullable(),
  teams: z.number(),
  projects: z.number(),
  confirmedHours: z.number(),
  orders: z.number(),
  fillRate: z.number().nullable(),
  satisfaction: z.number().nullable(),
});

export const FiguresView = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  totals: FigureBlock.extend({
    ordersByState: z.record(z.string(), z.number()),
    medianMinutesToAccept: z.number().nullable(),
    acceptedOrders: z.number(),
    capacity: z.number(),
    confirmedSignups: z.number(),
    ratings: z.number(),
    ratingsFourPlus: z.number(),
    satisfiedShare: z.number().nullable(),
  }),
  children: z.array(FigureBlock.extend({ code: z.string(), name: z.string() })),
});
