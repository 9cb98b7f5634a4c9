/** The bodies and answers of the login and own-account routes (auth.routes.ts). */
import { z } from 'zod';
import { ALL_ROLES } from '../../shared/roles.ts';
import { CAPABILITIES } from './capability-names.ts';

export const Credentials = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /** The authenticator code (6 digits) or a recovery code, when the account has a second factor. */
  otp: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{6,20}$/)
    .optional(),
});

const GrantView = z.object({
  role: z.enum(ALL_ROLES),
  roleLabel: z.object({ zh: z.string(), en: z.string() }),
  regionCode: z.string(),
  regionName: z.string(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  reachPrefix: z.string(),
  /** What this grant lets its holder do (issue #12: the web asks these, never role lists). */
  capabilities: z.array(z.enum(CAPABILITIES)),
});

export const MeView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  residentId: z.string().nullable(),
  grants: z.array(GrantView),
  /** The union of the grants' capabilities. */
  capabilities: z.array(z.enum(CAPABILITIES)),
  preferences: z.object({ elderlyMode: z.boolean(), locale: z.enum(['zh-CN', 'en']) }),
  /** whether login asks this account for a code, and whether it must enrol before anything else. */
  secondFactor: z.object({ enabled: z.boolean(), required: z.boolean() }),
  /** Issue #15 point 4: a one-time password; every route but changing it answers PASSWORD_CHANGE_REQUIRED. */
  mustChangePassword: z.boolean(),
});
