/** VS-2 who may edit a resource or project list entry, and the team it names. */
import { AppError } from '../../shared/problem.ts';
import { authorize, type Caller, type Grant, isSystemActor } from '../../shared/actor.ts';
import { leadsTeamOrAncestor } from '../../shared/team-tree.ts';
import { isStaffIn, regionInfo, VS_STAFF, type Conn } from './vs.scope.ts';

/**
 * Staff whose reach covers the region; or a team leader for a team they lead (or lead above),
 * with the entry inside that team's region.
 */
export async function assertListEditor(
  db: Conn,
  actor: Caller,
  regionCode: string,
  teamId: string | null,
): Promise<Grant | undefined> {
  if (isSystemActor(actor)) return undefined;
  if (isStaffIn(actor, regionCode)) return authorize(actor, VS_STAFF, regionCode);
  const leaderGrant = actor.grants.find((g) => g.role === 'team_leader');
  if (leaderGrant && teamId) {
    const team = await db
      .selectFrom('vs_teams')
      .select(['region_code'])
      .where('id', '=', teamId)
      .executeTakeFirst();
    if (team && (await leadsTeamOrAncestor(db, teamId, actor.accountId))) {
      const teamRegion = await regionInfo(db, team.region_code);
      if (!regionCode.startsWith(teamRegion.prefix)) throw new AppError('OUT_OF_SCOPE');
      return leaderGrant;
    }
  }
  if (actor.grants.some((g) => (VS_STAFF as readonly string[]).includes(g.role)))
    throw new AppError('OUT_OF_SCOPE');
  throw new AppError('VS_NOT_TEAM_LEADER');
}

export async function assertTeam(db: Conn, teamId: string | null | undefined) {
  if (!teamId) return;
  const t = await db
    .selectFrom('vs_teams')
    .select('id')
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!t) throw new AppError('VS_TEAM_NOT_FOUND');
}
