/**
 * Issue #15 point 4, the staff roster by Excel: the pure rules of one row (name, mobile, roles,
 * station or scope within the importer's reach), and what a row does to the accounts (create /
 * grants added / unchanged / refused). No I/O: the use-case hands in what it read. An importer
 * never grants beyond their own reach (accounts.rules.ts decides what "within reach" means).
 */
import { normaliseMobile } from '../auth/account-phone.ts';
import { accountWithinReach, manageRefusal } from '../auth/accounts.rules.ts';
import type { RegionLevel } from '../../db/schema.ts';
import { scopePrefix } from '../../shared/region-code.ts';
import { isRole, ROLE_LABELS, type Role } from '../../shared/roles.ts';
import { normaliseHeader } from './import-columns.ts';
import { checkRosterPost, POST_REASONS, type RosterPost } from './roster-post.rules.ts';

export const STAFF_REASONS = {
  STAFF_NAME_MISSING: { zh: '缺少姓名', en: 'Name missing' },
  STAFF_NAME_TOO_LONG: {
    zh: '姓名过长（最多 50 字）',
    en: 'Name too long (50 characters at most)',
  },
  STAFF_PHONE_MISSING: { zh: '缺少手机号', en: 'Mobile number missing' },
  STAFF_PHONE_INVALID: { zh: '手机号应为 11 位手机号码', en: 'Mobile must have 11 digits' },
  STAFF_ROLES_MISSING: { zh: '缺少角色', en: 'Roles missing' },
  STAFF_ROLE_UNKNOWN: { zh: '没有这个角色', en: 'No such role' },
  STAFF_ROLE_NOT_STAFF: {
    zh: '此角色不能通过人员名册导入（群众、监护人、志愿者各有登记途径）',
    en: 'This role is not given by the roster (residents, guardians and volunteers register elsewhere)',
  },
  STAFF_SCOPE_MISSING: {
    zh: '请填写所属站点或管辖范围',
    en: 'Give the station or the scope',
  },
  STAFF_STATION_UNKNOWN: { zh: '没有这个站点', en: 'No such station' },
  STAFF_STATION_AMBIGUOUS: {
    zh: '有多个同名站点，请填写站点编号',
    en: 'Several stations have this name; give the station code',
  },
  STAFF_SCOPE_UNKNOWN: { zh: '没有这个区划代码', en: 'No such region code' },
  STAFF_SCOPE_MISMATCH: {
    zh: '所属站点不在所填管辖范围内',
    en: 'The station lies outside the scope given',
  },
  STAFF_OUT_OF_REACH: {
    zh: '不能授予超出您管辖范围的角色',
    en: 'You cannot grant a role beyond your own scope',
  },
  STAFF_DUPLICATE_PHONE: {
    zh: '与文件中另一行手机号重复',
    en: 'Same mobile as another row of the file',
  },
  STAFF_USERNAME_TAKEN: {
    zh: '该手机号已被另一账号用作用户名',
    en: 'Another account already uses this mobile as its username',
  },
  STAFF_ACCOUNT_OUT_OF_SCOPE: {
    zh: '此手机号的账号有超出您管辖范围的授权，请联系上级管理员',
    en: "This mobile's account holds grants beyond your scope; ask a higher administrator",
  },
  STAFF_ACCOUNT_SELF: {
    zh: '不能通过导入修改自己的账号',
    en: 'You cannot change your own account by import',
  },
  ...POST_REASONS,
} as const satisfies Record<string, { zh: string; en: string }>;

export type StaffReasonCode = keyof typeof STAFF_REASONS;
export interface StaffReason {
  code: StaffReasonCode;
  detail?: string;
}

/** Roles the roster gives; residents, guardians and volunteers come by their own registration. */
export const ROSTER_ROLES: readonly Role[] = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
  'volunteer_staff',
  'team_leader',
  'organiser',
];

/** "村级专管员、代办员", "clerk, agent" → role keys (null for a word that names no role). */
export function parseRoles(raw: string): (Role | null)[] {
  const words = raw
    .split(/[、,，;；/\n]+/)
    .map((w) => w.trim())
    .filter((w) => w !== '');
  return words.map((w) => {
    const h = normaliseHeader(w);
    if (isRole(w)) return w;
    for (const [role, label] of Object.entries(ROLE_LABELS))
      if (normaliseHeader(label.zh) === h || normaliseHeader(label.en) === h) return role as Role;
    return null;
  });
}

export interface StationRef {
  id: string;
  code: string;
  name: string;
  regionCode: string;
}

export interface StaffGrant {
  role: Role;
  regionCode: string;
  stationId: string | null;
}

export interface StaffRowValue {
  fullName: string;
  mobile: string;
  grants: StaffGrant[];
  /** The AB post held at the station (岗位), if the row names one. */
  post: RosterPost | null;
  stationId: string | null;
}

export type CheckedStaffRow =
  { ok: true; value: StaffRowValue } | { ok: false; reasons: StaffReason[] };

export interface StaffRowContext {
  /** Stations by code and by name (every station the importer could name). */
  stations: readonly StationRef[];
  /** The level of a region that exists, else null. */
  regionLevel: (code: string) => RegionLevel | null;
  /** The importer's administrator reach ([''] for the operator's CLI). */
  reach: readonly string[];
}

