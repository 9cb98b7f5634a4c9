/** A case's action log for the staff who may see the case (GS-7: every step, who, when, why). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor } from '../../shared/actor.ts';
import { agentMaySee } from '../agents/authorization.rules.ts';
import { canSeeCase } from './case-parties.ts';

export async function caseHistory(db: Kysely<Database>, input: { id: string; actor: Actor }) {
  const kase = await db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!kase) throw new AppError('CASE_NOT_FOUND');
  if (!canSeeCase(input.actor.grants, kase) || !agentMaySee(input.actor, kase)) {
    throw new AppError('OUT_OF_SCOPE');
  }
  const rows = await db
    .selectFrom('case_actions as a')
    .leftJoin('accounts as u', 'u.id', 'a.actor_id')
    .leftJoin('stations as s', 's.id', 'a.station_id')
    .select([
      'a.seq',
      'a.action',
      'a.from_state',
      'a.to_state',
      'a.actor_role',
      'a.reason',
      'a.at',
      'u.display_name as actor_name',
      's.name as station_name',
    ])
    .where('a.case_id', '=', kase.id)
    .orderBy('a.seq')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    stationName: r.station_name,
    reason: r.reason,
    at: r.at,
  }));
}
