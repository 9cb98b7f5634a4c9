/** VS-1 join requests: a volunteer asks to join a team; a leader of it (or above it) or staff decides. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../server/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, reachPrefixes, type Actor, type Grant } from '../auth/actor.ts';
import { notify } from '../first-response/notification.service.ts';
import type { JoinDecision, MemberQuery } from './volunteers.schema.ts';
import { ownVolunteerId } from './volunteers.service.ts';
import { isStaffIn, leadsTeam, ledTeamIds, VS_STAFF, type Conn } from './vs.scope.ts';
import {
  availableJoinActions,
  joinFrom,
  JOIN_TRANSITIONS,
  type JoinParty,
} from './join-request.workflow.ts';

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

/** A join request (or membership) with what `party` may do to it now. */
function memberView(m: MemberRow, party: JoinParty) {
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
    availableActions: availableJoinActions(m.status, party),
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
        status: JOIN_TRANSITIONS.request.to,
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
          status: JOIN_TRANSITIONS.request.to,
          note: input.note ?? null,
          requested_at: nowIso,
          decided_by: null,
          decided_at: null,
        })
        .where('team_id', '=', team.id)
        .where('volunteer_id', '=', volunteerId)
        .where('status', 'in', joinFrom('request'))
        .executeTakeFirst();
      if (Number(again.numUpdatedRows) === 0) throw new AppError(JOIN_TRANSITIONS.request.refusal);
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
    return memberView(row, 'requester');
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
    const rule = JOIN_TRANSITIONS[body.decision];
    const status = rule.to;
    const res = await trx
      .updateTable('vs_team_members')
      .set({
        status,
        decided_by: actor.accountId,
        decided_at: now.toISOString(),
        ...(body.note ? { note: body.note } : {}),
      })
      .where('id', '=', m.id)
      .where('status', 'in', joinFrom(body.decision))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError(rule.refusal);
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
    return memberView(
      await memberRows(trx).where('m.id', '=', m.id).executeTakeFirstOrThrow(),
      'decider',
    );
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
  return rows.map((r) => memberView(r, 'decider'));
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
  return rows.map((r) => memberView(r, 'decider'));
}

/** The volunteer takes back their own pending join request (it becomes `left`: they may ask again). */
export async function withdrawJoin(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; requestId: string; now: Date },
) {
  const { actor, now } = input;
  return db.transaction().execute(async (trx) => {
    const volunteerId = await ownVolunteerId(trx, actor);
    const m = await trx
      .selectFrom('vs_team_members as m')
      .innerJoin('vs_teams as t', 't.id', 'm.team_id')
      .select(['m.id', 'm.status', 'm.volunteer_id', 't.region_code'])
      .where('m.id', '=', input.id)
      .executeTakeFirst();
    // Someone else's request is no business of the caller: as if it did not exist.
    if (!m || m.volunteer_id !== volunteerId) throw new AppError('VS_JOIN_REQUEST_NOT_FOUND');
    const rule = JOIN_TRANSITIONS.withdraw;
    const res = await trx
      .updateTable('vs_team_members')
      .set({ status: rule.to, decided_by: actor.accountId, decided_at: now.toISOString() })
      .where('id', '=', m.id)
      .where('status', 'in', joinFrom('withdraw'))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError(rule.refusal);
    await recordAudit(trx, {
      actor: auditActor(
        actor,
        actor.grants.find((g) => g.role === 'volunteer'),
      ),
      // The requester's own decision; a 'team.join_withdrawn' action would need audit-actions.ts.
      action: 'team.join_decided',
      entityType: 'vs_team_member',
      entityId: m.id,
      regionCode: m.region_code,
      before: { status: m.status },
      after: { status: rule.to, withdrawn: true },
      requestId: input.requestId,
      now,
    });
    return memberView(
      await memberRows(trx).where('m.id', '=', m.id).executeTakeFirstOrThrow(),
      'requester',
    );
  });
}