function resolveStation(
  raw: string,
  ctx: StaffRowContext,
): { ok: true; station: StationRef } | { ok: false; reason: StaffReasonCode } {
  const byCode = ctx.stations.find((s) => s.code === raw);
  if (byCode) return { ok: true, station: byCode };
  const named = ctx.stations.filter((s) => s.name === raw);
  const reachable = named.filter((s) => ctx.reach.some((p) => s.regionCode.startsWith(p)));
  if (reachable.length === 1) return { ok: true, station: reachable[0]! };
  if (reachable.length > 1) return { ok: false, reason: 'STAFF_STATION_AMBIGUOUS' };
  return { ok: false, reason: named.length > 0 ? 'STAFF_OUT_OF_REACH' : 'STAFF_STATION_UNKNOWN' };
}

/**
 * Every reason a roster row is refused, or its clean value. The roles are granted over the
 * station when one is given (its region inside the scope, when both are given), else over the
 * scope; every grant must lie inside the importer's reach.
 */
export function checkStaffRow(
  values: Readonly<Record<string, string | undefined>>,
  ctx: StaffRowContext,
): CheckedStaffRow {
  const reasons: StaffReason[] = [];
  const fullName = (values.fullName ?? '').replace(/\s+/g, ' ').trim();
  if (fullName === '') reasons.push({ code: 'STAFF_NAME_MISSING' });
  else if ([...fullName].length > 50) reasons.push({ code: 'STAFF_NAME_TOO_LONG' });
  const phoneRaw = (values.phone ?? '').trim();
  const mobile = phoneRaw === '' ? null : normaliseMobile(phoneRaw);
  if (phoneRaw === '') reasons.push({ code: 'STAFF_PHONE_MISSING' });
  else if (!mobile) reasons.push({ code: 'STAFF_PHONE_INVALID' });
  const roles = parseRoles(values.roles ?? '');
  if (roles.length === 0) reasons.push({ code: 'STAFF_ROLES_MISSING' });
  const unknown = roles.findIndex((r) => r === null);
  if (unknown >= 0) reasons.push({ code: 'STAFF_ROLE_UNKNOWN' });
  else if (roles.some((r) => r && !ROSTER_ROLES.includes(r)))
    reasons.push({ code: 'STAFF_ROLE_NOT_STAFF' });
  const stationRaw = (values.station ?? '').trim();
  const scope = (values.scope ?? '').trim();
  let station: StationRef | null = null;
  let regionCode: string | null = null;
  if (stationRaw === '' && scope === '') reasons.push({ code: 'STAFF_SCOPE_MISSING' });
  if (stationRaw !== '') {
    const found = resolveStation(stationRaw, ctx);
    if (!found.ok) reasons.push({ code: found.reason });
    else station = found.station;
  }
  if (scope !== '') {
    const level = ctx.regionLevel(scope);
    if (!level) reasons.push({ code: 'STAFF_SCOPE_UNKNOWN' });
    else if (station && !station.regionCode.startsWith(scopePrefix(scope, level)))
      reasons.push({ code: 'STAFF_SCOPE_MISMATCH' });
    else regionCode = scope;
  }
  const post = checkRosterPost(values.post ?? '', { hasStation: stationRaw !== '', roles });
  if (!post.ok) reasons.push(...post.reasons.map((code) => ({ code })));
  const grantRegion = station?.regionCode ?? regionCode;
  if (
    grantRegion &&
    !reasons.some((r) => r.code === 'STAFF_OUT_OF_REACH') &&
    !accountWithinReach(ctx.reach, [grantRegion])
  )
    reasons.push({ code: 'STAFF_OUT_OF_REACH' });
  if (reasons.length > 0 || !mobile || !grantRegion || !post.ok) return { ok: false, reasons };
  const unique = [...new Set(roles as Role[])];
  return {
    ok: true,
    value: {
      fullName,
      mobile,
      grants: unique.map((role) => ({
        role,
        regionCode: grantRegion,
        stationId: station?.id ?? null,
      })),
      post: post.post,
      stationId: station?.id ?? null,
    },
  };
}

/** An existing account with this mobile, as the plan compares it. */
export interface ExistingStaffAccount {
  id: string;
  grants: readonly StaffGrant[];
}

export type StaffRowAction =
  | { action: 'create' }
  | { action: 'change'; added: StaffGrant[] }
  | { action: 'unchanged' }
  | { action: 'refused'; reasons: StaffReason[] };

const sameGrant = (a: StaffGrant, b: StaffGrant) =>
  a.role === b.role && a.regionCode === b.regionCode && a.stationId === b.stationId;

/**
 * What a clean row does: create an account when nobody has the mobile (and the username is free);
 * add the grants the account lacks when it is one the importer may manage; otherwise unchanged.
 * A re-import never duplicates an account.
 */
export function staffRowAction(
  row: StaffRowValue,
  existing: ExistingStaffAccount | null,
  ctx: { reach: readonly string[]; actorAccountId: string | null; usernameTaken: boolean },
): StaffRowAction {
  if (!existing)
    return ctx.usernameTaken
      ? { action: 'refused', reasons: [{ code: 'STAFF_USERNAME_TAKEN' }] }
      : { action: 'create' };
  const added = row.grants.filter((g) => !existing.grants.some((e) => sameGrant(e, g)));
  if (added.length === 0) return { action: 'unchanged' };
  const refusal = manageRefusal({
    actorAccountId: ctx.actorAccountId ?? '',
    accountId: existing.id,
    reach: ctx.reach,
    grantRegionCodes: existing.grants.map((g) => g.regionCode),
  });
  if (refusal === 'ACCOUNT_SELF_CHANGE')
    return { action: 'refused', reasons: [{ code: 'STAFF_ACCOUNT_SELF' }] };
  if (refusal) return { action: 'refused', reasons: [{ code: 'STAFF_ACCOUNT_OUT_OF_SCOPE' }] };
  return { action: 'change', added };
}
