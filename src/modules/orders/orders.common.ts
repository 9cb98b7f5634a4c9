/** Shared by the needs, orders and ratings services: roles, team leadership, names, timeline rows. */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsOrderState, VsTeamTable } from '../../db/schema.ts';
import type { Role } from '../../shared/roles.ts';
import { notify } from '../notifications/notification.service.ts';
import type { NotificationKind, NotificationParamsByKind } from '../notifications/kinds.ts';
import { teamsLedBy } from '../../shared/team-tree.ts';

/** 文明实践中心 staff: review needs, merge, dispatch, reassign, cancel — in their region. */
export const CENTRE_ROLES = ['volunteer_staff'] as const satisfies readonly Role[];
/** Who may order on a resident's behalf (phone call, WeChat message, walk-in): centre staff and grid workers. */
export const RECORDER_ROLES = [
  'volunteer_staff',
  'town_officer',
  'clerk',
  'agent',
] as const satisfies readonly Role[];
export const LEADER_ROLES = ['team_leader'] as const satisfies readonly Role[];
/** Who may open an order's detail (each then sees what their scope or team allows). */
export const ORDER_READERS = [...CENTRE_ROLES, ...LEADER_ROLES] as const;

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The teams an account acts for: the teams it leads, and their sub-teams (a corps leader acts for
 * its teams and their sub-teams, the whole tree below them).
 */
export async function ledTeams(db: Db, accountId: string): Promise<VsTeamTable[]> {
  const ids = await teamsLedBy(db, accountId);
  if (ids.length === 0) return [];
  return db.selectFrom('vs_teams').selectAll().where('id', 'in', ids).execute();
}

export interface Names {
  region(code: string | null): string | null;
  category(code: string | null): string | null;
  team(id: string | null): string | null;
  account(id: string | null): string | null;
  project(id: string | null): string | null;
}

/** Looks the display names up in a few batched queries. */
export async function loadNames(
  db: Db,
  want: {
    regions?: (string | null)[];
    categories?: (string | null)[];
    teams?: (string | null)[];
    accounts?: (string | null)[];
    projects?: (string | null)[];
  },
): Promise<Names> {
  const uniq = (xs: (string | null)[] | undefined) => [
    ...new Set((xs ?? []).filter((x): x is string => !!x)),
  ];
  const regions = uniq(want.regions);
  const categories = uniq(want.categories);
  const teams = uniq(want.teams);
  const accounts = uniq(want.accounts);
  const projects = uniq(want.projects);
  const [r, c, t, a, p] = await Promise.all([
    regions.length
      ? db.selectFrom('regions').select(['code', 'name']).where('code', 'in', regions).execute()
      : [],
    categories.length
      ? db
          .selectFrom('vs_categories')
          .select(['code', 'name_zh as name'])
          .where('code', 'in', categories)
          .execute()
      : [],
    teams.length
      ? db.selectFrom('vs_teams').select(['id as code', 'name']).where('id', 'in', teams).execute()
      : [],
    accounts.length
      ? db
          .selectFrom('accounts')
          .select(['id as code', 'display_name as name'])
          .where('id', 'in', accounts)
          .execute()
      : [],
    projects.length
      ? db
          .selectFrom('vs_projects')
          .select(['id as code', 'name'])
          .where('id', 'in', projects)
          .execute()
      : [],
  ]);
  const map = (rows: { code: string; name: string }[]) => {
    const m = new Map(rows.map((x) => [x.code, x.name]));
    return (k: string | null) => (k ? (m.get(k) ?? null) : null);
  };
  return {
    region: map(r),
    category: map(c),
    team: map(t),
    account: map(a),
    project: map(p),
  };
}

/** One row of the order's timeline. */
export async function addAction(
  trx: Transaction<Database>,
  a: {
    orderId: string;
    action: string;
    from: VsOrderState | null;
    to: VsOrderState;
    teamId?: string | null;
    reasonCode?: string | null;
    note?: string | null;
    actorId: string | null;
    now: Date;
  },
): Promise<void> {
  // The timeline is ordered by `at`: keep it strictly increasing per order even when two steps
  // share a clock reading (tests with a fixed clock, or fast successive steps).
  const last = await trx
    .selectFrom('vs_order_actions')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('order_id', '=', a.orderId)
    .executeTakeFirst();
  const lastMs = last?.at ? Date.parse(String(last.at)) : -Infinity;
  const at = new Date(Math.max(a.now.getTime(), lastMs + 1)).toISOString();
  await trx
    .insertInto('vs_order_actions')
    .values({
      id: crypto.randomUUID(),
      order_id: a.orderId,
      action: a.action,
      from_state: a.from,
      to_state: a.to,
      team_id: a.teamId ?? null,
      reason_code: a.reasonCode ?? null,
      note: a.note ?? null,
      actor_id: a.actorId,
      at,
    })
    .execute();
}

/** Issue #11: an order message, as a kind and its parameters. */
export type OrderMessage = {
  [K in NotificationKind]: K extends `vs_order_${string}`
    ? { kind: K; params: NotificationParamsByKind[K] }
    : never;
}[NotificationKind];

/** Tells every requester with an account whose need is linked to the order (once per account). */
export async function notifyRequesters(
  trx: Transaction<Database>,
  orderId: string,
  msg: OrderMessage,
  now: Date,
): Promise<number> {
  const rows = await trx
    .selectFrom('vs_needs')
    .select(['requester_account_id'])
    .where('order_id', '=', orderId)
    .where('requester_account_id', 'is not', null)
    .execute();
  const ids = [...new Set(rows.map((r) => r.requester_account_id!))];
  for (const accountId of ids)
    await notify(trx, {
      accountId,
      ...msg,
      entityType: 'vs_order',
      entityId: orderId,
      now,
    });
  return ids.length;
}

/** Tells the leader of a team (when it has one). */
export async function notifyTeamLeader(
  trx: Transaction<Database>,
  teamId: string,
  orderId: string,
  msg: OrderMessage,
  now: Date,
): Promise<void> {
  const team = await trx
    .selectFrom('vs_teams')
    .select('leader_account_id')
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team?.leader_account_id) return;
  await notify(trx, {
    accountId: team.leader_account_id,
    ...msg,
    entityType: 'vs_order',
    entityId: orderId,
    now,
  });
}

/** Centre staff whose grant sits exactly on a region (the staff "of that level"). */
export async function notifyCentreAt(
  trx: Transaction<Database>,
  regionCode: string,
  orderId: string,
  msg: OrderMessage,
  now: Date,
): Promise<number> {
  const rows = await trx
    .selectFrom('role_grants')
    .select('account_id')
    .where('role', '=', 'volunteer_staff')
    .where('region_code', '=', regionCode)
    .execute();
  const ids = [...new Set(rows.map((r) => r.account_id))];
  for (const accountId of ids)
    await notify(trx, {
      accountId,
      ...msg,
      entityType: 'vs_order',
      entityId: orderId,
      now,
    });
  return ids.length;
}
