/** Reading hand-offs: the parties and staff who can see the matter; boxes for lists. */
import type { Kysely } from 'kysely';
import type { Database, HandoffTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { provisionalYears, type WorkCalendar } from '../calendar/working-days.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { accountableForHandoff, isHandoffOverdue } from './handoff.rules.ts';
import { canSeeMatter, loadMatter } from './matter.ts';
import { loadAbsences } from '../posts/post-holdings.ts';
import { whoHoldsPost } from '../posts/posts.rules.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { underPrefix } from '../../shared/region-range.ts';

/** Who sees every overdue hand-off in their reach (GS-4, GS-8 escalation). */
export const OVERSEERS = ['admin', 'supervisor', 'town_officer'] as const;

type Row = HandoffTable & {
  from_name: string;
  to_name: string;
  post_id: string | null;
  post_name: string | null;
  post_a: string | null;
  post_a_name: string | null;
  post_b: string | null;
  post_b_name: string | null;
};

function handoffQuery(db: Kysely<Database>) {
  return db
    .selectFrom('handoffs as h')
    .innerJoin('accounts as fa', 'fa.id', 'h.from_account_id')
    .innerJoin('accounts as ta', 'ta.id', 'h.to_account_id')
    .leftJoin('post_handoffs as ph', 'ph.handoff_id', 'h.id')
    .leftJoin('posts as pp', 'pp.id', 'ph.post_id')
    .leftJoin('accounts as pa', 'pa.id', 'pp.a_account_id')
    .leftJoin('accounts as pb', 'pb.id', 'pp.b_account_id')
    .selectAll('h')
    .select([
      'fa.display_name as from_name',
      'ta.display_name as to_name',
      'pp.id as post_id',
      'pp.name as post_name',
      'pp.a_account_id as post_a',
      'pa.display_name as post_a_name',
      'pp.b_account_id as post_b',
      'pb.display_name as post_b_name',
    ]);
}

/** GS-11: who holds each row's post now (A, or B while A is away), by hand-off id. */
async function postHoldersNow(db: Kysely<Database>, rows: readonly Row[], now: Date) {
  const withPost = rows.filter((r) => r.post_a && r.post_b);
  const at = now.toISOString();
  const absences = await loadAbsences(
    db,
    withPost.flatMap((r) => [r.post_a!, r.post_b!]),
    at,
    new Date(now.getTime() + 1).toISOString(),
  );
  const held = new Map<string, { id: string; displayName: string; slot: 'a' | 'b' } | null>();
  for (const r of withPost) {
    const h = whoHoldsPost({ aAccountId: r.post_a!, bAccountId: r.post_b! }, absences, now);
    held.set(
      r.id,
      h.slot === 'nobody'
        ? null
        : {
            id: h.accountId!,
            displayName: (h.slot === 'a' ? r.post_a_name : r.post_b_name) ?? '',
            slot: h.slot,
          },
    );
  }
  return held;
}

type Holders = Awaited<ReturnType<typeof postHoldersNow>>;

function present(r: Row, now: Date, cal: WorkCalendar, holders: Holders) {
  // GS-8: a deadline counted through a year whose holiday notice is not entered is provisional.
  const years = provisionalYears(chinaDate(new Date(r.created_at)), r.due_date, cal);
  return {
    id: r.id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    firstResponderId: r.first_responder_id,
    from: { id: r.from_account_id, displayName: r.from_name },
    to: { id: r.to_account_id, displayName: r.to_name },
    toPost: r.post_id
      ? { id: r.post_id, name: r.post_name ?? '', holderNow: holders.get(r.id) ?? null }
      : null,
    reason: r.reason,
    dueDate: r.due_date,
    dueDateProvisional: years.length > 0,
    provisionalYears: years,
    status: r.status,
    declineReason: r.decline_reason,
    overdue: isHandoffOverdue({ status: r.status, dueDate: r.due_date }, now),
    accountableId: accountableForHandoff({
      status: r.status,
      firstResponderId: r.first_responder_id,
      fromAccountId: r.from_account_id,
      toAccountId: r.to_account_id,
    }),
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}

function isParty(actor: Actor, r: HandoffTable): boolean {
  return [r.from_account_id, r.to_account_id, r.first_responder_id].includes(actor.accountId);
}

export async function getHandoff(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; now: Date },
) {
  const row = await handoffQuery(db).where('h.id', '=', input.id).executeTakeFirst();
  if (!row) throw new AppError('HANDOFF_NOT_FOUND');
  if (!isParty(input.actor, row)) {
    const matter = await loadMatter(db, row.entity_type, row.entity_id);
    if (!canSeeMatter(input.actor, matter)) throw new AppError('OUT_OF_SCOPE');
  }
  return present(
    row,
    input.now,
    await loadWorkCalendar(db),
    await postHoldersNow(db, [row], input.now),
  );
}

/**
 * incoming: handed to me; outgoing: handed on by me; overdue: pending past the due date that I am
 * party to — or, for supervisors, town officers and admins, every one in their reach.
 */
export interface HandoffFilter {
  actor: Actor;
  box: 'incoming' | 'outgoing' | 'overdue';
  status?: 'pending' | 'accepted' | 'declined' | undefined;
  now: Date;
}

/** The hand-offs a box and filter select (unordered, unpaged). */
function filteredHandoffs(db: Kysely<Database>, input: HandoffFilter) {
  const me = input.actor.accountId;
  let q = handoffQuery(db);
  if (input.box === 'incoming') q = q.where('h.to_account_id', '=', me);
  else if (input.box === 'outgoing') q = q.where('h.from_account_id', '=', me);
  else {
    const prefixes = reachPrefixes(input.actor, OVERSEERS);
    q = q
      .where('h.status', '=', 'pending')
      .where('h.due_date', '<', chinaDate(input.now))
      .where((eb) =>
        eb.or([
          eb('h.to_account_id', '=', me),
          eb('h.from_account_id', '=', me),
          eb('h.first_responder_id', '=', me),
          ...prefixes.map((p) => underPrefix('h.region_code', p)),
        ]),
      );
  }
  if (input.status) q = q.where('h.status', '=', input.status);
  return q;
}

type ListedRow = Awaited<ReturnType<ReturnType<typeof handoffQuery>['execute']>>[number];

async function presentAll(db: Kysely<Database>, rows: ListedRow[], now: Date) {
  const cal = await loadWorkCalendar(db);
  const holders = await postHoldersNow(db, rows, now);
  return rows.map((r) => present(r, now, cal, holders));
}

export async function listHandoffs(
  db: Kysely<Database>,
  input: HandoffFilter & { limit: number; offset: number },
) {
  const rows = await filteredHandoffs(db, input)
    .orderBy('h.created_at', 'desc')
    .orderBy('h.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return presentAll(db, rows, input.now);
}

/** Issue #16 p5: the same list, newest first, by keyset (shared/keyset.ts). */
export const HANDOFF_ORDER: KeysetOrder = {
  list: 'handoffs',
  key: 'h.created_at',
  keyKind: 'timestamp',
  id: 'h.id',
  direction: 'desc',
};

export async function pageHandoffs(
  db: Kysely<Database>,
  input: HandoffFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(HANDOFF_ORDER, input.after);
  const q = filteredHandoffs(db, input);
  const rows = await keysetQuery(q, HANDOFF_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, HANDOFF_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('h.id'));
  return { items: await presentAll(db, shown, input.now), nextCursor, total, totalExact };
}
