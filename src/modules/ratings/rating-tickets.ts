/**
 * GS-13: rectification tickets of 差评, worked by the unit that handled the service: call back,
 * verify and classify (立行立改 / 限期整改 with a date / 解释说明), record the outcome, the resident's
 * reply, close. Each step is a conditional update on (id, version, state) from the transition table.
 */
import type { Kysely } from 'kysely';
import type { Database, TicketClassification } from '../../db/schema.ts';
import type { RatingTicketTable } from '../../db/schema/ratings.ts';
import type { Selectable } from 'kysely';
import { AppError } from '../../shared/problem.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { auditActor, authorize, reachPrefixes, type Actor } from '../../shared/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { RATING_HANDLERS } from './ratings.access.ts';
import { ratingViews } from './ratings.view.ts';
import { ticketDueDates } from './submit-rating.ts';
import {
  availableTicketActions,
  isTicketOpen,
  ticketTransition,
  type TicketAction,
  type TicketDeadlines,
} from './ticket.workflow.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export interface TicketStep {
  action: TicketAction;
  version: number;
  note?: string | undefined;
  classification?: TicketClassification | undefined;
  fixDueDate?: string | undefined;
  complex?: boolean | undefined;
  outcome?: string | undefined;
  reply?: string | undefined;
  satisfied?: boolean | undefined;
}

type TicketRow = Selectable<RatingTicketTable>;

async function ticketViews(
  db: Kysely<Database>,
  actor: Actor,
  tickets: readonly TicketRow[],
  now: Date,
) {
  if (tickets.length === 0) return [];
  const ratings = await db
    .selectFrom('ratings')
    .selectAll()
    .where(
      'id',
      'in',
      tickets.map((t) => t.rating_id),
    )
    .execute();
  const views = await ratingViews(db, actor, ratings);
  const today = chinaDate(now);
  const canWork = (t: TicketRow) =>
    actor.grants.some(
      (g) =>
        (RATING_HANDLERS as readonly string[]).includes(g.role) &&
        t.region_code.startsWith(g.reachPrefix),
    );
  return tickets.map((t) => ({
    id: t.id,
    state: t.state,
    classification: t.classification,
    complex: t.complex === 1,
    callbackDue: t.callback_due,
    dueDate: t.due_date,
    fixDueDate: t.fix_due_date,
    calledBackAt: t.called_back_at,
    callbackNote: t.callback_note,
    verifyNote: t.verify_note,
    outcome: t.outcome,
    residentReply: t.resident_reply,
    residentSatisfied: t.resident_satisfied === null ? null : t.resident_satisfied === 1,
    closedAt: t.closed_at,
    version: t.version,
    overdue: isTicketOpen(t.state) && t.due_date < today,
    callbackOverdue: t.state === 'opened' && t.callback_due < today,
    createdAt: t.created_at,
    rating: views.find((v) => v.id === t.rating_id)!,
    availableActions: canWork(t) ? availableTicketActions(t.state, t.classification) : [],
  }));
}

export interface TicketFilter {
  actor: Actor;
  open: boolean;
}

/** The tickets a filter selects in the caller's reach (unordered, unpaged). */
function filteredTickets(db: Kysely<Database>, input: TicketFilter) {
  const prefixes = reachPrefixes(input.actor, RATING_HANDLERS);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  let q = db
    .selectFrom('rating_tickets')
    .selectAll()
    .where(underAnyPrefix('region_code', prefixes));
  if (input.open) q = q.where('state', '!=', 'closed');
  return q;
}

export async function listTickets(
  db: Kysely<Database>,
  input: TicketFilter & { limit: number; offset: number; now: Date },
) {
  const rows = await filteredTickets(db, input)
    .orderBy('due_date')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return ticketViews(db, input.actor, rows, input.now);
}

/** Issue #16 p5: the same list, soonest due first, by keyset (shared/keyset.ts). */
export const TICKET_ORDER: KeysetOrder = {
  list: 'rating-tickets',
  key: 'due_date',
  keyKind: 'text',
  id: 'id',
  direction: 'asc',
};

