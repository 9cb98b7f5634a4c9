/**
 * Issue #15 point 3, volunteers by Excel: the pure rules of one row — the ID number by GB 11643
 * (as residents), the real name, an optional phone ("volunteers without a phone can be signed up
 * and checked in by their lead"), the home town or village in the importer's reach, the team, the
 * skills, and the VS-1 age rules of volunteer.age.ts (under 14 refused; 14–17 need the guardian's
 * consent) — and what a row does to the registry. No I/O.
 */
import { parseIdNumber } from '../residents/id-number.ts';
import { ageOn, ageProblem } from '../volunteers/volunteer.age.ts';
import type { HoursReasonCode } from './hours-rows.rules.ts';
import { PHONE_PATTERN, type RowReasonCode } from './resident-rows.rules.ts';
import {
  resolveRegionCell,
  type RegionCellIndex,
  type RegionCellProblem,
} from './region-cell.rules.ts';
import { isUuid } from '../../shared/uuid.ts';

export const VOLUNTEER_REASONS = {
  VOLUNTEER_HOME_LEVEL: {
    zh: '所在地应为镇（街道）或村（社区）',
    en: 'The home region must be a town or a village',
  },
  VOLUNTEER_UNDER_AGE: {
    zh: '未满 14 周岁，不能登记为志愿者',
    en: 'Under 14: cannot be registered as a volunteer',
  },
  VOLUNTEER_CONSENT_MISSING: {
    zh: '14–17 周岁须填写监护人姓名、关系、电话和同意方式',
    en: 'Aged 14–17: give the guardian’s name, relation, phone and how they consented',
  },
  VOLUNTEER_CONSENT_METHOD_UNKNOWN: {
    zh: '同意方式应为“书面”“当面”或“电话”',
    en: 'Consent method must be written, in person or by phone',
  },
  VOLUNTEER_GUARDIAN_PHONE_INVALID: {
    zh: '监护人电话应为 11 位手机号或带区号的固定电话',
    en: 'Guardian phone must be an 11-digit mobile or a landline with area code',
  },
  VOLUNTEER_SKILLS_INVALID: {
    zh: '特长最多 20 项，每项最多 30 字',
    en: 'At most 20 skills of 30 characters each',
  },
  VOLUNTEER_REGISTERED_ELSEWHERE: {
    zh: '此人已在您管辖范围外登记为志愿者',
    en: 'This person is registered as a volunteer outside your scope',
  },
  VOLUNTEER_NAME_DIFFERENT: {
    zh: '此身份证号已登记为另一姓名，请核对',
    en: 'This ID number is registered under another name; check the row',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type VolunteerRowReasonCode =
  keyof typeof VOLUNTEER_REASONS | RowReasonCode | Extract<HoursReasonCode, `TEAM_${string}`>;
export interface VolunteerRowReason {
  code: VolunteerRowReasonCode;
  detail?: string;
}

export type ConsentMethod = 'signed_form' | 'in_person' | 'phone';

const METHOD_WORDS: Record<string, ConsentMethod> = {
  书面: 'signed_form',
  书面同意: 'signed_form',
  签字: 'signed_form',
  签名: 'signed_form',
  知情同意书: 'signed_form',
  signed_form: 'signed_form',
  'signed form': 'signed_form',
  written: 'signed_form',
  当面: 'in_person',
  当面同意: 'in_person',
  现场: 'in_person',
  in_person: 'in_person',
  'in person': 'in_person',
  电话: 'phone',
  电话同意: 'phone',
  phone: 'phone',
};

export function parseConsentMethod(raw: string): ConsentMethod | null | undefined {
  const t = raw.trim().toLowerCase();
  if (t === '') return undefined;
  return METHOD_WORDS[t] ?? null;
}

/** "助老、医疗救护, 文艺" → skills; null when the cell is empty (keep the registered ones). */
export function parseSkills(raw: string): string[] | null {
  const list = raw
    .split(/[、,，;；/\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return list.length === 0 ? null : [...new Set(list)];
}

export interface TeamRef {
  id: string;
  name: string;
}

export interface VolunteerRowContext {
  today: string;
  homes: RegionCellIndex;
  reach: readonly string[];
  /** Active teams in the importer's reach by name. */
  teams: ReadonlyMap<string, readonly TeamRef[]>;
}

export interface GuardianConsentValue {
  guardianName: string;
  relation: string;
  guardianPhone: string;
  method: ConsentMethod;
}

export interface VolunteerRowValue {
  idNumber: string;
  birthDate: string;
  fullName: string;
  phone: string | null;
  homeRegionCode: string;
  skills: string[] | null;
  teamId: string | null;
  guardianConsent: GuardianConsentValue | null;
}

const HOME_REASON: Record<RegionCellProblem, VolunteerRowReasonCode> = {
  missing: 'VILLAGE_MISSING',
  unknown: 'VILLAGE_UNKNOWN',
  ambiguous: 'VILLAGE_AMBIGUOUS',
  level: 'VOLUNTEER_HOME_LEVEL',
  out_of_scope: 'VILLAGE_OUT_OF_SCOPE',
};

export function checkVolunteerRow(
  values: Readonly<Record<string, string | undefined>>,
  ctx: VolunteerRowContext,
): { ok: true; value: VolunteerRowValue } | { ok: false; reasons: VolunteerRowReason[] } {
  const reasons: VolunteerRowReason[] = [];
  const idRaw = (values.idNumber ?? '').trim();
  let id: ReturnType<typeof parseIdNumber> | null = null;
  if (idRaw === '') reasons.push({ code: 'ID_NUMBER_MISSING' });
  else {
    id = parseIdNumber(idRaw, ctx.today);
    if (!id.ok) reasons.push({ code: id.problem });
  }
  const fullName = (values.fullName ?? '').replace(/\s+/g, ' ').trim();
  if (fullName === '') reasons.push({ code: 'FULL_NAME_MISSING' });
  else if ([...fullName].length > 50) reasons.push({ code: 'FULL_NAME_TOO_LONG' });
  const phone = (values.phone ?? '').replace(/[\s()（）]/g, '');
  if (phone !== '' && !PHONE_PATTERN.test(phone)) reasons.push({ code: 'PHONE_INVALID' });
  const home = resolveRegionCell(values.village ?? '', ctx.homes, ctx.reach);
  if (!home.ok) reasons.push({ code: HOME_REASON[home.problem] });
  const skills = parseSkills(values.skills ?? '');
  if (skills && (skills.length > 20 || skills.some((s) => [...s].length > 30)))
    reasons.push({ code: 'VOLUNTEER_SKILLS_INVALID' });
  let teamId: string | null = null;
  const teamRaw = (values.team ?? '').trim();
  if (teamRaw !== '') {
    const named = isUuid(teamRaw)
      ? [...ctx.teams.values()].flat().filter((t) => t.id === teamRaw.toLowerCase())
      : (ctx.teams.get(teamRaw) ?? []);
    if (named.length === 0) reasons.push({ code: 'TEAM_UNKNOWN' });
    else if (named.length > 1) reasons.push({ code: 'TEAM_AMBIGUOUS' });
    else teamId = named[0]!.id;
  }
  // The guardian's consent, when given (the age rules below say whether it is needed).
  const guardianName = (values.guardianName ?? '').trim();
  const relation = (values.guardianRelation ?? '').trim();
  const guardianPhone = (values.guardianPhone ?? '').replace(/[\s()（）]/g, '');
  const method = parseConsentMethod(values.consentMethod ?? '');
  if (method === null) reasons.push({ code: 'VOLUNTEER_CONSENT_METHOD_UNKNOWN' });
  if (guardianPhone !== '' && !PHONE_PATTERN.test(guardianPhone))
    reasons.push({ code: 'VOLUNTEER_GUARDIAN_PHONE_INVALID' });
  let consent: GuardianConsentValue | null = null;
  if (id?.ok) {
    const age = ageProblem(id.birthDate, ctx.today, {
      guardianName,
      relation,
      guardianPhone,
      method: method ?? undefined,
    });
    if (age === 'VOLUNTEER_TOO_YOUNG') reasons.push({ code: 'VOLUNTEER_UNDER_AGE' });
    else if (age === 'VOLUNTEER_GUARDIAN_CONSENT_REQUIRED')
      reasons.push({ code: 'VOLUNTEER_CONSENT_MISSING' });
    else if (ageOn(id.birthDate, ctx.today) < 18 && method)
      consent = { guardianName, relation, guardianPhone, method };
  }
  if (reasons.length > 0 || !id?.ok || !home.ok) return { ok: false, reasons };
  return {
    ok: true,
    value: {
      idNumber: id.value,
      birthDate: id.birthDate,
      fullName,
      phone: phone === '' ? null : phone,
      homeRegionCode: home.region.code,
      skills,
      teamId,
      guardianConsent: consent,
    },
  };
}

/** A registered volunteer as the plan compares it (the phone decrypted). */
export interface RegisteredVolunteer {
  id: string;
  fullName: string;
  phone: string | null;
  homeRegionCode: string;
  skills: readonly string[];
  /** Teams the volunteer is an approved member of. */
  teamIds: readonly string[];
}

export type VolunteerChange = 'phone' | 'skills' | 'team';

export type VolunteerRowAction =
  | { action: 'create' }
  | { action: 'change'; changes: VolunteerChange[] }
  | { action: 'unchanged' }
  | { action: 'refused'; reasons: VolunteerRowReason[] };

/**
 * What a clean row does: register when nobody has the ID number; when the person is registered
 * inside the importer's reach, change the phone and skills the file gives (an empty cell keeps
 * what is registered) and add the team membership they lack — as residents; refuse when they are
 * registered outside the reach, or under another name.
 */
export function volunteerRowAction(
  row: VolunteerRowValue,
  registered: RegisteredVolunteer | null,
  ctx: { reach: readonly string[] },
): VolunteerRowAction {
  if (!registered) return { action: 'create' };
  if (!ctx.reach.some((p) => registered.homeRegionCode.startsWith(p)))
    return { action: 'refused', reasons: [{ code: 'VOLUNTEER_REGISTERED_ELSEWHERE' }] };
  if (registered.fullName !== row.fullName)
    return { action: 'refused', reasons: [{ code: 'VOLUNTEER_NAME_DIFFERENT' }] };
  const changes: VolunteerChange[] = [];
  if (row.phone !== null && row.phone !== registered.phone) changes.push('phone');
  if (row.skills !== null && JSON.stringify(row.skills) !== JSON.stringify(registered.skills))
    changes.push('skills');
  if (row.teamId !== null && !registered.teamIds.includes(row.teamId)) changes.push('team');
  return changes.length === 0 ? { action: 'unchanged' } : { action: 'change', changes };
}
