/** VS-1 the volunteer's side of a join request: ask (again), withdraw while pending. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { notify } from '../notifications/notification.service.ts';
import { memberRows, memberView } from './join-request.view.ts';
import { joinFrom, JOIN_TRANSITIONS } from './join-request.workflow.ts';
import { ownVolunteerId } from './volunteers.service.ts';

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
      // The requester's own decision, not the team's: an action of its own.
      action: 'team.join_withdrawn',
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
