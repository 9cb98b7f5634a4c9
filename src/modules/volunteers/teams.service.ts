/** VS-1 teams: corps (总队) → teams → sub-teams, and join requests decided by a leader or staff. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsTeamTable } from '../../db/schema.ts';
import { AppError } from '../../server/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  auditActor,
  authorize,
  reachPrefixes,
  type Actor,
  type Grant,
  isSystemActor,
  type Caller,
} from '../auth/actor.ts';
import type {
  JoinDecision,
  MemberQuery,
  NewTeam,
  TeamQuery,
  TeamUpdate,
} from './volunteers.schema.ts';
import { notify } from '../first-response/notification.service.ts';
import { ownVolunteerId } from './volunteers.service.ts';
import {
  isStaffIn,
  leadsTeam,
  ledTeamIds,
  likeText,
  regionInfo,
  VS_STAFF,
  type Conn,
} from './vs.scope.ts';

type TeamRow = VsTeamTable & {
  region_name: string;
  leader_name: string | null;
  member_count: number | string | null;
};

function teamsQuery(db: Conn) {
  return db
    .selectFrom('vs_teams as t')
    .innerJoin('regions as r', 'r.code', 't.region_code')
    .leftJoin('accounts as a', 'a.id', 't.leader_account_id')
    .selectAll('t')
    .select(['r.name as region_name', 'a.display_name as leader_name'])
    .select((eb) =>
      eb
        .selectFrom('vs_team_members as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.team_id', '=', 't.id')
        .where('m.status', '=', 'approved')
        .as('member_count'),
    );
}

function teamView(t: TeamRow, led: Set<string>) {
  return {
    id: t.id,
    parentId: t.parent_id,
    kind: t.kind,
    name: t.name,
    regionCode: t.region_code,
    regionName: t.region_name,
    categoryCode: t.category_code,
    colour: t.colour,
    leaderAccountId: t.leader_account_id,
    leaderName: t.leader_name,
    organisationName: t.organisation_name,
    personInCharge: t.person_in_charge,
    contactPhone: t.contact_phone,
    description: t.description,
    active: t.active === 1,
    memberCount: Number(t.member_count ?? 0),
    ledByMe: led.has(t.id),
  };
}

function auditSafe(t: VsTeamTable) {
  return {
    kind: t.kind,
    parentId: t.parent_id,
    name: t.name,
    regionCode: t.region_code,
    categoryCode: t.category_code,
    colour: t.colour,
    leaderAccountId: t.leader_account_id,
    organisationName: t.organisation_name,
    active: t.active,
  };
}

/**
 * An active category that may be used at `usedIn`: a national one anywhere, a centre's own one
 * only inside its owner region (so whoever may change it covers everyone who uses it).
 */
export async function assertCategory(db: Conn, code: string | null | undefined, usedIn: string) {
  if (!code) return;
  const row = await db
    .selectFrom('vs_categories')
    .select(['code', 'region_code'])
    .where('code', '=', code)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!row) throw new AppError('VS_CATEGORY_UNKNOWN', { detail: code });
  if (row.region_code !== null) {
    const owner = await regionInfo(db, row.region_code);
    if (!usedIn.startsWith(owner.prefix))
      throw new AppError('VS_CATEGORY_OUT_OF_REGION', { detail: code });
  }
}

async function assertLeader(db: Conn, accountId: string | null | undefined) {
  if (!accountId) return;
  const row = await db
    .selectFrom('accounts as a')
    .innerJoin('role_grants as g', 'g.account_id', 'a.id')
    .select('a.id')
    .where('a.id', '=', accountId)
    .where('a.status', '=', 'active')
    .where('g.role', '=', 'team_leader')
    .executeTakeFirst();
  if (!row) throw new AppError('VS_TEAM_LEADER_INVALID');
}

const PARENT_KIND = { corps: null, team: 'corps', subteam: 'team' } as const;

