/**
 * VS-6 the activities list: those open for sign-up in the caller's reach (view=open, soonest
 * first) or those they run (view=managed, latest first) — by offset, and by keyset (issue #16 p5).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsActivityTable } from '../../db/schema.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { teamsLedBy } from '../../shared/team-tree.ts';
import type { ActivityQuery } from './activity.schema.ts';
import { presentActivity } from './activity.view.ts';
import { underAnyPrefix, underPrefix } from '../../shared/region-range.ts';

type ActivityFilter = Omit<z.infer<typeof ActivityQuery>, 'limit' | 'offset'> & {
  actor: Actor;
  now: Date;
};

/** The activities a filter selects (unordered, unpaged); null when the caller reaches none. */
async function filteredActivities(db: Kysely<Database>, input: ActivityFilter) {
  const { actor } = input;
  let q = db.selectFrom('vs_activities as a');
  if (input.orderId) q = q.where('a.order_id', '=', input.orderId);
  if (input.view === 'open') {
    const reach = reachPrefixes(actor, ['volunteer', 'volunteer_staff', 'team_leader']);
    if (reach.length === 0) return null;
    return q
      .where('a.status', '=', 'open')
      .where('a.starts_at', '>', input.now.toISOString())
      .where(underAnyPrefix('a.region_code', reach));
  }
  // Managed: teams I lead (and their sub-teams), activities I lead, staff reach.
  const ledIds = new Set(await teamsLedBy(db, actor.accountId));
  const staffReach = reachPrefixes(actor, ['volunteer_staff']);
  const isLeader = actor.grants.some((g) => g.role === 'team_leader');
  return q.where((eb) =>
    eb.or([
      eb('a.lead_account_id', '=', actor.accountId),
      ...(isLeader && ledIds.size > 0 ? [eb('a.team_id', 'in', [...ledIds])] : []),
      ...staffReach.map((p) => underPrefix('a.region_code', p)),
    ]),
  );
}

async function presentAll(db: Kysely<Database>, rows: VsActivityTable[], input: ActivityFilter) {
  const out = [];
  for (const a of rows) out.push(await presentActivity(db, a, input.actor, input.now));
  return out;
}

export async function listActivities(
  db: Kysely<Database>,
  input: z.infer<typeof ActivityQuery> & { actor: Actor; now: Date },
) {
  const q = await filteredActivities(db, input);
  if (!q) return [];
  const rows = await q
    .selectAll('a')
    .orderBy('a.starts_at', input.view === 'open' ? 'asc' : 'desc')
    .orderBy('a.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return presentAll(db, rows, input);
}

/** Issue #16 p5: the same lists by keyset — open soonest first, managed latest first. */
export const ACTIVITY_ORDERS: Record<ActivityFilter['view'], KeysetOrder> = {
  open: {
    list: 'vs-activities-open',
    key: 'a.starts_at',
    keyKind: 'timestamp',
    id: 'a.id',
    direction: 'asc',
  },
  managed: {
    list: 'vs-activities-managed',
    key: 'a.starts_at',
    keyKind: 'timestamp',
    id: 'a.id',
    direction: 'desc',
  },
};

export async function pageActivities(
  db: Kysely<Database>,
  input: ActivityFilter & { limit: number; after?: string | undefined },
) {
  const order = ACTIVITY_ORDERS[input.view];
  const after = cursorAfter(order, input.after);
  const q = await filteredActivities(db, input);
  if (!q) return { items: [], nextCursor: null, total: 0, totalExact: true };
  const rows = await keysetQuery(q.selectAll('a'), order, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, order, (r) => ({
    key: r.starts_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.select('a.id'));
  return { items: await presentAll(db, shown, input), nextCursor, total, totalExact };
}
