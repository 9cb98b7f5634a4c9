/**
 * The volunteer team tree (vs_teams: corps → team → sub-team, linked by parent_id) walked by the
 * database in one recursive query, on SQLite and PostgreSQL alike. `UNION` (not `UNION ALL`) keeps
 * each team once, so even a corrupted tree with a loop ends; the ancestor walk stops at
 * MAX_TEAM_DEPTH for the same reason. Replaces the hand-written loops with depth limits 3–6.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Conn = Kysely<Database> | Transaction<Database>;

/** Far deeper than the three levels the product allows; only a guard against a loop. */
export const MAX_TEAM_DEPTH = 32;

/** The given teams and every team below them (each once, in no particular order). */
export async function teamSubtree(
  db: Conn,
  rootIds: string | readonly string[],
): Promise<string[]> {
  const roots = typeof rootIds === 'string' ? [rootIds] : [...rootIds];
  if (roots.length === 0) return [];
  const rows = await sql<{ id: string }>`
    with recursive subtree(id) as (
      select id from vs_teams where id in (${sql.join(roots)})
      union
      select t.id from vs_teams t join subtree s on t.parent_id = s.id
    )
    select id from subtree`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** The teams an account leads, with every team below them. */
export async function teamsLedBy(db: Conn, accountId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    with recursive subtree(id) as (
      select id from vs_teams where leader_account_id = ${accountId}
      union
      select t.id from vs_teams t join subtree s on t.parent_id = s.id
    )
    select id from subtree`.execute(db);
  return rows.rows.map((r) => r.id);
}

export interface TeamLink {
  id: string;
  parentId: string | null;
  leaderAccountId: string | null;
  /** 0 for the team itself, 1 for its parent, … */
  depth: number;
}

/** The team and its ancestors (parent, grandparent …), nearest first; empty for an unknown team. */
export async function teamAncestors(db: Conn, teamId: string): Promise<TeamLink[]> {
  const rows = await sql<{
    id: string;
    parent_id: string | null;
    leader_account_id: string | null;
    depth: number | string;
  }>`
    with recursive chain(id, parent_id, leader_account_id, depth) as (
      select id, parent_id, leader_account_id, 0 from vs_teams where id = ${teamId}
      union all
      select t.id, t.parent_id, t.leader_account_id, c.depth + 1
        from vs_teams t join chain c on t.id = c.parent_id
       where c.depth < ${MAX_TEAM_DEPTH}
    )
    select id, parent_id, leader_account_id, depth from chain order by depth`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    leaderAccountId: r.leader_account_id,
    depth: Number(r.depth),
  }));
}

/** Whether the account leads the team or one of its ancestors. */
export async function leadsTeamOrAncestor(
  db: Conn,
  teamId: string,
  accountId: string,
): Promise<boolean> {
  const chain = await teamAncestors(db, teamId);
  return chain.some((t) => t.leaderAccountId === accountId);
}
