/**
 * Who may run an activity (VS-6): the leader of its team or of a parent team/corps, the activity's
 * named lead, or volunteer centre staff whose grant covers the activity's region. Who signs up: a
 * volunteer account linked to an active vs_volunteers row.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsActivityTable, VsTeamTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor, Grant } from '../../shared/actor.ts';
import { teamAncestors } from '../../shared/team-tree.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A team and its ancestors' leader accounts (team → parent → corps). */
export async function teamWithLeaders(
  db: Db,
  teamId: string,
): Promise<{ team: VsTeamTable; leaderIds: string[] } | null> {
  const team = await db
    .selectFrom('vs_teams')
    .selectAll()
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team) return null;
  const leaderIds = (await teamAncestors(db, teamId)).flatMap((t) =>
    t.leaderAccountId ? [t.leaderAccountId] : [],
  );
  return { team, leaderIds };
}

/** The grant the actor acts under for a team in a region, or null. */
export function grantForTeam(
  actor: Actor,
  leaderIds: readonly string[],
  regionCode: string,
  leadAccountId?: string,
): Grant | null {
  const leader = actor.grants.find((g) => g.role === 'team_leader');
  if (leader && leaderIds.includes(actor.accountId)) return leader;
  const staff = actor.grants.find(
    (g) => g.role === 'volunteer_staff' && regionCode.startsWith(g.reachPrefix),
  );
  if (staff) return staff;
  if (leadAccountId === actor.accountId) {
    const any = actor.grants.find((g) => g.role === 'team_leader' || g.role === 'volunteer_staff');
    if (any) return any;
  }
  return null;
}

/** Loads an activity and the grant under which the actor manages it; 403 otherwise. */
export async function managedActivity(
  db: Db,
  activityId: string,
  actor: Actor,
): Promise<{ activity: VsActivityTable; grant: Grant }> {
  const activity = await db
    .selectFrom('vs_activities')
    .selectAll()
    .where('id', '=', activityId)
    .executeTakeFirst();
  if (!activity) throw new AppError('VS_ACTIVITY_NOT_FOUND');
  const t = await teamWithLeaders(db, activity.team_id);
  const grant = grantForTeam(
    actor,
    t?.leaderIds ?? [],
    activity.region_code,
    activity.lead_account_id,
  );
  if (!grant) throw new AppError('VS_TEAM_NOT_LED');
  return { activity, grant };
}

export async function mayManage(db: Db, activity: VsActivityTable, actor: Actor): Promise<boolean> {
  if (!actor.grants.some((g) => g.role === 'team_leader' || g.role === 'volunteer_staff'))
    return false;
  const t = await teamWithLeaders(db, activity.team_id);
  return (
    grantForTeam(actor, t?.leaderIds ?? [], activity.region_code, activity.lead_account_id) !== null
  );
}

/** The caller's own active volunteer row. */
export async function myVolunteer(db: Db, actor: Actor): Promise<{ id: string }> {
  const v = await db
    .selectFrom('vs_volunteers')
    .select(['id', 'status'])
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!v || v.status !== 'active') throw new AppError('VS_NOT_A_VOLUNTEER');
  return { id: v.id };
}
