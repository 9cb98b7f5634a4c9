/** VS-1 teams: corps (总队) → teams → sub-teams (join requests: join-requests.service.ts). */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database, VsTeamTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  auditActor,
  authorize,
  type Actor,
  isSystemActor,
  type Caller,
} from '../../shared/actor.ts';
import type { NewTeam, TeamQuery, TeamUpdate } from './volunteers.schema.ts';
import { teamsLedBy } from '../../shared/team-tree.ts';
import { regionInfo, VS_STAFF, type Conn } from './vs.scope.ts';
import { likeText } from '../../shared/like-pattern.ts';
import { underPrefix } from '../../shared/region-range.ts';

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

export function teamView(t: TeamRow, led: Set<string>) {
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

export async function createTeam(db: Kysely<Database>, input: Parameters<typeof createTeamIn>[1]) {
  return db.transaction().execute((trx) => createTeamIn(trx, input));
}

/**
 * Creates a team inside the caller's transaction (an import writes every row in one): the parent's
 * kind and region, the category and the leader checked, the audit event written.
 */
export async function createTeamIn(
  trx: Transaction<Database>,
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
      !isSystemActor(input.actor) && body.leaderAccountId === input.actor.accountId ? [row.id] : [],
    ),
  );
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
  return db.transaction().execute(async (trx) => {
    await updateTeamIn(trx, input);
    const row = await teamsQuery(trx).where('t.id', '=', input.id).executeTakeFirstOrThrow();
    return teamView(row, new Set(await teamsLedBy(trx, input.actor.accountId)));
  });
}

/** Changes a team inside the caller's transaction (category and leader checked), audited. */
export async function updateTeamIn(
  trx: Transaction<Database>,
  input: {
    id: string;
    body: z.infer<typeof TeamUpdate>;
    actor: Caller;
    requestId: string | null;
    now: Date;
  },
): Promise<void> {
  const { body, now, actor } = input;
  const before = await trx
    .selectFrom('vs_teams')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!before) throw new AppError('VS_TEAM_NOT_FOUND');
  const grant = isSystemActor(actor) ? undefined : authorize(actor, VS_STAFF, before.region_code);
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
}

/** The teams a filter selects (unordered, unpaged): every logged-in role may browse them. */
export async function filteredTeams(db: Kysely<Database>, input: z.infer<typeof TeamQuery>) {
  let q = teamsQuery(db);
  if (input.regionCode) {
    const region = await regionInfo(db, input.regionCode);
    q = q.where(underPrefix('t.region_code', region.prefix));
  }
  if (input.category) q = q.where('t.category_code', '=', input.category);
  if (input.kind) q = q.where('t.kind', '=', input.kind);
  if (input.active) q = q.where('t.active', '=', input.active === 'true' ? 1 : 0);
  const text = input.q;
  if (text)
    q = q.where((eb) => eb.or([likeText(eb, 't.name', text), likeText(eb, 't.description', text)]));
  return q;
}

/** Every logged-in role may browse teams (they are published); filters narrow the list. */
export async function listTeams(
  db: Kysely<Database>,
  input: z.infer<typeof TeamQuery> & { actor: Actor },
) {
  const q = await filteredTeams(db, input);
  const rows = await q.orderBy('t.region_code').orderBy('t.created_at').orderBy('t.id').execute();
  const led = new Set(await teamsLedBy(db, input.actor.accountId));
  return rows.map((r) => teamView(r, led));
}

export async function getTeam(db: Kysely<Database>, input: { id: string; actor: Actor }) {
  const row = await teamsQuery(db).where('t.id', '=', input.id).executeTakeFirst();
  if (!row) throw new AppError('VS_TEAM_NOT_FOUND');
  return teamView(row, new Set(await teamsLedBy(db, input.actor.accountId)));
}
