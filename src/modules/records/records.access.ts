/**
 * Who acts for which team (谁记录谁证明): a team leader for the teams they lead and every team
 * below them (corps → team → sub-team); volunteer_staff for teams whose region is in their grant.
 * Readers (admin, supervisor) see teams in their reach but never issue.
 */
import type { Kysely } from 'kysely';
import { teamAncestors, teamsLedBy, teamSubtree } from '../../shared/team-tree.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { reachPrefixes, type Actor, type Grant } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';

export const ISSUER_ROLES = ['team_leader', 'volunteer_staff'] as const satisfies readonly Role[];
/** Who may read records of teams in their reach (besides leaders and the volunteer themself). */
export const SCOPE_READER_ROLES = [
  'admin',
  'supervisor',
  'volunteer_staff',
] as const satisfies readonly Role[];
export const RECORD_READER_ROLES = [
  'admin',
  'supervisor',
  'volunteer_staff',
  'team_leader',
  'volunteer',
] as const satisfies readonly Role[];

export interface TeamRow {
  id: string;
  parent_id: string | null;
  name: string;
  kind: 'corps' | 'team' | 'subteam';
  region_code: string;
  leader_account_id: string | null;
  organisation_name: string;
  person_in_charge: string;
  contact_phone: string;
}

const TEAM_COLUMNS = [
  'id',
  'parent_id',
  'name',
  'kind',
  'region_code',
  'leader_account_id',
  'organisation_name',
  'person_in_charge',
  'contact_phone',
] as const;

export async function loadTeam(db: Kysely<Database>, id: string): Promise<TeamRow> {
  const t = await db
    .selectFrom('vs_teams')
    .select(TEAM_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!t) throw new AppError('VS_TEAM_NOT_FOUND');
  return t;
}

/** The team and its ancestors (parent, grandparent …), nearest first (the kernel's walk). */
export async function teamChain(db: Kysely<Database>, id: string): Promise<TeamRow[]> {
  const links = await teamAncestors(db, id);
  if (links.length === 0) throw new AppError('VS_TEAM_NOT_FOUND');
  const rows = await db
    .selectFrom('vs_teams')
    .select(TEAM_COLUMNS)
    .where(
      'id',
      'in',
      links.map((l) => l.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return links.map((l) => {
    const row = byId.get(l.id);
    if (!row) throw new AppError('VS_TEAM_NOT_FOUND');
    return row;
  });
}

/** The grant under which the actor acts for the team as its organisation, or null. */
export function issuerGrant(actor: Actor, chain: readonly TeamRow[]): Grant | null {
  const leader = actor.grants.find((g) => g.role === 'team_leader');
  if (leader && chain.some((t) => t.leader_account_id === actor.accountId)) return leader;
  const staff = actor.grants.find(
    (g) => g.role === 'volunteer_staff' && chain[0]!.region_code.startsWith(g.reachPrefix),
  );
  return staff ?? null;
}

/** Throws VS_NOT_TEAM_ISSUER unless the actor acts for the team. */
export async function requireIssuer(
  db: Kysely<Database>,
  actor: Actor,
  teamId: string,
): Promise<{ team: TeamRow; grant: Grant; subtree: string[] }> {
  const chain = await teamChain(db, teamId);
  const grant = issuerGrant(actor, chain);
  if (!grant) throw new AppError('VS_NOT_TEAM_ISSUER');
  return { team: chain[0]!, grant, subtree: await teamSubtree(db, teamId) };
}

/** Teams led by the actor (directly or through a parent team), for list filters. */
export async function ledTeamIds(db: Kysely<Database>, actor: Actor): Promise<string[]> {
  if (!actor.grants.some((g) => g.role === 'team_leader')) return [];
  return teamsLedBy(db, actor.accountId);
}

/** What part of the records the actor may see: led teams and region prefixes (team regions). */
export interface TeamVisibility {
  teamIds: string[];
  prefixes: string[];
}

export async function teamVisibility(db: Kysely<Database>, actor: Actor): Promise<TeamVisibility> {
  return {
    teamIds: await ledTeamIds(db, actor),
    prefixes: reachPrefixes(actor, SCOPE_READER_ROLES),
  };
}

export function seesTeam(v: TeamVisibility, team: { id: string; region_code: string }): boolean {
  return v.teamIds.includes(team.id) || v.prefixes.some((p) => team.region_code.startsWith(p));
}
