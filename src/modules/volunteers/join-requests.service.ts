/**
 * VS-1 the deciding side of join requests: a leader of the team (or above it) or staff in scope
 * lists and decides them. The volunteer's side is in join-request.requester.ts.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor, type Grant } from '../../shared/actor.ts';
import { notify } from '../notifications/notification.service.ts';
import { memberRows, memberView } from './join-request.view.ts';
import { joinFrom, JOIN_TRANSITIONS } from './join-request.workflow.ts';
import type { JoinDecision } from './volunteers.schema.ts';
import { leadsTeamOrAncestor } from '../../shared/team-tree.ts';
import { isStaffIn, VS_STAFF, type Conn } from './vs.scope.ts';

/** A leader of the team (or above it), or staff whose reach covers the team's region. */
export async function assertActsForTeam(
  db: Conn,
  actor: Actor,
  team: { id: string; region_code: string },
) {
  if (isStaffIn(actor, team.region_code)) {
    return authorize(actor, VS_STAFF, team.region_code);
  }
  if (
    actor.grants.some((g) => g.role === 'team_leader') &&
    (await leadsTeamOrAncestor(db, team.id, actor.accountId))
  ) {
    return actor.grants.find((g) => g.role === 'team_leader')!;
  }
  throw new AppError('VS_NOT_TEAM_LEADER');
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
