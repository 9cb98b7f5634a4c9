/**
 * VS-1 the deciding side's lists: a team's members and join requests, and the join requests a
 * leader or staff member may decide — oldest request first (requested_at, then id); unpaged for
 * the older callers and by keyset (issue #16 p5, shared/keyset.ts) as `<list>/page`.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { AppError } from '../../shared/problem.ts';
import { teamsLedBy } from '../../shared/team-tree.ts';
import { memberRows, memberView, type MemberRow } from './join-request.view.ts';
import { assertActsForTeam } from './join-requests.service.ts';
import type { MemberQuery } from './volunteers.schema.ts';
import { VS_STAFF } from './vs.scope.ts';
import { underPrefix } from '../../shared/region-range.ts';

type MemberFilter = { teamId: string; actor: Actor } & z.infer<typeof MemberQuery>;
type JoinRequestFilter = { status: 'pending' | 'approved' | 'rejected' | 'left'; actor: Actor };
type Paging = { limit: number; after?: string | undefined };

/** A team's members and requests (its leaders, leaders above it, staff in scope; unordered). */
async function filteredMembers(db: Kysely<Database>, input: MemberFilter) {
  const team = await db
    .selectFrom('vs_teams')
    .select(['id', 'region_code'])
    .where('id', '=', input.teamId)
    .executeTakeFirst();
  if (!team) throw new AppError('VS_TEAM_NOT_FOUND');
  await assertActsForTeam(db, input.actor, team);
  let q = memberRows(db).where('m.team_id', '=', team.id);
  if (input.status) q = q.where('m.status', '=', input.status);
  return q;
}

/** Join requests the caller may decide (teams they lead and below, teams in a staff reach). */
async function filteredJoinRequests(db: Kysely<Database>, input: JoinRequestFilter) {
  const led = await teamsLedBy(db, input.actor.accountId);
  const prefixes = reachPrefixes(input.actor, VS_STAFF);
  if (led.length === 0 && prefixes.length === 0) return null;
  return memberRows(db)
    .where('m.status', '=', input.status)
    .where((eb) =>
      eb.or([
        ...(led.length > 0 ? [eb('m.team_id', 'in', led)] : []),
        ...prefixes.map((p) => underPrefix('t.region_code', p)),
      ]),
    );
}

export async function listMembers(db: Kysely<Database>, input: MemberFilter) {
  const q = await filteredMembers(db, input);
  const rows = await q.orderBy('m.requested_at').orderBy('m.id').execute();
  return rows.map((r) => memberView(r, 'decider'));
}

/** The first 500 the caller may decide, oldest first (the page walks them all). */
export async function listJoinRequests(db: Kysely<Database>, input: JoinRequestFilter) {
  const q = await filteredJoinRequests(db, input);
  if (!q) return [];
  const rows = await q.orderBy('m.requested_at').orderBy('m.id').limit(500).execute();
  return rows.map((r) => memberView(r, 'decider'));
}

/** Issue #16 p5: both lists oldest request first, by keyset. */
export const MEMBER_ORDER: KeysetOrder = {
  list: 'vs-team-members',
  key: 'm.requested_at',
  keyKind: 'timestamp',
  id: 'm.id',
  direction: 'asc',
};
export const JOIN_REQUEST_ORDER: KeysetOrder = { ...MEMBER_ORDER, list: 'vs-join-requests' };

async function pageOfMembers(
  db: Kysely<Database>,
  q: Awaited<ReturnType<typeof filteredMembers>>,
  order: KeysetOrder,
  input: Paging,
) {
  const after = cursorAfter(order, input.after);
  const rows: MemberRow[] = await keysetQuery(q, order, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, order, (r) => ({
    key: r.requested_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('m.id'));
  return { items: shown.map((r) => memberView(r, 'decider')), nextCursor, total, totalExact };
}

export async function pageMembers(db: Kysely<Database>, input: MemberFilter & Paging) {
  cursorAfter(MEMBER_ORDER, input.after); // a bad cursor is a 400 before any read
  return pageOfMembers(db, await filteredMembers(db, input), MEMBER_ORDER, input);
}

export async function pageJoinRequests(db: Kysely<Database>, input: JoinRequestFilter & Paging) {
  cursorAfter(JOIN_REQUEST_ORDER, input.after);
  const q = await filteredJoinRequests(db, input);
  if (!q) return { items: [], nextCursor: null, total: 0, totalExact: true };
  return pageOfMembers(db, q, JOIN_REQUEST_ORDER, input);
}
