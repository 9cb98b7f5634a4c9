/**
 * Loading an order and working out where the caller stands towards it (VS-5): centre staff in
 * reach, the leader of the team it is directed to, of the team holding it, or of a team that may
 * grab it. The standing feeds the workflow table (order.workflow.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsOrderTable, VsTeamTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor, Grant } from '../../shared/actor.ts';
import { CENTRE_ROLES, ledTeams } from './orders.common.ts';
import { teamMayGrab } from './order.rules.ts';
import { availableOrderActions, type OrderAction, type OrderParty } from './order.workflow.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

/** `pii`: the requesters' SMS decrypt their contact phone (order-sms.ts). */
export type Meta = { actor: Actor; requestId: string; now: Date; pii: PiiCipher };
type Db = Kysely<Database> | Transaction<Database>;

export async function loadOrder(db: Db, id: string) {
  const o = await db.selectFrom('vs_orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw new AppError('VS_ORDER_NOT_FOUND');
  return o;
}

/** The caller's centre grant whose reach covers the order's region, or null. */
export function centreGrant(actor: Actor, order: Pick<VsOrderTable, 'region_code'>): Grant | null {
  const g = actor.grants.find(
    (x) =>
      (CENTRE_ROLES as readonly string[]).includes(x.role) &&
      order.region_code.startsWith(x.reachPrefix),
  );
  return g ?? null;
}

/** The teams the caller leads (with their sub-teams), or none when they lead no team. */
export async function callerTeams(db: Db, actor: Actor): Promise<VsTeamTable[]> {
  return actor.grants.some((g) => g.role === 'team_leader') ? ledTeams(db, actor.accountId) : [];
}

/** Pure: the parties the caller is for this order, from their centre grant and led teams. */
export function orderParties(
  order: VsOrderTable,
  centre: boolean,
  mine: readonly VsTeamTable[],
): OrderParty[] {
  const parties: OrderParty[] = [];
  if (centre) parties.push('centre');
  if (mine.some((t) => t.id === order.directed_team_id)) parties.push('directed_team');
  if (order.team_id !== null && mine.some((t) => t.id === order.team_id))
    parties.push('holding_team');
  if (mine.some((t) => teamMayGrab(t, order))) parties.push('eligible_team');
  return parties;
}

/** What the caller may do with the order now (the web shows exactly these). */
export function orderActionsFor(
  actor: Actor,
  order: VsOrderTable,
  mine: readonly VsTeamTable[],
): OrderAction[] {
  return availableOrderActions(
    order.state,
    orderParties(order, centreGrant(actor, order) !== null, mine),
  );
}

export async function loadTeam(db: Db, id: string): Promise<VsTeamTable> {
  const team = await db.selectFrom('vs_teams').selectAll().where('id', '=', id).executeTakeFirst();
  if (!team) throw new AppError('VS_ORDER_TEAM_NOT_FOUND');
  return team;
}

/** A directed order's team: active, not a corps, and of the order's category (or a general team). */
export function assertDirectable(team: VsTeamTable, order: VsOrderTable) {
  if (team.active !== 1 || team.kind === 'corps')
    throw new AppError('VS_TEAM_NOT_ELIGIBLE', { detail: 'inactive team or corps' });
  if (team.category_code !== null && team.category_code !== order.category_code)
    throw new AppError('VS_TEAM_NOT_ELIGIBLE', { detail: 'another category' });
}

/** Picks which of the leader's teams acts; `candidates` are those allowed for this order. */
export function pickTeam(candidates: VsTeamTable[], teamId: string | undefined): VsTeamTable {
  if (teamId) {
    const t = candidates.find((x) => x.id === teamId);
    if (!t) throw new AppError('VS_ORDER_NOT_TEAM_LEADER');
    return t;
  }
  if (candidates.length === 0) throw new AppError('VS_ORDER_NOT_TEAM_LEADER');
  return candidates[0]!;
}
