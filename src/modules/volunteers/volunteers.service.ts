/**
 * VS-1 volunteers: the registry, one's own volunteer and its memberships, changes. Registration
 * (self or by centre staff) is in volunteer-registration.ts.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsVolunteerTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  auditActor,
  authorize,
  reachPrefixes,
  type Actor,
  type Grant,
} from '../../shared/actor.ts';
import { maskPhone } from '../residents/id-number.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { availableJoinActions } from './join-request.workflow.ts';
import { ageOn, chinaDate } from './volunteer.age.ts';
import {
  parseAvailability,
  parseGuardianConsent,
  parseServiceRegionCodes,
  parseVolunteerSkills,
} from './volunteer.stored.ts';
import type { VolunteerQuery, VolunteerUpdate } from './volunteers.schema.ts';
import { leadsTeamOrAncestor } from '../../shared/team-tree.ts';
import { isStaffIn, regionInfo, VS_STAFF, type Conn } from './vs.scope.ts';
import { likeText } from '../../shared/like-pattern.ts';
import { underAnyPrefix, underPrefix } from '../../shared/region-range.ts';

export interface VolunteerDeps {
  db: Kysely<Database>;
  pii: PiiCipher;
}

export type { StoredConsent } from './volunteer.stored.ts';

type VolunteerRow = VsVolunteerTable & { home_region_name: string };

export function volunteerView(r: VolunteerRow, now: Date) {
  const consent = parseGuardianConsent(r.guardian_consent);
  return {
    id: r.id,
    volunteerNumber: r.volunteer_number,
    accountId: r.account_id,
    fullName: r.full_name,
    sex: r.sex,
    age: ageOn(r.birth_date, chinaDate(now)),
    idMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    homeRegionCode: r.home_region_code,
    homeRegionName: r.home_region_name,
    skills: parseVolunteerSkills(r.skills),
    serviceRegionCodes: parseServiceRegionCodes(r.service_region_codes),
    availability: parseAvailability(r.availability),
    guardianConsent: consent
      ? {
          guardianName: consent.guardianName,
          relation: consent.relation,
          guardianPhoneMasked: consent.guardianPhoneMasked,
          method: consent.method,
          recordedAt: consent.recordedAt,
        }
      : null,
    status: r.status,
    selfRegistered: r.account_id !== null && r.registered_by === r.account_id,
    createdAt: r.created_at,
  };
}

export function volunteersQuery(db: Conn) {
  return db
    .selectFrom('vs_volunteers as v')
    .innerJoin('regions as r', 'r.code', 'v.home_region_code')
    .selectAll('v')
    .select('r.name as home_region_name');
}

/** What the audit chain keeps of a volunteer: never the full ID number or phones. */
export function auditSafe(r: VsVolunteerTable) {
  return {
    id: r.id,
    volunteerNumber: r.volunteer_number,
    fullName: r.full_name,
    idMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    homeRegionCode: r.home_region_code,
    accountId: r.account_id,
    guardianConsent: r.guardian_consent !== null,
    status: r.status,
  };
}

export async function assertServiceRegions(db: Conn, codes: string[]) {
  if (codes.length === 0) return;
  const found = await db
    .selectFrom('regions')
    .select('code')
    .where('code', 'in', [...new Set(codes)])
    .execute();
  if (found.length !== new Set(codes).size) throw new AppError('VOLUNTEER_REGION_INVALID');
}

async function membershipsOf(db: Conn, volunteerId: string) {
  const rows = await db
    .selectFrom('vs_team_members as m')
    .innerJoin('vs_teams as t', 't.id', 'm.team_id')
    .select([
      'm.id',
      'm.team_id',
      't.name',
      't.kind',
      't.colour',
      'm.status',
      'm.requested_at',
      'm.decided_at',
    ])
    .where('m.volunteer_id', '=', volunteerId)
    .orderBy('m.requested_at', 'desc')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    teamId: m.team_id,
    teamName: m.name,
    teamKind: m.kind,
    teamColour: m.colour,
    status: m.status,
    requestedAt: m.requested_at,
    decidedAt: m.decided_at,
    availableActions: availableJoinActions(m.status, 'requester'),
  }));
}

export async function myVolunteer(deps: VolunteerDeps, input: { actor: Actor; now: Date }) {
  const row = await volunteersQuery(deps.db)
    .where('v.account_id', '=', input.actor.accountId)
    .executeTakeFirst();
  if (!row) return { volunteer: null, memberships: [] };
  return {
    volunteer: volunteerView(row, input.now),
    memberships: await membershipsOf(deps.db, row.id),
  };
}

/** The volunteer linked to the caller's account, or VOLUNTEER_NOT_REGISTERED. */
export async function ownVolunteerId(db: Conn, actor: Actor): Promise<string> {
  const row = await db
    .selectFrom('vs_volunteers')
    .select('id')
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!row) throw new AppError('VOLUNTEER_NOT_REGISTERED');
  return row.id;
}