export async function pageTickets(
  db: Kysely<Database>,
  input: TicketFilter & { limit: number; after?: string | undefined; now: Date },
) {
  const after = cursorAfter(TICKET_ORDER, input.after);
  const q = filteredTickets(db, input);
  const rows = await keysetQuery(q, TICKET_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, TICKET_ORDER, (r) => ({
    key: r.due_date,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('id'));
  return {
    items: await ticketViews(db, input.actor, shown, input.now),
    nextCursor,
    total,
    totalExact,
  };
}

export async function getTicket(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; now: Date },
) {
  const t = await db
    .selectFrom('rating_tickets')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!t) throw new AppError('RATING_TICKET_NOT_FOUND');
  authorize(input.actor, RATING_HANDLERS, t.region_code);
  return (await ticketViews(db, input.actor, [t], input.now))[0]!;
}

function stepChanges(
  t: TicketRow,
  step: TicketStep,
  nowIso: string,
  today: string,
): Partial<TicketRow> {
  switch (step.action) {
    case 'call_back':
      if (!step.note) throw new AppError('RATING_TICKET_FIELDS');
      return { called_back_at: nowIso, callback_note: step.note };
    case 'classify':
      if (!step.note || !step.classification) throw new AppError('RATING_TICKET_FIELDS');
      if (step.classification === 'fix_by_date' && (!step.fixDueDate || step.fixDueDate < today))
        throw new AppError('RATING_TICKET_FIELDS');
      return {
        verify_note: step.note,
        classification: step.classification,
        fix_due_date: step.classification === 'fix_by_date' ? step.fixDueDate! : null,
        complex: step.complex ? 1 : t.complex,
      };
    case 'rectify':
    case 'explain':
      if (!step.outcome) throw new AppError('RATING_TICKET_FIELDS');
      return { outcome: step.outcome };
    case 'record_reply':
      if (!step.reply || step.satisfied === undefined) throw new AppError('RATING_TICKET_FIELDS');
      return { resident_reply: step.reply, resident_satisfied: step.satisfied ? 1 : 0 };
    case 'close':
      return { closed_at: nowIso };
  }
}

export async function actOnTicket(
  db: Kysely<Database>,
  input: {
    id: string;
    step: TicketStep;
    actor: Actor;
    now: Date;
    requestId?: string;
    deadlines?: TicketDeadlines;
  },
) {
  const t = await db
    .selectFrom('rating_tickets')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!t) throw new AppError('RATING_TICKET_NOT_FOUND');
  const grant = authorize(input.actor, RATING_HANDLERS, t.region_code);
  const to = ticketTransition(t.state, input.step.action, t.classification);
  if (!to || t.version !== input.step.version) throw new AppError('RATING_TICKET_STATE');
  const nowIso = input.now.toISOString();
  const changes = stepChanges(t, input.step, nowIso, chinaDate(input.now));
  await db.transaction().execute(async (trx) => {
    // A complex case (复杂) gets the longer budget, counted from the ticket's opening.
    if (changes.complex === 1 && t.complex === 0) {
      const due = await ticketDueDates(trx, {
        from: new Date(t.created_at),
        complex: true,
        deadlines: input.deadlines,
      });
      changes.due_date = due.dueDate;
    }
    const r = await trx
      .updateTable('rating_tickets')
      .set({ ...changes, state: to, version: t.version + 1, updated_at: nowIso })
      .where('id', '=', t.id)
      .where('version', '=', t.version)
      .where('state', '=', t.state)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('RATING_TICKET_STATE');
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'rating_ticket.transitioned',
      entityType: 'rating_ticket',
      entityId: t.id,
      regionCode: t.region_code,
      before: { state: t.state },
      after: {
        state: to,
        action: input.step.action,
        classification: changes.classification ?? t.classification,
      },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return getTicket(db, { id: t.id, actor: input.actor, now: input.now });
}