export async function createTeam(
  db: Kysely<Database>,
  input: {
    body: z.infer<typeof NewTeam>;
    actor: Caller;
    isDemo?: boolean;
    /** The seed fixes demo ids so tests can name them. */
    id?: string;
    requestId: string | null;
    now: Date;
  },
) {
  const { body, now } = input;
  const grant = isSystemActor(input.actor)
    ? undefined
    : authorize(input.actor, VS_STAFF, body.regionCode);
  return db.transaction().execute(async (trx) => {
    const region = await regionInfo(trx, body.regionCode);
    const wantParent = PARENT_KIND[body.kind];
    if (body.parentId) {
      const parent = await trx
        .selectFrom('vs_teams')
        .select(['kind', 'region_code'])
        .where('id', '=', body.parentId)
        .executeTakeFirst();
      if (!parent) throw new AppError('VS_TEAM_PARENT_INVALID');
      const parentRegion = await regionInfo(trx, parent.region_code);
      if (parent.kind !== wantParent || !body.regionCode.startsWith(parentRegion.prefix))
        throw new AppError('VS_TEAM_PARENT_INVALID');
    } else if (body.kind === 'subteam') {
      throw new AppError('VS_TEAM_PARENT_INVALID');
    }
    await assertCategory(trx, body.categoryCode, body.regionCode);
    await assertLeader(trx, body.leaderAccountId);
    const nowIso = now.toISOString();
    const row: VsTeamTable = {
      id: input.id ?? crypto.randomUUID(),
      parent_id: body.parentId ?? null,
      kind: body.kind,
      name: body.name,
      region_code: body.regionCode,
      category_code: body.categoryCode ?? null,
      colour: body.colour ?? null,
      leader_account_id: body.leaderAccountId ?? null,
      organisation_name: body.organisationName,
      person_in_charge: body.personInCharge,
      contact_phone: body.contactPhone,
      description: body.description,
      active: 1,
      is_demo: input.isDemo ? 1 : 0,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('vs_teams').values(row).execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'team.created',
      entityType: 'vs_team',
      entityId: row.id,
      regionCode: row.region_code,
      after: auditSafe(row),
      requestId: input.requestId,
      now,
    });
    const leaderName = body.leaderAccountId
      ? ((
          await trx
            .selectFrom('accounts')
            .select('display_name')
            .where('id', '=', body.leaderAccountId)
            .executeTakeFirst()
        )?.display_name ?? null)
      : null;
    return teamView(
      { ...row, region_name: region.name, leader_name: leaderName, member_count: 0 },
      new Set(
        !isSystemActor(input.actor) && body.leaderAccountId === input.actor.accountId
          ? [row.id]
          : [],
      ),
    );
  });
}

export async function updateTeam(
  db: Kysely<Database>,
  input: {
    id: string;
    body: z.infer<typeof TeamUpdate>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { body, now, actor } = input;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('vs_teams')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!before) throw new AppError('VS_TEAM_NOT_FOUND');
    const grant = authorize(actor, VS_STAFF, before.region_code);
    if (body.categoryCode !== undefined)
      await assertCategory(trx, body.categoryCode, before.region_code);
    if (body.leaderAccountId !== undefined) await assertLeader(trx, body.leaderAccountId);
    const patch: Partial<VsTeamTable> = { updated_at: now.toISOString() };
    if (body.name !== undefined) patch.name = body.name;
    if (body.categoryCode !== undefined) patch.category_code = body.categoryCode;
    if (body.colour !== undefined) patch.colour = body.colour;
    if (body.leaderAccountId !== undefined) patch.leader_account_id = body.leaderAccountId;
    if (body.organisationName !== undefined) patch.organisation_name = body.organisationName;
    if (body.personInCharge !== undefined) patch.person_in_charge = body.personInCharge;
    if (body.contactPhone !== undefined) patch.contact_phone = body.contactPhone;
    if (body.description !== undefined) patch.description = body.description;
    if (body.active !== undefined) patch.active = body.active ? 1 : 0;
    await trx.updateTable('vs_teams').set(patch).where('id', '=', before.id).execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'team.updated',
      entityType: 'vs_team',
      entityId: before.id,
      regionCode: before.region_code,
      before: auditSafe(before),
      after: auditSafe({ ...before, ...patch }),
      requestId: input.requestId,
      now,
    });
    const row = await teamsQuery(trx).where('t.id', '=', before.id).executeTakeFirstOrThrow();
    return teamView(row, new Set(await ledTeamIds(trx, actor.accountId)));
  });
}

/** Every logged-in role may browse teams (they are published); filters narrow the list. */
export async function listTeams(
  db: Kysely<Database>,
  input: z.infer<typeof TeamQuery> & { actor: Actor },
) {
  let q = teamsQuery(db);
  if (input.regionCode) {
    const region = await regionInfo(db, input.regionCode);
    q = q.where('t.region_code', 'like', `${region.prefix}%`);
  }
  if (input.category) q = q.where('t.category_code', '=', input.category);
  if (input.kind) q = q.where('t.kind', '=', input.kind);
  if (input.active) q = q.where('t.active', '=', input.active === 'true' ? 1 : 0);
  if (input.q) {
    const text = likeText(input.q);
    q = q.where((eb) => eb.or([eb('t.name', 'like', text), eb('t.description', 'like', text)]));
  }
  const rows = await q.orderBy('t.region_code').orderBy('t.created_at').orderBy('t.id').execute();
  const led = new Set(await ledTeamIds(db, input.actor.accountId));
  return rows.map((r) => teamView(r, led));
}