/** Staff in scope of the home region, the volunteer themselves, or a leader of one of their teams. */
async function assertMayView(db: Conn, actor: Actor, row: VsVolunteerTable) {
  if (row.account_id === actor.accountId) return;
  if (isStaffIn(actor, row.home_region_code)) return;
  if (actor.grants.some((g) => g.role === 'team_leader')) {
    const teams = await db
      .selectFrom('vs_team_members')
      .select('team_id')
      .where('volunteer_id', '=', row.id)
      .where('status', 'in', ['pending', 'approved'])
      .execute();
    for (const t of teams) if (await leadsTeamOrAncestor(db, t.team_id, actor.accountId)) return;
  }
  if (actor.grants.some((g) => (VS_STAFF as readonly string[]).includes(g.role)))
    throw new AppError('OUT_OF_SCOPE');
  throw new AppError('VOLUNTEER_NOT_FOUND');
}

export async function getVolunteer(
  deps: VolunteerDeps,
  input: { id: string; actor: Actor; now: Date },
) {
  const row = await volunteersQuery(deps.db).where('v.id', '=', input.id).executeTakeFirst();
  if (!row) throw new AppError('VOLUNTEER_NOT_FOUND');
  await assertMayView(deps.db, input.actor, row);
  return volunteerView(row, input.now);
}

/** The volunteer list's filters, without its paging. */
export type VolunteerFilter = Omit<z.infer<typeof VolunteerQuery>, 'limit' | 'offset'> & {
  actor: Actor;
  now: Date;
};

/** The volunteers a filter selects in the caller's reach (unordered, unpaged). */
export async function filteredVolunteers(deps: VolunteerDeps, input: VolunteerFilter) {
  const prefixes = reachPrefixes(input.actor, VS_STAFF);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  let q = volunteersQuery(deps.db).where(underAnyPrefix('v.home_region_code', prefixes));
  if (input.regionCode) {
    const region = await regionInfo(deps.db, input.regionCode);
    q = q.where(underPrefix('v.home_region_code', region.prefix));
  }
  const text = input.q;
  if (text) {
    q = q.where((eb) =>
      eb.or([likeText(eb, 'v.full_name', text), likeText(eb, 'v.volunteer_number', text)]),
    );
  }
  const skill = input.skill;
  if (skill) q = q.where((eb) => likeText(eb, 'v.skills', skill));
  if (input.status) q = q.where('v.status', '=', input.status);
  return q;
}

/** By home region, then volunteer number (unique; the keyset list orders the same way). */
export async function listVolunteers(
  deps: VolunteerDeps,
  input: VolunteerFilter & { limit: number; offset: number },
) {
  const q = await filteredVolunteers(deps, input);
  const rows = await q
    .orderBy('v.home_region_code')
    .orderBy('v.volunteer_number')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map((r) => volunteerView(r, input.now));
}

/**
 * Changes skills, service areas, availability or phone (the volunteer or staff in scope);
 * suspending or reactivating is for staff only.
 */
export async function updateVolunteer(
  deps: VolunteerDeps,
  input: {
    id: string;
    body: z.infer<typeof VolunteerUpdate>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { body, actor, now } = input;
  return deps.db.transaction().execute(async (trx) => {
    const row = await volunteersQuery(trx).where('v.id', '=', input.id).executeTakeFirst();
    if (!row) throw new AppError('VOLUNTEER_NOT_FOUND');
    const self = row.account_id === actor.accountId;
    let grant: Grant | undefined;
    if (!self || body.status !== undefined)
      grant = authorize(actor, VS_STAFF, row.home_region_code);
    if (body.serviceRegionCodes) await assertServiceRegions(trx, body.serviceRegionCodes);
    const patch: Partial<VsVolunteerTable> = { updated_at: now.toISOString() };
    if (body.phone !== undefined) {
      patch.phone_cipher = body.phone ? deps.pii.encrypt(body.phone) : null;
      patch.phone_masked = body.phone ? maskPhone(body.phone) : null;
    }
    if (body.skills) patch.skills = JSON.stringify(body.skills);
    if (body.serviceRegionCodes)
      patch.service_region_codes = JSON.stringify(body.serviceRegionCodes);
    if (body.availability) patch.availability = JSON.stringify(body.availability);
    if (body.status) patch.status = body.status;
    await trx.updateTable('vs_volunteers').set(patch).where('id', '=', row.id).execute();
    const after = { ...row, ...patch };
    await recordAudit(trx, {
      actor: auditActor(actor, grant ?? actor.grants.find((g) => g.role === 'volunteer')),
      action: 'volunteer.updated',
      entityType: 'vs_volunteer',
      entityId: row.id,
      regionCode: row.home_region_code,
      before: auditSafe(row),
      after: auditSafe(after),
      requestId: input.requestId,
      now,
    });
    return volunteerView(after, now);
  });
}
