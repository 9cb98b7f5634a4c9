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

/** Who sees every overdue hand-off in their reach (GS-4, GS-8 escalation). */
export const OVERSEERS = ['admin', 'supervisor', 'town_officer'] as const;

type Row = HandoffTable & { from_name: string; to_name: string };

function handoffQuery(db: Kysely<Database>) {
  return db
    .selectFrom('handoffs as h')
    .innerJoin('accounts as fa', 'fa.id', 'h.from_account_id')
    .innerJoin('accounts as ta', 'ta.id', 'h.to_account_id')
    .selectAll('h')
    .select(['fa.display_name as from_name', 'ta.display_name as to_name']);
}

function present(r: Row, now: Date, cal: WorkCalendar) {
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
  return present(row, input.now, await loadWorkCalendar(db));
}

/**
 * incoming: handed to me; outgoing: handed on by me; overdue: pending past the due date that I am
 * party to — or, for supervisors, town officers and admins, every one in their reach.
 */
export async function listHandoffs(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    box: 'incoming' | 'outgoing' | 'overdue';
    status?: 'pending' | 'accepted' | 'declined' | undefined;
    limit: number;
    offset: number;
    now: Date;
  },
) {
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
          ...prefixes.map((p) => eb('h.region_code', 'like', `${p}%`)),
        ]),
      );
  }
  if (input.status) q = q.where('h.status', '=', input.status);
  const rows = await q
    .orderBy('h.created_at', 'desc')
    .orderBy('h.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const cal = await loadWorkCalendar(db);
  return rows.map((r) => present(r, input.now, cal));
}