export async function getTeam(db: Kysely<Database>, input: { id: string; actor: Actor }) {
  const row = await teamsQuery(db).where('t.id', '=', input.id).executeTakeFirst();
  if (!row) throw new AppError('VS_TEAM_NOT_FOUND');
  return teamView(row, new Set(await ledTeamIds(db, input.actor.accountId)));
}

/* ---------- membership ---------- */

function memberRows(db: Conn) {
  return db
    .selectFrom('vs_team_members as m')
    .innerJoin('vs_teams as t', 't.id', 'm.team_id')
    .innerJoin('vs_volunteers as v', 'v.id', 'm.volunteer_id')
    .select([
      'm.id',
      'm.team_id',
      't.name as team_name',
      'm.volunteer_id',
      'v.volunteer_number',
      'v.full_name',
      'v.phone_masked',
      'v.skills',
      'm.status',
      'm.note',
      'm.requested_at',
      'm.decided_at',
    ]);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof memberRows>['executeTakeFirstOrThrow']>>;

function memberView(m: MemberRow) {
  let skills: string[] = [];
  try {
    skills = JSON.parse(m.skills) as string[];
  } catch {
    /* keep empty */
  }
  return {
    id: m.id,
    teamId: m.team_id,
    teamName: m.team_name,
    volunteerId: m.volunteer_id,
    volunteerNumber: m.volunteer_number,
    fullName: m.full_name,
    phoneMasked: m.phone_masked,
    skills,
    status: m.status,
    note: m.note,
    requestedAt: m.requested_at,
    decidedAt: m.decided_at,
  };
}

/** A leader of the team (or above it), or staff whose reach covers the team's region. */
async function assertActsForTeam(
  db: Conn,
  actor: Actor,
  team: { id: string; region_code: string },
) {
  if (isStaffIn(actor, team.region_code)) {
    return authorize(actor, VS_STAFF, team.region_code);
  }
  if (
    actor.grants.some((g) => g.role === 'team_leader') &&
    (await leadsTeam(db, team.id, actor.accountId))
  ) {
    return actor.grants.find((g) => g.role === 'team_leader')!;
  }
  throw new AppError('VS_NOT_TEAM_LEADER');
}

/** A registered volunteer asks to join an active team; asking again after a refusal is allowed. */
export async function requestJoin(
  db: Kysely<Database>,
  input: {
    teamId: string;
    note?: string | undefined;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { actor, now } = input;
  return db.transaction().execute(async (trx) => {
    const volunteerId = await ownVolunteerId(trx, actor);
    const team = await trx
      .selectFrom('vs_teams')
      .select(['id', 'region_code', 'active'])
      .where('id', '=', input.teamId)
      .executeTakeFirst();
    if (!team) throw new AppError('VS_TEAM_NOT_FOUND');
    if (team.active !== 1) throw new AppError('VS_TEAM_INACTIVE');
    const nowIso = now.toISOString();
    const inserted = await trx
      .insertInto('vs_team_members')
      .values({
        id: crypto.randomUUID(),
        team_id: team.id,
        volunteer_id: volunteerId,
        status: 'pending',
        note: input.note ?? null,
        requested_at: nowIso,
        decided_by: null,
        decided_at: null,
      })
      .onConflict((oc) => oc.columns(['team_id', 'volunteer_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      // Once refused or left, one may ask again: only those rows go back to pending.
      const again = await trx
        .updateTable('vs_team_members')
        .set({
          status: 'pending',
          note: input.note ?? null,
          requested_at: nowIso,
          decided_by: null,
          decided_at: null,
        })
        .where('team_id', '=', team.id)
        .where('volunteer_id', '=', volunteerId)
        .where('status', 'in', ['rejected', 'left'])
        .executeTakeFirst();
      if (Number(again.numUpdatedRows) === 0) throw new AppError('VS_JOIN_ALREADY');
    }
    const row = await memberRows(trx)
      .where('m.team_id', '=', team.id)
      .where('m.volunteer_id', '=', volunteerId)
      .executeTakeFirstOrThrow();
    const leaders = await trx
      .selectFrom('vs_teams as t')
      .leftJoin('vs_teams as p', 'p.id', 't.parent_id')
      .select(['t.leader_account_id as own', 'p.leader_account_id as parent', 't.name'])
      .where('t.id', '=', team.id)
      .executeTakeFirstOrThrow();
    const leaderId = leaders.own ?? leaders.parent;
    if (leaderId && leaderId !== actor.accountId) {
      await notify(trx, {
        accountId: leaderId,
        kind: 'vs_join_requested',
        params: {
          team: leaders.name,
          volunteerNumber: row.volunteer_number,
          volunteerName: row.full_name,
        },
        entityType: 'vs_team_member',
        entityId: row.id,
        now,
      });
    }
    await recordAudit(trx, {
      actor: auditActor(
        actor,
        actor.grants.find((g) => g.role === 'volunteer'),
      ),
      action: 'team.join_requested',
      entityType: 'vs_team_member',
      entityId: row.id,
      regionCode: team.region_code,
      after: { teamId: team.id, volunteerId, status: 'pending' },
      requestId: input.requestId,
      now,
    });
    return memberView(row);
  });
}

/** A leader of the team (or its parent) or staff in scope approves or rejects, once. */
export async function decideJoin(
  db: Kysely<Database>,
  input: {
    id: string;
    body: z.infer<typeof JoinDecision>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { actor, now, body } = input;
  return db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('vs_team_members as m')
      .innerJoin('vs_teams as t', 't.id', 'm.team_id')
      .select(['m.id', 'm.status', 't.id as team_id', 't.region_code'])
      .where('m.id', '=', input.id)
      .executeTakeFirst();
    if (!m) throw new AppError('VS_JOIN_REQUEST_NOT_FOUND');
    const grant: Grant = await assertActsForTeam(trx, actor, {
      id: m.team_id,
      region_code: m.region_code,
    });
    const status = body.decision === 'approve' ? 'approved' : 'rejected';
    const res = await trx
      .updateTable('vs_team_members')
      .set({
        status,
        decided_by: actor.accountId,
        decided_at: now.toISOString(),
        ...(body.note ? { note: body.note } : {}),
      })
      .where('id', '=', m.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('VS_JOIN_ALREADY_DECIDED');
    const who = await trx
      .selectFrom('vs_team_members as mm')
      .innerJoin('vs_volunteers as v', 'v.id', 'mm.volunteer_id')
      .innerJoin('vs_teams as t', 't.id', 'mm.team_id')
      .select(['v.account_id', 't.name'])
      .where('mm.id', '=', m.id)
      .executeTakeFirstOrThrow();
    if (who.account_id) {
      const yes = status === 'approved';
      const about = {
        accountId: who.account_id,
        entityType: 'vs_team_member',
        entityId: m.id,
        now,
      };
      if (yes)
        await notify(trx, { ...about, kind: 'vs_join_approved', params: { team: who.name } });
      else
        await notify(trx, {
          ...about,
          kind: 'vs_join_rejected',
          params: { team: who.name, note: body.note ?? '' },
        });
    }
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'team.join_decided',
      entityType: 'vs_team_member',
      entityId: m.id,
      regionCode: m.region_code,
      before: { status: 'pending' },
      after: { status, note: body.note ?? null },
      requestId: input.requestId,
      now,
    });
    return memberView(await memberRows(trx).where('m.id', '=', m.id).executeTakeFirstOrThrow());
  });
}

export async function listMembers(
  db: Kysely<Database>,
  input: { teamId: string; actor: Actor } & z.infer<typeof MemberQuery>,
) {
  const team = await db
    .selectFrom('vs_teams')
    .select(['id', 'region_code'])
    .where('id', '=', input.teamId)
    .executeTakeFirst();
  if (!team) throw new AppError('VS_TEAM_NOT_FOUND');
  await assertActsForTeam(db, input.actor, team);
  let q = memberRows(db).where('m.team_id', '=', team.id);
  if (input.status) q = q.where('m.status', '=', input.status);
  const rows = await q.orderBy('m.requested_at').orderBy('m.id').execute();
  return rows.map(memberView);
}

/** Join requests the caller may decide: teams they lead (and below), and teams in a staff reach. */
export async function listJoinRequests(
  db: Kysely<Database>,
  input: { status: 'pending' | 'approved' | 'rejected' | 'left'; actor: Actor },
) {
  const led = await ledTeamIds(db, input.actor.accountId);
  const prefixes = reachPrefixes(input.actor, VS_STAFF);
  if (led.length === 0 && prefixes.length === 0) return [];
  const rows = await memberRows(db)
    .where('m.status', '=', input.status)
    .where((eb) =>
      eb.or([
        ...(led.length > 0 ? [eb('m.team_id', 'in', led)] : []),
        ...prefixes.map((p) => eb('t.region_code', 'like', `${p}%`)),
      ]),
    )
    .orderBy('m.requested_at')
    .orderBy('m.id')
    .limit(500)
    .execute();
  return rows.map(memberView);
}
